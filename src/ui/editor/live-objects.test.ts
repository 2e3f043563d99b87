import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine';
import { runKubectlCaptured } from '../../kubectl';
import { fetchLive, kubectlGetArgs, objectsIn, refLabel } from './live-objects';

describe('objectsIn', () => {
  it('names the objects of every document, with the namespace only when given', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n  namespace: shop\n',
      '# only a comment\n',
      'kind: ConfigMap\ndata: {}\n',
    ].join('---\n');
    expect(objectsIn(text)).toEqual({
      refs: [
        { kind: 'Pod', name: 'web' },
        { kind: 'Service', name: 'svc', namespace: 'shop' },
      ],
    });
  });

  it('reports a syntax error instead of guessing', () => {
    const r = objectsIn('kind: Pod\nmetadata:\n  name: [web\n');
    expect(r.error).toBeTruthy();
  });

  it('builds the kubectl arguments the learner would type', () => {
    expect(kubectlGetArgs({ kind: 'Deployment', name: 'd', namespace: 'n' })).toEqual(['get', 'deployment', 'd', '-n', 'n', '-o', 'yaml']);
    expect(kubectlGetArgs({ kind: 'Pod', name: 'p' })).toEqual(['get', 'pod', 'p', '-o', 'yaml']);
    expect(refLabel({ kind: 'Pod', name: 'p' })).toBe('pod/p');
  });
});

describe('fetchLive', () => {
  it('returns the live YAML of existing objects and lists the missing ones', async () => {
    const cluster = Cluster.create({ seed: 3 });
    const run = (argv: string[]) => runKubectlCaptured(cluster.api, argv, { now: () => cluster.clock.now() });
    expect((await run(['create', 'configmap', 'cfg', '--from-literal=a=b'])).code).toBe(0);
    const { refs } = objectsIn('kind: ConfigMap\nmetadata:\n  name: cfg\n---\nkind: Pod\nmetadata:\n  name: ghost\n---\nkind: Gadget\nmetadata:\n  name: g\n');
    const live = await fetchLive(refs, run);
    expect(live.live).toMatch(/^apiVersion: v1\ndata:\n {2}a: b\nkind: ConfigMap\n/);
    expect(live.missing).toEqual([{ kind: 'Pod', name: 'ghost' }]);
    expect(live.errors).toEqual([`error: the server doesn't have a resource type "gadget"`]);
  });
});
