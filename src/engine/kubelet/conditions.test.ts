import { describe, it, expect } from 'vitest';
import type { ContainerStatus, PodSpec } from '../api/types';
import { containersReadyCondition, kubeletConditions, podInitializedCondition, podReadyCondition } from './conditions';

const st = (name: string, o: Partial<ContainerStatus> = {}): ContainerStatus =>
  ({ name, image: 'x', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } }, ...o });
const spec: PodSpec = { containers: [{ name: 'web' }, { name: 'log' }], initContainers: [{ name: 'init-db' }, { name: 'proxy', restartPolicy: 'Always' }] };

describe('pod conditions (status/generate.go)', () => {
  it('ContainersReady lists unready containers with Go slice brackets, sidecars included', () => {
    const statuses = [st('web', { ready: true }), st('log'), st('proxy')];
    expect(containersReadyCondition(spec, statuses, 'Running')).toEqual({
      type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [proxy log]',
    });
  });

  it('ContainersReady names unknown containers first', () => {
    expect(containersReadyCondition(spec, [st('web')], 'Pending')).toEqual({
      type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady',
      message: 'containers with unknown status: [proxy log], containers with unready status: [web]',
    });
  });

  it('terminal phases: PodCompleted / PodFailed', () => {
    const done = [st('web'), st('log'), st('proxy')];
    expect(containersReadyCondition(spec, done, 'Succeeded')).toEqual({ type: 'ContainersReady', status: 'False', reason: 'PodCompleted' });
    expect(podReadyCondition(spec, [], done, 'Failed')).toEqual({ type: 'Ready', status: 'False', reason: 'PodFailed' });
  });

  it('Initialized: incomplete init containers until each regular one exited 0 and each sidecar started', () => {
    const statuses = [st('init-db', { ready: true }), st('proxy', { state: { running: {} }, started: false })];
    expect(podInitializedCondition(spec, statuses, 'Pending')).toEqual({
      type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [proxy]',
    });
    expect(podInitializedCondition(spec, [st('init-db', { ready: true }), st('proxy', { started: true })], 'Pending'))
      .toEqual({ type: 'Initialized', status: 'True' });
    // any regular container started means initialized
    expect(podInitializedCondition(spec, [st('web', { state: { running: {} } })], 'Running')).toEqual({ type: 'Initialized', status: 'True' });
    expect(podInitializedCondition(spec, [st('init-db', { ready: true }), st('proxy')], 'Succeeded'))
      .toEqual({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  });

  it('Ready follows ContainersReady, then the readiness gates', () => {
    const s: PodSpec = { containers: [{ name: 'web' }], readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] };
    const ready = [st('web', { ready: true })];
    expect(podReadyCondition(s, [{ type: 'example.com/dns', status: 'False' }], ready, 'Running')).toEqual({
      type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/lb" does not exist., the status of pod readiness gate "example.com/dns" is not "True", but False',
    });
    expect(podReadyCondition(s, [{ type: 'example.com/lb', status: 'True' }, { type: 'example.com/dns', status: 'True' }], ready, 'Running'))
      .toEqual({ type: 'Ready', status: 'True' });
  });

  it('come in kubelet order and never say Ready in a terminal phase', () => {
    const s: PodSpec = { containers: [{ name: 'web' }] };
    const all = kubeletConditions(s, [st('web', { ready: true })], 'Running', true, []);
    expect(all.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    const done = kubeletConditions(s, [st('web', { ready: true })], 'Failed', false, []);
    expect(done.map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False/PodFailed', 'ContainersReady=False/PodFailed', 'PodScheduled=True',
    ]);
  });
});
