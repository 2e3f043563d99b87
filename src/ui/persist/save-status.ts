// The words for the save status in the header ("Saved 3 s ago"), and the export file's name.
import type { SaveStatus } from '../../state/persist/autosave';

export function statusText(status: SaveStatus, now: number): string {
  if (status.error) return 'Not saved';
  if (status.savedAt === undefined) return status.dirty ? 'Saving…' : 'Not saved yet';
  return `Saved ${agoText(now - status.savedAt)}`;
}

/** 'saved' when every change so far is in storage (tests wait for it), else 'pending'. */
export function settledState(status: SaveStatus): 'saved' | 'pending' | 'failed' {
  if (status.error) return 'failed';
  return !status.dirty && status.writing === 0 && status.savedAt !== undefined ? 'saved' : 'pending';
}

/** A longer description for the tooltip and screen readers. */
export function statusDetail(status: SaveStatus): string {
  if (status.error) return `Your work is not being saved: ${status.error}. Use Export to keep a copy.`;
  const cost = status.captureMs === undefined ? '' : ` (the last save took ${Math.round(status.captureMs)} ms)`;
  return `Your work is saved in this browser automatically${cost}.`;
}

export function agoText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  return `${Math.floor(min / 60)} h ago`;
}

/** podlab-2026-11-21-1805.json, in the learner's local time. */
export function exportFileName(date: Date, what = 'podlab'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${what}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.json`;
}
