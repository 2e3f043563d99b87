import { describe, it, expect } from 'vitest';
import { goDuration } from '../../shared/duration';
import { Backoff, CONTAINER_BACKOFF_EXPIRY_MS, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS } from './backoff';

function crashLoop() {
  let now = 1_000_000;
  const b = new Backoff(() => now, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS, CONTAINER_BACKOFF_EXPIRY_MS);
  return { b, set: (t: number) => (now = t), get now() { return now; } };
}

describe('Backoff (client-go flowcontrol as the kubelet uses it)', () => {
  it('the first Next starts at 10s; later ones double up to 5m0s', () => {
    const { b } = crashLoop();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      b.next('k', 0);
      seen.push(goDuration(b.get('k')));
    }
    expect(seen).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s', '5m0s']);
  });

  it('IsInBackOffSince counts from the event time (the container\'s finishedAt)', () => {
    const x = crashLoop();
    const finished = x.now;
    expect(x.b.isInBackOffSince('k', finished)).toBe(false); // no entry yet: restart at once
    x.b.next('k', finished);
    x.set(finished + 9_999);
    expect(x.b.isInBackOffSince('k', finished)).toBe(true);
    x.set(finished + 10_000);
    expect(x.b.isInBackOffSince('k', finished)).toBe(false);
  });

  it('an entry expires when the event comes more than 600s after its last update', () => {
    const x = crashLoop();
    x.b.next('k', x.now);
    x.b.next('k', x.now);
    expect(x.b.get('k')).toBe(20_000);
    const lastUpdate = x.now;
    x.set(lastUpdate + 600_001);
    expect(x.b.isInBackOffSince('k', x.now)).toBe(false);
    x.b.next('k', x.now);
    expect(x.b.get('k')).toBe(10_000);
  });

  it('IsInBackOffSinceUpdate counts from the last Next (image pulls); default expiry is 2 x max', () => {
    let now = 0;
    const b = new Backoff(() => now, 10_000, 300_000);
    b.next('img', now);
    now = 5_000;
    expect(b.isInBackOffSinceUpdate('img', now)).toBe(true);
    now = 10_000;
    expect(b.isInBackOffSinceUpdate('img', now)).toBe(false);
    b.next('img', now);
    expect(b.get('img')).toBe(20_000);
    now += 600_001;
    b.gc();
    expect(b.get('img')).toBe(0);
  });

  it('snapshots as JSON', () => {
    const x = crashLoop();
    x.b.next('a', 0);
    const y = crashLoop();
    y.b.restore(JSON.parse(JSON.stringify(x.b.snapshot())));
    expect(y.b.get('a')).toBe(10_000);
    expect(y.b.entry('a')).toEqual(x.b.entry('a'));
  });
});
