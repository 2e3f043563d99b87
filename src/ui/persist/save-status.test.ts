import { describe, expect, it } from 'vitest';
import type { SaveStatus } from '../../state/persist/autosave';
import { agoText, exportFileName, settledState, statusDetail, statusText } from './save-status';

const base: SaveStatus = { savedAt: undefined, captureMs: undefined, dirty: false, writing: 0, error: undefined, saves: 0 };

describe('save status', () => {
  it('says how long ago the last save was', () => {
    expect(statusText({ ...base, savedAt: 10_000 }, 10_500)).toBe('Saved just now');
    expect(statusText({ ...base, savedAt: 10_000 }, 13_999)).toBe('Saved 3 s ago');
    expect(statusText({ ...base, savedAt: 0 }, 125_000)).toBe('Saved 2 min ago');
    expect(agoText(3 * 3600_000 + 5)).toBe('3 h ago');
    expect(agoText(-50)).toBe('just now');
  });

  it('before the first save and after a failure', () => {
    expect(statusText(base, 0)).toBe('Not saved yet');
    expect(statusText({ ...base, dirty: true }, 0)).toBe('Saving…');
    const failed = { ...base, savedAt: 1, error: 'saving failed: QuotaExceededError' };
    expect(statusText(failed, 2)).toBe('Not saved');
    expect(statusDetail(failed)).toMatch(/not being saved: saving failed: QuotaExceededError/);
    expect(statusDetail({ ...base, captureMs: 41.6 })).toMatch(/took 42 ms/);
  });

  it('names export files by local date and time', () => {
    expect(exportFileName(new Date(2026, 10, 21, 9, 5))).toBe('podlab-2026-11-21-0905.json');
    expect(exportFileName(new Date(2026, 0, 2, 23, 59), 'podlab-unreadable-save')).toBe('podlab-unreadable-save-2026-01-02-2359.json');
  });
});

describe('settledState', () => {
  it('is saved only when nothing is dirty or in flight', () => {
    expect(settledState({ ...base, savedAt: 1 })).toBe('saved');
    expect(settledState(base)).toBe('pending');
    expect(settledState({ ...base, savedAt: 1, dirty: true })).toBe('pending');
    expect(settledState({ ...base, savedAt: 1, writing: 1 })).toBe('pending');
    expect(settledState({ ...base, savedAt: 1, error: 'saving failed: x' })).toBe('failed');
  });
});
