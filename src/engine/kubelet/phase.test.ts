import { describe, it, expect } from 'vitest';
import type { Container, ContainerStatus, PodSpec } from '../api/types';
import { getPhase } from './phase';

const running = (name: string, started = true): ContainerStatus =>
  ({ name, image: 'x', imageID: '', ready: false, restartCount: 0, started, state: { running: { startedAt: 't' } } });
const terminated = (name: string, exitCode: number): ContainerStatus =>
  ({ name, image: 'x', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } });
const waiting = (name: string, lastExit?: number): ContainerStatus => ({
  name, image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit } },
});

const c = (name: string): Container => ({ name, image: 'x' });
const sidecar = (name: string): Container => ({ name, image: 'x', restartPolicy: 'Always' });
const spec = (restartPolicy: string, containers: Container[], initContainers: Container[] = []): PodSpec =>
  ({ restartPolicy, containers, initContainers });

describe('getPhase (kubelet_pods.go, SidecarContainers on)', () => {
  it.each<[string, PodSpec, ContainerStatus[], boolean, string]>([
    // 1. failed regular init container under Never
    ['init failed, Never', spec('Never', [c('app')], [c('init')]), [terminated('init', 1)], false, 'Failed'],
    ['init failed then waiting, Never', spec('Never', [c('app')], [c('init')]), [waiting('init', 2)], false, 'Failed'],
    ['init failed, OnFailure', spec('OnFailure', [c('app')], [c('init')]), [waiting('init', 2)], false, 'Pending'],
    // 2. pending init containers / sidecars / waiting
    ['init running', spec('Always', [c('app')], [c('init')]), [running('init')], false, 'Pending'],
    ['init without status', spec('Always', [c('app')], [c('init')]), [], false, 'Pending'],
    ['sidecar not started yet', spec('Always', [c('app')], [sidecar('proxy')]), [running('proxy', false)], false, 'Pending'],
    ['sidecar restarting after app started', spec('Always', [c('app')], [sidecar('proxy')]), [running('proxy', false), running('app')], false, 'Running'],
    ['container waiting first time', spec('Always', [c('app')]), [waiting('app')], false, 'Pending'],
    // 3. running
    ['running', spec('Always', [c('app'), c('side')]), [running('app'), running('side')], false, 'Running'],
    ['running but one has no status', spec('Always', [c('app'), c('b')]), [running('app')], false, 'Pending'],
    ['running, other in crash loop', spec('Always', [c('app'), c('b')]), [running('app'), waiting('b', 1)], false, 'Running'],
    // 4. all stopped
    ['Always, all exited', spec('Always', [c('app')]), [terminated('app', 0)], false, 'Running'],
    ['Always, crash looping', spec('Always', [c('app')]), [waiting('app', 1)], false, 'Running'],
    ['OnFailure, all succeeded', spec('OnFailure', [c('app')]), [terminated('app', 0)], false, 'Succeeded'],
    ['OnFailure, one failed', spec('OnFailure', [c('a'), c('b')]), [terminated('a', 0), waiting('b', 1)], false, 'Running'],
    ['Never, one failed', spec('Never', [c('a'), c('b')]), [terminated('a', 0), terminated('b', 1)], false, 'Failed'],
    ['Never, all succeeded with sidecar stopped', spec('Never', [c('a')], [sidecar('p')]), [terminated('p', 137), terminated('a', 0)], false, 'Succeeded'],
    ['terminal pod, Always, exit 0', spec('Always', [c('app')]), [terminated('app', 0)], true, 'Succeeded'],
    ['terminal pod, Always, killed', spec('Always', [c('app')]), [terminated('app', 143)], true, 'Failed'],
    // 5. otherwise
    ['no statuses', spec('Always', [c('app')]), [], false, 'Pending'],
  ])('%s → %s', (_name, s, statuses, terminal, want) => {
    expect(getPhase(s, statuses, terminal)).toBe(want);
  });

  it('static pods never take the terminal shortcut', () => {
    expect(getPhase(spec('Always', [c('app')]), [terminated('app', 143)], true, true)).toBe('Running');
  });
});
