import { describe, expect, it } from 'vitest';
import type { ProcessRecord } from './process-record';
import { RunQueue } from './run-queue';
import { ROOT } from './credentials';

function rec(pid: number): ProcessRecord {
  return {
    ns: 'n', pid, ppid: 0, pgid: pid, argv: [], env: {}, cwd: '/', cred: ROOT, fs: 'f', fds: [], prog: 'p', kind: 'program',
    state: undefined, zombie: false, timers: [], sig: {}, gen: 0, top: false, startedAt: 0, rss: 0, cpu: 0,
  };
}

function drain(q: RunQueue): string[] {
  const out: string[] = [];
  while (q.take()) out.push(`${q.rec!.pid}:${q.ev!.type}`);
  return out;
}

describe('RunQueue', () => {
  it('delivers in order, including events queued while draining', () => {
    const q = new RunQueue();
    const a = rec(1);
    const b = rec(2);
    q.push(a, { type: 'start' });
    q.push(b, { type: 'timer', id: 7, data: undefined });
    expect(q.take()).toBe(true);
    q.push(a, { type: 'readable', fd: 0 });
    expect(drain(q)).toEqual(['2:timer', '1:readable']);
    expect(q.length).toBe(0);
    expect(q.take()).toBe(false);
  });

  it('drops events for a dead process or a previous program; a child exit and a signal survive exec', () => {
    const q = new RunQueue();
    const a = rec(1);
    const dead = rec(2);
    q.push(a, { type: 'timer', id: 1, data: undefined });
    q.push(a, { type: 'child', pid: 3, status: { code: 0 } });
    q.push(a, { type: 'signal', signal: 'TERM' });
    q.push(dead, { type: 'start' });
    a.gen++; // exec
    dead.zombie = true;
    expect(drain(q)).toEqual(['1:child', '1:signal']);
  });

  it('takeSignals removes a process\'s pending signals once', () => {
    const q = new RunQueue();
    const a = rec(1);
    const b = rec(2);
    q.push(a, { type: 'signal', signal: 'INT' });
    q.push(b, { type: 'signal', signal: 'HUP' });
    q.push(a, { type: 'signal', signal: 'TERM' });
    q.push(a, { type: 'timer', id: 4, data: undefined });
    expect(q.takeSignals(a)).toEqual(['INT', 'TERM']);
    expect(q.takeSignals(a)).toEqual([]);
    expect(drain(q)).toEqual(['2:signal', '1:timer']);
  });
});
