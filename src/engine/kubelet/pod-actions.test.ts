import { describe, it, expect } from 'vitest';
import type { PodSpec, StoredPod } from '../api/types';
import { computePodActions } from './pod-actions';
import { newPodWorkerState, type RuntimeContainer } from './pod-state';

const pod = (spec: Partial<PodSpec>): StoredPod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec }, status: {},
}) as StoredPod;

let seq = 0;
const rec = (name: string, state: RuntimeContainer['state'], exitCode?: number, kind: RuntimeContainer['kind'] = 'regular'): RuntimeContainer =>
  ({ id: `c${seq++}`, name, kind, state, attempt: 0, image: '', imageID: '', specImage: 'nginx', createdAt: 0, exitCode });

function worker(p: StoredPod, containers: RuntimeContainer[], sandbox = true) {
  const w = newPodWorkerState(p, false);
  w.containers = containers;
  if (sandbox) w.sandbox = { id: 's', ip: '10.244.0.2', ready: true, attempt: 0 };
  return w;
}

const never = () => false;
const always = () => true;

describe('computePodActions', () => {
  it('creates the sandbox first', () => {
    expect(computePodActions(worker(pod({}), [], false), never)).toMatchObject({ createSandbox: true, toStart: [] });
  });

  it('starts the first init container, then the next once it exited 0, then the app', () => {
    const p = pod({ initContainers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] });
    expect(computePodActions(worker(p, []), never).toStart).toEqual(['a']);
    expect(computePodActions(worker(p, [rec('a', 'running', undefined, 'init')]), never).toStart).toEqual([]);
    expect(computePodActions(worker(p, [rec('a', 'exited', 0, 'init')]), never).toStart).toEqual(['b']);
    expect(computePodActions(worker(p, [rec('a', 'exited', 0, 'init'), rec('b', 'exited', 0, 'init')]), never).toStart).toEqual(['app']);
    expect(computePodActions(worker(p, [rec('a', 'exited', 1, 'init')]), never).toStart).toEqual(['a']);
  });

  it('kills the pod when an init container failed under Never', () => {
    const p = pod({ restartPolicy: 'Never', initContainers: [{ name: 'a', image: 'busybox' }] });
    expect(computePodActions(worker(p, [rec('a', 'exited', 1, 'init')]), never)).toMatchObject({ killPod: true });
  });

  it('starts the container after a sidecar only once the sidecar has started', () => {
    const p = pod({ initContainers: [{ name: 's', image: 'envoy', restartPolicy: 'Always' }] });
    const w = worker(p, [rec('s', 'running', undefined, 'sidecar')]);
    expect(computePodActions(w, never).toStart).toEqual([]);
    expect(computePodActions(w, always).toStart).toEqual(['app']);
  });

  it('restarts exited containers per restart policy, and kills the pod when nothing is left to run', () => {
    const exited0 = [rec('app', 'exited', 0)];
    const exited1 = [rec('app', 'exited', 1)];
    expect(computePodActions(worker(pod({ restartPolicy: 'Always' }), exited0), never).toStart).toEqual(['app']);
    expect(computePodActions(worker(pod({ restartPolicy: 'OnFailure' }), exited1), never).toStart).toEqual(['app']);
    expect(computePodActions(worker(pod({ restartPolicy: 'OnFailure' }), exited0), never)).toMatchObject({ killPod: true });
    expect(computePodActions(worker(pod({ restartPolicy: 'Never' }), exited1), never)).toMatchObject({ killPod: true });
    // a finished pod whose sandbox was stopped gets no new one
    const done = worker(pod({ restartPolicy: 'Never' }), exited1);
    done.sandbox!.ready = false;
    expect(computePodActions(done, never)).toMatchObject({ createSandbox: false, killPod: false });
  });

  it('kills a container whose image changed', () => {
    const p = pod({ containers: [{ name: 'app', image: 'nginx:1.26' }] });
    const actions = computePodActions(worker(p, [rec('app', 'running')]), never);
    expect(actions.toKill.map((k) => k.message)).toEqual(['Container app definition changed, will be restarted']);
  });
});
