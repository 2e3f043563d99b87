import { describe, expect, it } from 'vitest';
import {
  formatRFC1123Z, formatRFC3339, formatRFC3339Micro, goDuration, humanDuration, parseGoDuration,
  parseRFC3339, shortHumanDuration,
} from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (apimachinery duration_test.go tables)', () => {
  const cases: Array<[number, string]> = [
    [S, '1s'], [70 * S, '70s'], [190 * S, '3m10s'], [70 * M, '70m'], [47 * H, '47h'], [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'], [367 * D, '367d'], [(365 * 2 * 24 + 25) * H, '2y1d'], [(365 * 8 * 24 + 2) * H, '8y'],
    // boundaries
    [-2 * S, '<invalid>'], [-2 * S + 0.001, '0s'], [0, '0s'], [S - 1, '0s'], [2 * M - 1, '119s'], [2 * M, '2m'],
    [2 * M + S, '2m1s'], [10 * M - 1, '9m59s'], [10 * M, '10m'], [10 * M + S, '10m'], [3 * H - 1, '179m'],
    [3 * H, '3h'], [3 * H + M, '3h1m'], [8 * H - 1, '7h59m'], [8 * H, '8h'], [8 * H + 59 * M, '8h'],
    [2 * D - 1, '47h'], [2 * D, '2d'], [2 * D + H, '2d1h'], [8 * D - 1, '7d23h'], [8 * D, '8d'],
    [8 * D + 23 * H, '8d'], [2 * Y - 1, '729d'], [2 * Y, '2y'], [2 * Y + 23 * H, '2y'], [2 * Y + 23 * H + 59 * M, '2y'],
    [2 * Y + D - 1, '2y'], [2 * Y + D, '2y1d'], [3 * Y, '3y'], [7 * Y, '7y'], [8 * Y - 1, '7y364d'], [8 * Y, '8y'],
    [8 * Y + 364 * D, '8y'], [9 * Y, '9y'],
    // k8s-facts §1.4 examples
    [95 * S, '95s'], [130 * S, '2m10s'],
  ];
  it.each(cases)('%d ms prints as %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration', () => {
  const cases: Array<[number, string]> = [
    [-2 * S, '<invalid>'], [-2 * S + 0.001, '0s'], [0, '0s'], [S - 1, '0s'], [S, '1s'], [2 * S - 1, '1s'],
    [M - 1, '59s'], [M, '1m'], [2 * M - 1, '1m'], [H - 1, '59m'], [H, '1h'], [2 * H - 1, '1h'], [D - 1, '23h'],
    [D, '1d'], [2 * D - 1, '1d'], [Y - 1, '364d'], [Y, '1y'], [2 * Y - 1, '1y'], [2 * Y, '2y'],
  ];
  it.each(cases)('%d ms prints as %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('goDuration (time.Duration.String)', () => {
  const cases: Array<[number, string]> = [
    [0, '0s'], [812, '812ms'], [5611, '5.611s'], [10 * S, '10s'], [20 * S, '20s'], [40 * S, '40s'],
    [80 * S, '1m20s'], [160 * S, '2m40s'], [300 * S, '5m0s'], [H, '1h0m0s'], [1.5, '1.5ms'], [0.0015, '1.5µs'],
    [0.000001, '1ns'], [-1500, '-1.5s'], [H + 15 * M + 30.918273645 * S, '1h15m30.918273645s'], [100 * H, '100h0m0s'],
    [59.999 * S, '59.999s'],
  ];
  it.each(cases)('%d ms prints as %s', (ms, want) => {
    expect(goDuration(ms)).toBe(want);
  });
});

describe('parseGoDuration (time.ParseDuration)', () => {
  const cases: Array<[string, number]> = [
    ['0', 0], ['1h', H], ['30s', 30 * S], ['1m30s', 90 * S], ['500ms', 500], ['1.5h', 1.5 * H], ['-1.5h', -1.5 * H],
    ['+5s', 5 * S], ['2h45m', 2 * H + 45 * M], ['1.s', S], ['.5s', 500], ['100us', 0.1], ['100µs', 0.1],
    ['100μs', 0.1], ['10ns', 0.00001], ['5m0s', 5 * M], ['1h0m0s', H],
  ];
  it.each(cases)('%s is %d ms', (s, ms) => {
    expect(parseGoDuration(s)).toBeCloseTo(ms, 9);
  });

  it('round-trips what goDuration prints', () => {
    for (const ms of [812, 5611, 80 * S, 300 * S, H + 15 * M + 30 * S]) expect(parseGoDuration(goDuration(ms))).toBe(ms);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1.5.s', 'time: missing unit in duration "1.5.s"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['1', 'time: missing unit in duration "1"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['10 s', 'time: unknown unit " s" in duration "10 s"'],
    ['1é', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
  ])('rejects %j', (s, message) => {
    expect(() => parseGoDuration(s)).toThrow(message);
  });
});

describe('timestamps', () => {
  const t = Date.UTC(2025, 0, 2, 15, 4, 5, 123); // a Thursday

  it('formats RFC1123Z like kubectl describe', () => {
    expect(formatRFC1123Z(t)).toBe('Thu, 02 Jan 2025 15:04:05 +0000');
    expect(formatRFC1123Z(t, -7 * 60)).toBe('Thu, 02 Jan 2025 08:04:05 -0700');
    expect(formatRFC1123Z(t, 5 * 60 + 30)).toBe('Thu, 02 Jan 2025 20:34:05 +0530');
    expect(formatRFC1123Z(t, -16 * 60)).toBe('Wed, 01 Jan 2025 23:04:05 -1600');
  });

  it('formats and parses RFC 3339', () => {
    expect(formatRFC3339(t)).toBe('2025-01-02T15:04:05Z');
    expect(formatRFC3339Micro(t)).toBe('2025-01-02T15:04:05.123000Z');
    expect(parseRFC3339('2025-01-02T15:04:05Z')).toBe(t - 123);
    expect(parseRFC3339('2025-01-02T16:04:05+01:00')).toBe(t - 123);
    expect(parseRFC3339('yesterday')).toBeUndefined();
  });
});
