import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX, Quantity, QuantityError, maxResourceLists, parseQuantity,
  resourceListToStrings, sumResourceLists, tryParseQuantity,
} from './quantity';

describe('Quantity canonical form', () => {
  // k8s-facts §7.1 [REAL] table (kubectl set resources --local, v1.32.5).
  const factsTable: Array<[string, string]> = [
    ['0.5', '500m'], ['1000m', '1'], ['1.5', '1500m'], ['2000m', '2'], ['0.1', '100m'], ['1.25', '1250m'],
    ['1.5Gi', '1536Mi'], ['1024Mi', '1Gi'], ['0.5Gi', '512Mi'], ['2048Mi', '2Gi'], ['2.5Ti', '2560Gi'],
    ['1000000Ki', '1000000Ki'], ['128974848', '128974848'], ['129e6', '129e6'], ['1e3', '1e3'], ['1G', '1G'],
    ['500M', '500M'], ['1.5M', '1500k'], ['1Ki', '1Ki'], ['0.001', '1m'],
  ];
  it.each(factsTable)('%s prints as %s', (input, want) => {
    expect(Quantity.parse(input).toString()).toBe(want);
  });

  // Further cases captured from kubectl 1.32.5 (set resources --local) for this port.
  const edgeTable: Array<[string, string]> = [
    ['+1', '+1'], ['01', '01'], ['1E', '1E'], ['1E3', '1E3'], ['1000e0', '1e3'], ['12e-1', '1200e-3'],
    ['1e-10', '1e-9'], ['0.9n', '1n'], ['100.5m', '100500u'], ['1024Ki', '1Mi'], ['1025Ki', '1025Ki'],
    ['0.5Ki', '512'], ['0.0001Ki', '102400u'], ['8Ei', '9223372036854775807'], ['9Ei', '9223372036854775807'],
    ['1000E', '1'], ['1e30', '1e30'], ['-1', '-1'], ['-1.5Gi', '-1536Mi'], ['-0', '0'], ['1.5e3', '1500'],
    ['0.000000001', '1n'], ['1024', '1024'], ['2048Ki', '2Mi'], ['5e-3', '5e-3'], ['1e21', '1e21'],
    ['1e+21', '1e+21'], ['.', '0'], ['+', '0'], ['-', '0'], ['0', '0'], ['Gi', '0'], ['.Ki', '0'], ['e3', '0'],
  ];
  it.each(edgeTable)('%s prints as %s', (input, want) => {
    expect(Quantity.parse(input).toString()).toBe(want);
  });

  it('remembers the format family of the input', () => {
    expect(Quantity.parse('1Gi').format).toBe('BinarySI');
    expect(Quantity.parse('1G').format).toBe('DecimalSI');
    expect(Quantity.parse('1e9').format).toBe('DecimalExponent');
    // a binary value between 0 and 1 becomes DecimalSI (ParseQuantity)
    expect(Quantity.parse('0.0001Ki').format).toBe('DecimalSI');
  });
});

describe('Quantity parse errors', () => {
  it.each(['1GB', 'abc', '', '1.5.5', '1 Gi'])('rejects %j with the regular-expression message', (s) => {
    expect(() => Quantity.parse(s)).toThrow(QuantityError);
    expect(() => Quantity.parse(s)).toThrow(ERR_FORMAT_WRONG);
  });

  it('uses the exact upstream message', () => {
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('rejects a number without digits on the slow path', () => {
    expect(() => Quantity.parse('.e-10')).toThrow(ERR_NUMERIC);
    expect(ERR_NUMERIC).toBe('unable to parse numeric part of quantity');
  });

  it.each(['1m5', '1K', '1ki', '1Kii', '1e', '1e-'])('rejects the suffix of %j', (s) => {
    expect(() => Quantity.parse(s)).toThrow(ERR_SUFFIX);
    expect(ERR_SUFFIX).toBe("unable to parse quantity's suffix");
  });
});

describe('Quantity values and arithmetic', () => {
  it('gives milli values rounded up and integer values rounded up', () => {
    expect(Quantity.parse('100m').milliValue()).toBe(100);
    expect(Quantity.parse('1').milliValue()).toBe(1000);
    expect(Quantity.parse('1.5').milliValue()).toBe(1500);
    expect(Quantity.parse('1n').milliValue()).toBe(1);
    expect(Quantity.parse('250u').milliValue()).toBe(1);
    expect(Quantity.parse('1500m').value()).toBe(2);
    expect(Quantity.parse('1Gi').value()).toBe(1073741824);
    expect(Quantity.parse('128Mi').value()).toBe(134217728);
    expect(Quantity.parse('-1500m').value()).toBe(-2);
  });

  it('keeps huge and tiny values exact', () => {
    const big = Quantity.parse('7Ei');
    expect(big.nano).toBe(7n * (1n << 60n) * 1_000_000_000n);
    expect(big.add(Quantity.parse('1')).toString()).toBe('8070450532247928833');
    expect(Quantity.parse('1n').add(Quantity.parse('2n')).toString()).toBe('3n');
  });

  it('compares, adds and subtracts', () => {
    const a = Quantity.parse('500m');
    const b = Quantity.parse('0.5');
    expect(a.cmp(b)).toBe(0);
    expect(a.cmp(Quantity.parse('1'))).toBe(-1);
    expect(Quantity.parse('1Gi').cmp(Quantity.parse('1G'))).toBe(1);
    expect(a.add(b).toString()).toBe('1');
    expect(Quantity.parse('1Gi').sub(Quantity.parse('512Mi')).toString()).toBe('512Mi');
    expect(Quantity.parse('1').sub(Quantity.parse('1')).isZero()).toBe(true);
  });

  it('takes the format of the other operand when the receiver is zero (Quantity.Add)', () => {
    const sum = Quantity.zero().add(Quantity.parse('1Gi'));
    expect(sum.format).toBe('BinarySI');
    expect(sum.toString()).toBe('1Gi');
    expect(Quantity.parse('1').add(Quantity.parse('1Gi')).format).toBe('DecimalSI');
  });

  it('builds quantities from numbers', () => {
    expect(Quantity.fromMilli(1500).toString()).toBe('1500m');
    expect(Quantity.fromMilli(2000).toString()).toBe('2');
    expect(Quantity.fromNumber(1073741824, 'BinarySI').toString()).toBe('1Gi');
    expect(Quantity.fromNumber(0.25).toString()).toBe('250m');
    expect(Quantity.fromNumber(3).milliValue()).toBe(3000);
  });

  it('returns the same instance for a repeated parse and never exposes mutation', () => {
    expect(Quantity.parse('100m')).toBe(Quantity.parse('100m'));
    expect(JSON.stringify({ cpu: Quantity.parse('0.5') })).toBe('{"cpu":"500m"}');
  });

  it('parses the same text to the same value every time', () => {
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += parseQuantity('100m').milliValue();
    expect(sum).toBe(100_000);
  });
});

describe('tryParseQuantity', () => {
  it('accepts strings and YAML numbers', () => {
    expect(tryParseQuantity(1)?.toString()).toBe('1');
    expect(tryParseQuantity(0.5)?.toString()).toBe('500m');
    expect(tryParseQuantity(1e21)?.toString()).toBe('1e+21');
    expect(tryParseQuantity(' 64Mi ')?.toString()).toBe('64Mi');
    expect(tryParseQuantity('1GB')).toBeUndefined();
    expect(tryParseQuantity(undefined)).toBeUndefined();
    expect(tryParseQuantity({})).toBeUndefined();
    expect(tryParseQuantity(Number.NaN)).toBeUndefined();
  });
});

describe('resource lists', () => {
  it('sums lists per resource in first-seen order', () => {
    const sum = sumResourceLists([{ cpu: '100m', memory: '64Mi' }, undefined, { cpu: 0.5, 'nvidia.com/gpu': 1 }, { memory: '64Mi' }]);
    expect(Object.keys(sum)).toEqual(['cpu', 'memory', 'nvidia.com/gpu']);
    expect(resourceListToStrings(sum)).toEqual({ cpu: '600m', memory: '128Mi', 'nvidia.com/gpu': '1' });
  });

  it('takes the per-resource maximum', () => {
    const max = maxResourceLists({ cpu: '1', memory: '1Gi' }, { cpu: '1500m', ephemeral: '1G' });
    expect(resourceListToStrings(max)).toEqual({ cpu: '1500m', memory: '1Gi', ephemeral: '1G' });
  });
});
