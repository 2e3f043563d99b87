import { describe, expect, test } from 'vitest';
import { Cluster } from '../engine';
import { runKubectlCaptured } from './captured';

describe('runKubectlCaptured', () => {
  test('captures a table and an error without touching the clock', async () => {
    const cluster = Cluster.create({ seed: 1 });
    const before = cluster.clock.now();
    const ok = await runKubectlCaptured(cluster.api, ['get', 'nodes'], { now: () => cluster.clock.now() });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nminikube\s+Ready/);
    const missing = await runKubectlCaptured(cluster.api, ['get', 'pod', 'nope'], { now: () => cluster.clock.now() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(cluster.clock.now()).toBe(before);
  });

  test('a command that would wait returns at once', async () => {
    const cluster = Cluster.create({ seed: 1 });
    const r = await runKubectlCaptured(cluster.api, ['wait', '--for=condition=Ready', 'pod/none', '--timeout=60s'], { now: () => cluster.clock.now() });
    expect(r.code).not.toBe(0);
  });
});
