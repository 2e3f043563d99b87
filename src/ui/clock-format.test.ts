import { expect, test } from 'vitest';
import { clockText, skipText } from './clock-format';

test('cluster time is shown in UTC', () => {
  expect(clockText(Date.UTC(2026, 10, 21, 12, 3, 27, 900))).toBe('12:03:27');
});

test('skips read like kubectl ages', () => {
  expect(skipText(45_000)).toBe('+45s');
  expect(skipText(250_000)).toBe('+4m10s');
  expect(skipText(120_000)).toBe('+2m');
  expect(skipText(3_720_000)).toBe('+1h2m');
});
