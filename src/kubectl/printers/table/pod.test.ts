import { describe, expect, it } from 'vitest';
import type { ContainerStatus, KubeObject, Pod } from '../../../engine/index';
import { podHandler, podSummary } from './pod';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace(/\.\d+Z$/, 'Z');

function pod(p: { spec?: Partial<Pod['spec'] & object>; status?: Pod['status']; deleting?: boolean }): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(95_000), ...(p.deleting ? { deletionTimestamp: ago(0) } : {}) },
    spec: { containers: [{ name: 'app' }], ...p.spec } as Pod['spec'],
    status: p.status ?? {},
  };
}

const running = (name: string, ready = true, restartCount = 0): ContainerStatus => ({
  name, ready, restartCount, image: 'x', imageID: '', state: { running: { startedAt: ago(60_000) } },
});
const waiting = (name: string, reason: string, restartCount = 0): ContainerStatus => ({
  name, ready: false, restartCount, image: 'x', imageID: '', state: { waiting: { reason } },
});
const terminated = (name: string, exitCode: number, reason?: string, signal?: number): ContainerStatus => ({
  name, ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode, reason, signal } },
});

const status = (p: Pod): string => podSummary(p, { now: NOW }).status;

describe('printPod STATUS', () => {
  it('uses the phase, or status.reason when set (Evicted)', () => {
    expect(status(pod({ status: { phase: 'Pending' } }))).toBe('Pending');
    expect(status(pod({ status: { phase: 'Failed', reason: 'Evicted' } }))).toBe('Evicted');
  });

  it('shows SchedulingGated from the PodScheduled condition', () => {
    expect(status(pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }))).toBe('SchedulingGated');
  });

  it('reports init containers: Init:N/M, Init:<reason>, Init:ExitCode and Init:Signal', () => {
    const spec = { initContainers: [{ name: 'i0' }, { name: 'i1' }] };
    expect(status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [terminated('i0', 0, 'Completed'), running('i1', false)] } }))).toBe('Init:1/2');
    expect(status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [waiting('i0', 'PodInitializing')] } }))).toBe('Init:0/2');
    expect(status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [waiting('i0', 'CrashLoopBackOff', 3)] } }))).toBe('Init:CrashLoopBackOff');
    expect(status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [terminated('i0', 1, 'Error')] } }))).toBe('Init:Error');
    expect(status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [terminated('i0', 2)] } }))).toBe('Init:ExitCode:2');
    expect(status(pod({ spec, status: { phase: 'Pending', initContainerStatuses: [terminated('i0', 137, '', 9)] } }))).toBe('Init:Signal:9');
  });

  it('lets the first container in spec order with a reason decide, after init', () => {
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    expect(status(pod({ spec, status: { phase: 'Running', containerStatuses: [waiting('a', 'ErrImagePull'), waiting('b', 'CrashLoopBackOff')] } }))).toBe('ErrImagePull');
    expect(status(pod({ spec, status: { phase: 'Running', containerStatuses: [running('a'), terminated('b', 137, 'OOMKilled')] } }))).toBe('OOMKilled');
    expect(status(pod({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ContainerCreating')] } }))).toBe('ContainerCreating');
    expect(status(pod({ status: { phase: 'Running', containerStatuses: [terminated('app', 3)] } }))).toBe('ExitCode:3');
    expect(status(pod({ status: { phase: 'Running', containerStatuses: [terminated('app', 0, '', 15)] } }))).toBe('Signal:15');
  });

  it('turns Completed back into Running or NotReady while another container runs', () => {
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    const statuses = [terminated('a', 0, 'Completed'), running('b')];
    expect(status(pod({ spec, status: { phase: 'Running', containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] } }))).toBe('Running');
    expect(status(pod({ spec, status: { phase: 'Running', containerStatuses: statuses } }))).toBe('NotReady');
    expect(status(pod({ status: { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] } }))).toBe('Completed');
  });

  it('shows Terminating while deleting, Unknown for NodeLost, and keeps terminal phases', () => {
    expect(status(pod({ deleting: true, status: { phase: 'Running', containerStatuses: [running('app')] } }))).toBe('Terminating');
    expect(status(pod({ deleting: true, status: { phase: 'Running', reason: 'NodeLost' } }))).toBe('Unknown');
    expect(status(pod({ deleting: true, status: { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] } }))).toBe('Completed');
  });
});

describe('printPod READY and RESTARTS', () => {
  it('counts ready running containers and restartable init containers (sidecars)', () => {
    const p = pod({
      spec: { initContainers: [{ name: 'side', restartPolicy: 'Always' }, { name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        initContainerStatuses: [{ ...running('side'), started: true }, terminated('init', 0, 'Completed')],
        containerStatuses: [running('a'), running('b', false)],
        conditions: [{ type: 'Initialized', status: 'True' }],
      },
    });
    expect(podSummary(p, { now: NOW })).toMatchObject({ ready: '2/3', status: 'Running' });
  });

  it('adds "(<age> ago)" from the newest last termination', () => {
    const cs: ContainerStatus = { ...running('app', true, 6), lastState: { terminated: { exitCode: 1, finishedAt: ago(130_000) } } };
    expect(podSummary(pod({ status: { phase: 'Running', containerStatuses: [cs] } }), { now: NOW }).restarts).toBe('6 (2m10s ago)');
    expect(podSummary(pod({ status: { phase: 'Running', containerStatuses: [running('app', true, 2)] } }), { now: NOW }).restarts).toBe('2');
  });
});

describe('pod rows', () => {
  it('fills the wide cells with <none> and counts readiness gates', () => {
    const p = pod({ spec: { readinessGates: [{ conditionType: 'x/ready' }, { conditionType: 'y/ready' }] }, status: { phase: 'Pending', conditions: [{ type: 'x/ready', status: 'True' }] } });
    expect(podHandler.row(p as unknown as KubeObject, { now: NOW })).toEqual(['p', '0/1', 'Pending', '0', '95s', '<none>', '<none>', '<none>', '1/2']);
  });
});
