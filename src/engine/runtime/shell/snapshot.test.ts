// The hard requirement: a running shell is plain data. Snapshot at any blocking point, round-trip
// through JSON, restore, and it continues exactly as the original does.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';

const WRITER = 'while true; do echo $(date) >> /html/index.html; sleep 1; done';

function writer(): Sandbox {
  const sb = new Sandbox();
  sb.fs.mkdir('/html');
  sb.sh(WRITER);
  return sb;
}

/** Snapshot → JSON text → restore: the copy must then behave exactly like the original. */
function roundTrip(sb: Sandbox): Sandbox {
  const json = JSON.stringify(sb.snapshot());
  return Sandbox.restore(JSON.parse(json));
}

function sameFuture(a: Sandbox, b: Sandbox, ms: number, files: string[]): void {
  a.advance(ms);
  b.advance(ms);
  for (const f of files) expect(b.fs.readFile(f)).toBe(a.fs.readFile(f));
  expect(JSON.stringify(b.kernel.snapshot())).toBe(JSON.stringify(a.kernel.snapshot()));
  expect(b.clock.now()).toBe(a.clock.now());
}

describe('the writer loop', () => {
  it('writes exactly one line per virtual second', () => {
    const sb = writer();
    sb.advance(9_999);
    const lines = sb.fs.readFile('/html/index.html').split('\n').filter(Boolean);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `Sat Nov 21 12:00:0${i} UTC 2026`));
    sb.advance(1);
    expect(sb.fs.readFile('/html/index.html').split('\n').filter(Boolean)).toHaveLength(11);
  });

  it('is the same for the same start: deterministic', () => {
    const a = writer();
    const b = writer();
    a.advance(100_000);
    b.advance(100_000);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });

  it('continues identically after a snapshot taken mid-sleep', () => {
    const a = writer();
    a.advance(5_500); // inside `sleep 1`
    const state = a.kernel.snapshot();
    expect(state.namespaces[0]!.procs.map((p) => p.argv.join(' '))).toEqual(['sh -c ' + WRITER, 'sleep 1']);
    const b = roundTrip(a);
    sameFuture(a, b, 10_000, ['/html/index.html']);
    expect(b.fs.readFile('/html/index.html').split('\n').filter(Boolean)).toHaveLength(16);
  });

  it('continues identically after a snapshot at the instant a line was written', () => {
    const a = writer();
    a.advance(3_000);
    const b = roundTrip(a);
    sameFuture(a, b, 7_000, ['/html/index.html']);
  });

  it('keeps its state small: a frame stack, not a transcript', () => {
    const a = writer();
    a.advance(600_000);
    const sh = a.kernel.snapshot().namespaces[0]!.procs[0]!;
    expect(sh.state).toMatchObject({ frames: [{ s: 0, u: 0, k: 'main' }], wait: { k: 'fg' }, exp: null });
    expect(JSON.stringify(sh).length).toBeLessThan(2000);
  });
});

describe('snapshots at other blocking points', () => {
  it('inside a command substitution that is sleeping', () => {
    const a = new Sandbox();
    a.sh('while true; do x=$(sleep 1; date +%T); echo "at $x" >> /log; done');
    a.advance(2_500);
    const sh = a.kernel.snapshot().namespaces[0]!.procs[0]!.state as { wait: { k: string } };
    expect(sh.wait.k).toBe('subst');
    const b = roundTrip(a);
    sameFuture(a, b, 5_000, ['/log']);
    expect(b.fs.readFile('/log')).toBe(['01', '02', '03', '04', '05', '06', '07'].map((s) => `at 12:00:${s}\n`).join(''));
  });

  it('in read, waiting on a pipe from another loop', () => {
    const a = new Sandbox();
    a.sh('while true; do date +%s; sleep 1; done | while read t; do echo "got $t" >> /log; done');
    a.advance(2_500);
    const b = roundTrip(a);
    sameFuture(a, b, 4_000, ['/log']);
    expect(b.fs.readFile('/log').split('\n').filter(Boolean)).toHaveLength(7);
  });

  it('inside a function with locals and a pending trap, then the trap and the rest of the script', () => {
    const script = [
      "trap 'echo \"term at $n\" >> /log' TERM",
      'count() { local n=$1; while [ $n -gt 0 ]; do echo "$2 $n" >> /log; sleep 1; n=$((n-1)); done; }',
      'count 3 a',
      'count 2 b',
      'echo end >> /log',
    ].join('\n');
    const a = new Sandbox();
    a.sh(script);
    a.advance(1_500);
    a.kernel.kill(a.ns, 1, 'TERM'); // pending until the current sleep returns
    const b = roundTrip(a);
    sameFuture(a, b, 10_000, ['/log']);
    expect(b.fs.readFile('/log')).toBe('a 3\na 2\nterm at 2\na 1\nb 2\nb 1\nend\n');
  });

  it('a snapshot is plain JSON: it survives stringify/parse unchanged', () => {
    const a = writer();
    a.sh('sleep 100 & wait', 'bash');
    a.advance(1234);
    const snap = a.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });
});
