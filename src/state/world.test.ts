import { describe, expect, test } from 'vitest';
import { settle } from '../terminal';
import { World } from './world';

describe('World', { timeout: 120_000 }, () => {
  test('real time moves the clock by the speed, not at all while paused, and capped after a long sleep', () => {
    const w = World.create({ seed: 'w' });
    const t0 = w.now();
    w.tick(1000);
    expect(w.now() - t0).toBe(1000);
    w.setSpeed(60);
    w.tick(1000);
    expect(w.now() - t0).toBe(61_000);
    w.setPaused(true);
    w.tick(1000);
    expect(w.now() - t0).toBe(61_000);
    w.setPaused(false);
    w.setSpeed(1);
    w.tick(10 * 60_000); // a tab asleep for ten minutes wakes up with one capped step
    expect(w.now() - t0).toBe(66_000);
  });

  test('skip to next event stops at the next pod change, not at node heartbeats', async () => {
    const w = World.create({ seed: 'w' });
    w.session.input('kubectl run web --image=nginx\r');
    await settle(w.session);
    const skipped = [w.skipToNextEvent(), w.skipToNextEvent(), w.skipToNextEvent()];
    expect(skipped.every((ms) => ms >= 0 && ms < 60_000)).toBe(true);
    // eventually nothing more happens to the running pod: a skip then goes up to the hour
    for (let i = 0; i < 20 && w.skipToNextEvent() < 3_600_000; i++);
    expect(w.skipToNextEvent()).toBe(3_600_000);
  });

  test('node lease renewals do not bump the version the views re-render on; other writes do', () => {
    const w = World.create({ seed: 'w' });
    const v0 = w.version;
    const lease = w.cluster.store.get('leases', 'kube-node-lease', 'minikube');
    w.advance(10_000);
    expect(w.cluster.store.get('leases', 'kube-node-lease', 'minikube').metadata.resourceVersion).not.toBe(lease.metadata.resourceVersion);
    expect(w.version).toBe(v0);
    w.cluster.store.create('configmaps', { metadata: { name: 'c' } }, { namespace: 'default' });
    expect(w.version).toBe(v0 + 1);
  });

  test('a snapshot resumes the same cluster, files, history and scrollback', async () => {
    const w = World.create({ seed: 'w' });
    w.session.input('echo hello > note.txt; kubectl run web --image=nginx\r');
    await settle(w.session);
    w.advance(30_000);
    const snap = JSON.parse(JSON.stringify(w.snapshot()));
    const r = World.restore(snap);
    expect(r.now()).toBe(w.now());
    expect(r.session.fs.readFile('/root/note.txt')).toBe('hello\n');
    expect(r.cluster.store.tryGet('pods', 'default', 'web')).toBeDefined();
    expect(r.scrollback.text()).toContain('pod/web created');
    expect(r.session.history.snapshot().lines).toContain('echo hello > note.txt; kubectl run web --image=nginx');
    expect(() => World.restore({ format: 'nope' } as never)).toThrow(/not a Podlab save/);
  });

  test('a shared snapshot (for autosave) serializes exactly as a detached one, and stays usable', async () => {
    const w = World.create({ seed: 'w' });
    w.session.input('kubectl run web --image=nginx; kubectl run db --image=redis\r');
    await settle(w.session);
    w.advance(60_000);
    const text = JSON.stringify(w.snapshot({ shared: true }));
    expect(text).toBe(JSON.stringify(w.snapshot()));
    // serializing did not disturb the live cluster: it runs on and restores from either
    w.advance(5_000);
    expect(World.restore(JSON.parse(text)).cluster.store.tryGet('pods', 'default', 'db')).toBeDefined();
    expect(w.cluster.store.tryGet('pods', 'default', 'web')).toBeDefined();
  });
});
