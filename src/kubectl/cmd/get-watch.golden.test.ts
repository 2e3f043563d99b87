// `kubectl get -w` against the real kubectl v1.32 (loopback harness, which streams watch events):
// two clusters made alike live through the same 11 virtual seconds, one watched by each client,
// and both print the same bytes.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine';
import { runOnTwins } from '../testing/real-twins';

const pod = (name: string, namespace = 'default') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

/**
 * The same history for both clusters: `before` exist and run; a pod with a longer name arrives 3 s
 * into the watch, and `db` (when there is one) is deleted at 5 s.
 */
function prepare(c: Cluster, before: string[]): void {
  for (const name of before) c.store.create('pods', pod(name));
  c.clock.advance(20_000);
  c.clock.register('test/later', () => void c.store.create('pods', pod('a-much-longer-name-later')));
  c.clock.schedule(3_000, 'test/later');
  if (!before.includes('db')) return;
  c.clock.register('test/delete', () => void c.api.delete('pods', 'default', 'db', {}));
  c.clock.schedule(5_000, 'test/delete');
}

describe('kubectl get --watch matches kubectl 1.32', () => {
  it.each([
    [['get', 'pods', '-w'], []],
    [['get', 'pods', '-w'], ['web', 'db']],
    [['get', 'pod', 'web', '-w'], ['web', 'db']],
    [['get', 'pods', '-w', '--no-headers'], ['web']],
    [['get', 'pods', '-w', '-o', 'wide'], ['web']],
    [['get', 'pods', '--watch-only'], ['web']],
    [['get', 'pods', '-A', '-w', '--output-watch-events'], ['web']],
    [['get', 'pods,services', '-w'], ['web']],
    [['get', 'pod', 'web', 'nope', '-w'], ['web']],
    [['get', 'pods', '-w', '--sort-by=.metadata.name'], ['web', 'db']],
    [['get', 'pods', '-w', '-o', 'name'], ['web']],
    [['get', 'pods', '-w', '-o', 'yaml'], ['web']],
    [['get', 'pods', '-w', '-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase'], ['web']],
    [['get', 'pods', '-w', '-o', 'json', '--output-watch-events'], ['web']],
    [['get', 'pods', '-w', '-o', 'yaml', '--output-watch-events'], ['web']],
    [['get', 'pods', '-w', '-o', 'name', '--output-watch-events'], ['web']],
    [['get', 'pods', '-w', '-o', 'jsonpath={.type} {.object.metadata.name}{"\\n"}', '--output-watch-events'], ['web']],
    [['get', 'pods', '-w', '-o', 'custom-columns=NAME:.metadata.name', '--output-watch-events'], ['web']],
    [['get', 'pod', 'web', '-w', '-o', 'jsonpath={.status.phase}{"\\n"}'], ['web']],
    // the pod that arrives has no container status yet: the template fails on its event, which ends the watch
    [['get', 'pods', '-w', '--allow-missing-template-keys=false', '-o', 'jsonpath={.status.containerStatuses[0].ready}{"\\n"}'], ['web']],
  ] as [string[], string[]][])('%j with %j', async (args, before) => {
    const { mine, real } = await runOnTwins(args, (c) => prepare(c, before), 11_000);
    expect(mine.stderr).toBe(real.stderr);
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.code).toBe(real.code);
  }, 60_000);
});

describe('kubectl get --watch matches kubectl 1.32: selectors, kinds and label columns', () => {
  const labelled = (name: string) => ({ ...pod(name), metadata: { name, namespace: 'default', labels: { app: name } } });
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'front', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'front' } }, template: { metadata: { labels: { app: 'front' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  /** web runs; web2 arrives 2 s into the watch, and a two-replica deployment 4 s in. */
  function history(c: Cluster): void {
    c.store.create('pods', labelled('web'));
    c.clock.advance(5_000);
    c.clock.register('test/web2', () => void c.store.create('pods', labelled('web2')));
    c.clock.schedule(2_000, 'test/web2');
    c.clock.register('test/front', () => void c.store.create('deployments', deployment));
    c.clock.schedule(4_000, 'test/front');
  }

  it.each([
    [['get', 'all', '-w']],
    [['get', 'pods', '-l', 'app=none', '-w']],
    [['get', 'pods', '-l', 'app=web', '-w', '--show-labels']],
    [['get', 'pods', '-w', '-L', 'app']],
    [['get', 'pod/web', '-w']],
    [['get', 'nodes', '-w']],
    [['get', 'deploy', '-w']],
    [['get', 'rs', '-w', '-o', 'wide']],
    [['get', 'events', '-w']],
  ])('%j', async (args) => {
    const { mine, real } = await runOnTwins(args, history, 12_000);
    expect(mine).toEqual(real);
  }, 60_000);
});
