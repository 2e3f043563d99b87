// `kubectl wait` and `kubectl delete` (which waits too) against the real kubectl v1.32, with
// watches served: two clusters made alike live through the same 40 virtual seconds, one watched
// by each client, and both print the same bytes.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine';
import { runOnTwins } from '../testing/real-twins';

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

/** Pods web and db start as the command does; with `deleteWeb`, web is deleted 3 s in. */
function prepare(c: Cluster, deleteWeb: boolean): void {
  c.store.create('pods', pod('web'));
  c.store.create('pods', pod('db'));
  if (!deleteWeb) return;
  c.clock.register('test/delete', () => void c.api.delete('pods', 'default', 'web', {}));
  c.clock.schedule(3_000, 'test/delete');
}

describe('kubectl wait matches kubectl 1.32 while the cluster changes', () => {
  it.each([
    [['wait', '--for=condition=Ready', 'pod/web', '--timeout=60s'], false],
    [['wait', '--for=condition=Ready', 'pods', '-l', 'app=w', '--timeout=60s'], false],
    [['wait', '--for=jsonpath={.status.phase}=Running', 'pod/db'], false],
    [['wait', '--for=delete', 'pod/web', '--timeout=60s'], true],
    [['delete', 'pod', 'web'], false],
  ] as [string[], boolean][])('%j', async (args, deleteWeb) => {
    const { mine, real } = await runOnTwins(args, (c) => prepare(c, deleteWeb), 40_000, 1_000);
    expect(mine).toEqual(real);
  }, 60_000);
});
