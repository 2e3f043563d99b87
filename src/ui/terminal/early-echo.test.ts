import { describe, expect, it } from 'vitest';
import { earlyEcho } from './early-echo';

describe('earlyEcho', () => {
  it('echoes printable characters and starts a new line on Enter', () => {
    const echo = earlyEcho();
    expect(echo('kubectl get pods')).toBe('kubectl get pods');
    expect(echo('\r')).toBe('\r\n');
  });

  it('lets Backspace take back only what this line has', () => {
    const echo = earlyEcho();
    expect(echo('ab')).toBe('ab');
    expect(echo('\x7f\x7f\x7f')).toBe('\b \b\b \b');
    expect(echo('\r')).toBe('\r\n');
    expect(echo('\x7f')).toBe('');
  });

  it('shows nothing for control keys and escape sequences (the session gets them)', () => {
    const echo = earlyEcho();
    expect(echo('\x1b[A')).toBe('');
    expect(echo('\x03')).toBe('');
    expect(echo('\t')).toBe('');
  });
});
