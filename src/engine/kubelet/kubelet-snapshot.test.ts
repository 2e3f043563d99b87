import { describe, it, expect } from 'vitest';
import type { ContainerRequest } from '../runtime/cri';
import type { FakeBehaviour } from '../runtime/fake-runtime';
import { STATIC_POD_PATH } from './node-files';
import { KubeletHarness, type HarnessOptions } from './test-harness';

// Behaviours are data derived from the request, so a restored runtime finds the same ones.
function behaviours(req: ContainerRequest): FakeBehaviour {
  switch (req.container.name) {
    case 'crash': return { exitAfterMs: 1500, exitCode: 1 };
    case 'init': return { exitAfterMs: 4000 };
    case 'stubborn': return { ignoresSigterm: true };
    case 'flappy': return { probe: (type, since) => (type === 'readiness' && Math.floor(since / 20_000) % 2 === 1 ? { result: 'failure', output: 'HTTP probe failed with statuscode: 503' } : { result: 'success', output: '' }) };
    default: return {};
  }
}

const OPTS: HarnessOptions = {
  seedFiles: true,
  behaviours,
  nodes: [
    { name: 'cp', controlPlane: true, internalIP: '192.168.49.2', podCIDR: '10.244.0.0/24' },
    { name: 'w1', internalIP: '192.168.49.3', podCIDR: '10.244.1.0/24' },
  ],
};

function workload(h: KubeletHarness): void {
  h.createPod({ name: 'crash', node: 'w1', containers: [{ name: 'crash', image: 'busybox:1.36' }] });
  h.createPod({ name: 'badimg', node: 'w1', containers: [{ name: 'badimg', image: 'nginx:nope' }] });
  h.createPod({ name: 'init', node: 'w1', spec: { initContainers: [{ name: 'init', image: 'busybox:1.36' }] }, containers: [{ name: 'web', image: 'nginx' }] });
  h.createPod({ name: 'stubborn', node: 'cp', containers: [{ name: 'stubborn', image: 'busybox:1.36' }] });
  h.createPod({ name: 'flappy', node: 'cp', containers: [{ name: 'flappy', image: 'nginx:alpine', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] });
  h.files.get('w1')!.writeFile(`${STATIC_POD_PATH}/static-web.yaml`, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: redis:7\n');
}

/** Everything observable, as text (a string compare is much faster than a deep one). */
function state(h: KubeletHarness): string {
  return JSON.stringify({ now: h.clock.now(), pending: h.clock.pending(), objects: h.store.snapshot() });
}

describe('kubelet: snapshot and restore', () => {
  it('a restored cluster continues exactly like the original', () => {
    const a = new KubeletHarness(OPTS);
    workload(a);
    a.advance(17.3);
    a.store.delete('pods', 'default', 'stubborn', {});
    a.advance(3.05);
    const snap = a.snapshot();
    const b = new KubeletHarness({ ...OPTS, restore: snap });
    expect(state(b)).toBe(state(a));
    for (const step of [0.7, 4, 30, 120, 400]) {
      a.advance(step);
      b.advance(step);
      expect(state(b)).toBe(state(a));
    }
    // and it did things in between: crash loops, pulls, deletions, readiness flaps
    const crash = b.pod('crash')!.status.containerStatuses![0]!;
    expect(crash.restartCount).toBeGreaterThanOrEqual(5);
    expect(b.pod('stubborn')).toBeUndefined();
    expect(b.pod('static-web-w1')!.status.phase).toBe('Running');
    expect(b.podEvents('flappy').find((e) => e.reason === 'Unhealthy')!.count).toBeGreaterThan(1);
  });

  it('the same seed and the same calls give the same objects', () => {
    const run = () => {
      const h = new KubeletHarness(OPTS);
      workload(h);
      h.advance(90);
      return state(h);
    };
    expect(run()).toBe(run());
  });
});
