import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../api/types';
import { KubeletHarness } from './test-harness';

/** A running pod `web` (container app) whose debug container `debugger` exits after `runMs` with `exitCode`. */
function setup(runMs: number, exitCode: number) {
  const starts: string[] = [];
  const h = new KubeletHarness({
    behaviours: (req) => {
      starts.push(req.container.name);
      return req.container.name === 'debugger' ? { exitAfterMs: runMs, exitCode } : {};
    },
  });
  h.createPod({ name: 'web', containers: [{ name: 'app', image: 'nginx' }] });
  h.advance(30);
  const addDebugger = (extra: Record<string, unknown> = {}) => h.store.patch('pods', 'default', 'web', 'strategic',
    { spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox:1.36', ...extra }] } }, { subresource: 'ephemeralcontainers' });
  return { h, starts, addDebugger };
}

const ephemeralStatus = (h: KubeletHarness): ContainerStatus | undefined => h.pod('web')!.status.ephemeralContainerStatuses?.[0];

describe('kubelet: ephemeral containers', () => {
  it('starts one in a running pod with the usual events about spec.ephemeralContainers{name}', () => {
    const { h, addDebugger } = setup(60_000, 0);
    const before = h.podEvents('web').length;
    addDebugger();
    h.advance(10);
    const events = h.podEvents('web').slice(before);
    expect(events.map((e) => `${e.involvedObject.fieldPath} ${e.type} ${e.reason} ${e.message}`)).toEqual([
      'spec.ephemeralContainers{debugger} Normal Pulling Pulling image "busybox:1.36"',
      expect.stringMatching(/^spec.ephemeralContainers\{debugger\} Normal Pulled Successfully pulled image "busybox:1.36" in \S+ \(\S+ including waiting\)\. Image size: \d+ bytes\.$/),
      'spec.ephemeralContainers{debugger} Normal Created Created container: debugger',
      'spec.ephemeralContainers{debugger} Normal Started Started container debugger',
    ]);
    const s = ephemeralStatus(h)!;
    expect(s).toMatchObject({ name: 'debugger', ready: false, restartCount: 0, lastState: {} });
    expect(s.state?.running?.startedAt).toBeTruthy();
    expect(s.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    // prober_manager.go UpdatePodStatus leaves ephemeral containers alone
    expect('started' in s).toBe(false);
  });

  it('runs, exits and is never restarted, whatever the restart policy', () => {
    const { h, starts, addDebugger } = setup(5_000, 1);
    addDebugger();
    h.advance(10);
    expect(ephemeralStatus(h)!.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    h.advance(600);
    expect(starts.filter((n) => n === 'debugger')).toHaveLength(1);
    const s = ephemeralStatus(h)!;
    expect(s.restartCount).toBe(0);
    expect(s.state?.terminated?.exitCode).toBe(1);
    expect(h.podEvents('web').some((e) => e.reason === 'BackOff')).toBe(false);
  });

  it('takes no part in READY, the phase or the conditions', () => {
    const { h, addDebugger } = setup(5_000, 1);
    const before = h.pod('web')!.status;
    addDebugger();
    h.advance(2);
    expect(ephemeralStatus(h)!.state?.running).toBeDefined();
    const during = h.pod('web')!.status;
    h.advance(60);
    const after = h.pod('web')!.status;
    for (const s of [during, after]) {
      expect(s.phase).toBe('Running');
      expect(s.conditions).toEqual(before.conditions);
      expect(s.containerStatuses).toEqual(before.containerStatuses);
    }
  });

  it('is stopped with the pod', () => {
    const { h, addDebugger } = setup(600_000, 0);
    addDebugger();
    h.advance(10);
    h.store.delete('pods', 'default', 'web', { gracePeriodSeconds: 5 });
    h.advance(1);
    expect(h.eventLines('web')).toContain('Normal Killing Stopping container debugger');
    h.advance(30);
    expect(h.pod('web')).toBeUndefined();
  });
});
