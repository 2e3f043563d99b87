import { describe, expect, it } from 'vitest';
import { echoText } from './printf';

describe('echoText', () => {
  it('dash: only -n is an option and backslashes always expand', () => {
    expect(echoText(['-n', 'a\\tb'], true)).toBe('a\tb');
    expect(echoText(['-e', 'x'], true)).toBe('-e x\n');
    expect(echoText(['stop\\chere'], true)).toBe('stop');
  });

  it('bash, coreutils and busybox: -n/-e/-E clusters, escapes only with -e', () => {
    expect(echoText(['a\\tb'], false)).toBe('a\\tb\n');
    expect(echoText(['-e', 'a\\tb'], false)).toBe('a\tb\n');
    expect(echoText(['-ne', 'a\\tb'], false)).toBe('a\tb');
    expect(echoText(['-eE', 'a\\tb'], false)).toBe('a\\tb\n');
    expect(echoText(['-x', 'y'], false)).toBe('-x y\n');
    expect(echoText([], false)).toBe('\n');
  });
});
