import { describe, expect, it } from 'vitest';
import { Clock } from '../../clock';
import { LogBuffer, rfc3339NanoFixed } from './log-buffer';

describe('LogBuffer', () => {
  it('cuts output into lines stamped when each line is complete', () => {
    const clock = new Clock();
    const log = new LogBuffer(clock);
    log.write('hello\nwor', 'stdout');
    clock.advance(1500);
    log.write('ld\n', 'stdout');
    log.write('oops\n', 'stderr');
    expect(log.lines()).toEqual([
      { t: clock.now() - 1500, stream: 'stdout', text: 'hello' },
      { t: clock.now(), stream: 'stdout', text: 'world' },
      { t: clock.now(), stream: 'stderr', text: 'oops' },
    ]);
    expect(log.text()).toBe('hello\nworld\noops\n');
  });

  it('keeps an unterminated line until the streams close', () => {
    const clock = new Clock();
    const log = new LogBuffer(clock);
    log.write('no newline', 'stdout');
    expect(log.text()).toBe('');
    log.flush();
    expect(log.text()).toBe('no newline\n');
  });

  it('prints kubectl logs --timestamps in RFC3339NanoFixed, --tail and --since-time', () => {
    const clock = new Clock(); // 2026-11-21T12:00:00Z
    const log = new LogBuffer(clock);
    for (let i = 1; i <= 4; i++) {
      clock.advance(1000);
      log.write(`line ${i}\n`, 'stdout');
    }
    expect(rfc3339NanoFixed(Date.UTC(2026, 10, 21, 12, 0, 5, 120))).toBe('2026-11-21T12:00:05.120000000Z');
    expect(log.text({ timestamps: true, tailLines: 2 })).toBe('2026-11-21T12:00:03.000000000Z line 3\n2026-11-21T12:00:04.000000000Z line 4\n');
    expect(log.text({ sinceTime: Date.UTC(2026, 10, 21, 12, 0, 3) })).toBe('line 3\nline 4\n');
    expect(log.text({ tailLines: 0 })).toBe('');
  });

  it('stays under its byte bound by dropping the oldest lines', () => {
    const clock = new Clock();
    const log = new LogBuffer(clock, 100);
    for (let i = 0; i < 1000; i++) log.write(`${String(i).padStart(9, '0')}\n`, 'stdout');
    expect(log.size).toBeLessThanOrEqual(100);
    expect(log.lines().map((l) => l.text)).toEqual(['000000990', '000000991', '000000992', '000000993', '000000994', '000000995', '000000996', '000000997', '000000998', '000000999']);
    expect(log.dropped).toBe(990);
  });

  it('cuts an over-long line into partial entries that print joined', () => {
    const clock = new Clock();
    const log = new LogBuffer(clock);
    const long = 'x'.repeat(16 * 1024 + 10);
    log.write(`${long}\n`, 'stdout');
    expect(log.lines().map((l) => [l.text.length, l.partial ?? false])).toEqual([[16384, true], [10, false]]);
    expect(log.text()).toBe(`${long}\n`);
  });

  it('snapshots to JSON and restores to the same lines and pending text', () => {
    const clock = new Clock();
    const log = new LogBuffer(clock, 4096);
    log.write('a\nb\npartial', 'stdout');
    log.write('err\n', 'stderr');
    const copy = LogBuffer.restore(clock, JSON.parse(JSON.stringify(log.snapshot())));
    expect(copy.lines()).toEqual(log.lines());
    copy.write(' done\n', 'stdout');
    expect(copy.text()).toBe('a\nb\nerr\npartial done\n');
  });
});
