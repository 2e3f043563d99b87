import { describe, expect, test } from 'vitest';
import { offlineCopy, offlineCopyText } from './offline-copy';

describe('whether the browser keeps an offline copy', () => {
  test('plain http from another machine: never, whatever else holds (no service worker may run)', () => {
    for (const serviceWorkers of [true, false]) {
      for (const controlled of [true, false]) expect(offlineCopy({ secure: false, serviceWorkers, controlled })).toBe('insecure');
    }
  });

  test('a secure page: kept once a service worker controls it, being saved before', () => {
    expect(offlineCopy({ secure: true, serviceWorkers: true, controlled: true })).toBe('kept');
    expect(offlineCopy({ secure: true, serviceWorkers: true, controlled: false })).toBe('saving');
    expect(offlineCopy({ secure: true, serviceWorkers: false, controlled: false })).toBe('unsupported');
  });

  test('the LAN case names the origin and says what still works', () => {
    const text = offlineCopyText('insecure', 'http://192.168.1.20:4173');
    expect(text).toContain('http://192.168.1.20:4173');
    expect(text).toContain('https or from localhost');
    expect(text).toContain('your work stays saved in this browser');
  });
});
