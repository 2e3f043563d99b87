// The save: everything needed to resume where the learner left off (the world, the layout, the
// open editor tabs, preferences), as one versioned JSON document. The same document is what
// Export downloads and Import reads, so a save is checked the same way wherever it comes from.
import type { LessonProgress } from '../../lesson';
import { DEFAULT_LAYOUT, type Layout, type SideView } from '../store';
import type { WorldSnapshot } from '../world';

export const SAVE_FORMAT = 'podlab-save';
/** Bump when a save written by this version cannot be read by the previous one. */
export const SAVE_VERSION = 1;

export interface SaveFile {
  format: typeof SAVE_FORMAT;
  version: typeof SAVE_VERSION;
  /** real time of the save (epoch ms): shown to the learner, never used by the cluster */
  savedAt: number;
  world: WorldSnapshot;
  layout: Layout;
  editor: { openFiles: string[]; activeFile: string | undefined };
  prefs: { screenReaderMode: boolean };
  /** lesson progress by lesson id (every lesson started, not only the running one) */
  progress: Record<string, LessonProgress>;
}

export type DecodeResult = { ok: true; save: SaveFile } | { ok: false; reason: string };

export function encodeSave(save: SaveFile): string {
  return JSON.stringify(save);
}

/** Parses and checks a save; never throws. The reason is a sentence for the learner. */
export function decodeSave(text: unknown): DecodeResult {
  if (typeof text !== 'string') return fail(`it is not text (found ${describe(text)})`);
  if (text.trim() === '') return fail('it is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(looksTruncated(text) ? 'it is cut short (incomplete JSON)' : 'it is not valid JSON');
  }
  return checkSave(data);
}

/** Structural checks on parsed data, so a foreign or damaged document is refused before use. */
export function checkSave(data: unknown): DecodeResult {
  if (!isRecord(data)) return fail(`it is not a Podlab save (found ${describe(data)})`);
  if (data.format !== SAVE_FORMAT) return fail(`it is not a Podlab save (format ${JSON.stringify(data.format) ?? 'missing'})`);
  if (typeof data.version !== 'number') return fail('it has no version number');
  if (data.version < SAVE_VERSION) return fail(`it was made by an older version of Podlab (save version ${data.version}, this is ${SAVE_VERSION})`);
  if (data.version > SAVE_VERSION) return fail(`it was made by a newer version of Podlab (save version ${data.version}, this is ${SAVE_VERSION})`);
  if (typeof data.savedAt !== 'number' || !Number.isFinite(data.savedAt)) return fail('it has no save time');

  const world = data.world;
  if (!isRecord(world) || world.format !== 'podlab-world/v1') return fail('its world is missing or of an unknown format');
  const cluster = world.cluster;
  if (!isRecord(cluster) || cluster.format !== 'podlab-cluster/v1') return fail('its cluster is missing or of an unknown format');
  for (const part of ['topology', 'clock', 'store', 'events', 'nodeFiles', 'components'] as const) {
    if (!isRecord(cluster[part])) return fail(`its cluster has no ${part}`);
  }
  if (!Array.isArray(cluster.random)) return fail('its cluster has no random state');
  const session = world.session;
  if (!isRecord(session) || session.format !== 'podlab-session/v1') return fail('its terminal session is missing or of an unknown format');
  if (typeof session.cwd !== 'string' || !isRecord(session.files) || !isRecord(session.vars) || !isRecord(session.history) || !Array.isArray(session.random)) {
    return fail('its terminal session is incomplete');
  }
  if (!isRecord(world.clock) || typeof world.clock.speed !== 'number' || typeof world.clock.paused !== 'boolean') return fail('its clock settings are missing');
  if (world.scrollback !== undefined && typeof world.scrollback !== 'string') return fail('its terminal scrollback is not text');
  if (world.lesson !== undefined && !(isRecord(world.lesson) && typeof world.lesson.id === 'string' && isProgress(world.lesson.progress))) {
    return fail('its running lesson is damaged');
  }

  const layout = checkLayout(data.layout);
  if (!layout) return fail('its layout is damaged');
  const editor = data.editor;
  if (!isRecord(editor) || !isStringArray(editor.openFiles)) return fail('its editor tabs are damaged');
  if (editor.activeFile !== undefined && typeof editor.activeFile !== 'string') return fail('its editor tabs are damaged');
  const prefs = isRecord(data.prefs) ? data.prefs : {};
  const progress = data.progress ?? {};
  if (!isRecord(progress) || !Object.values(progress).every(isProgress)) return fail('its lesson progress is damaged');

  return {
    ok: true,
    save: {
      format: SAVE_FORMAT,
      version: SAVE_VERSION,
      savedAt: data.savedAt,
      world: world as unknown as WorldSnapshot,
      layout,
      editor: { openFiles: editor.openFiles, activeFile: editor.activeFile as string | undefined },
      prefs: { screenReaderMode: prefs.screenReaderMode === true },
      progress: progress as Record<string, LessonProgress>,
    },
  };
}

const VIEWS: readonly SideView[] = ['editor', 'cluster', 'preview'];

/**
 * A layout with every field valid: each field of DEFAULT_LAYOUT taken from the save when it has
 * the default's type (fractions in range, a known view), else defaulted; unknown fields dropped.
 */
function checkLayout(value: unknown): Layout | undefined {
  if (!isRecord(value)) return undefined;
  const layout: Record<string, unknown> = { ...DEFAULT_LAYOUT };
  for (const [key, fallback] of Object.entries(DEFAULT_LAYOUT)) {
    const v = value[key];
    if (typeof v !== typeof fallback) continue;
    if (typeof v === 'number' && !(v > 0 && v < 1)) continue;
    if (key === 'view' && !VIEWS.includes(v as SideView)) continue;
    layout[key] = v;
  }
  return layout as unknown as Layout;
}

/** The shape of the lesson runtime's progress (src/lesson/runtime.ts LessonProgress). */
function isProgress(v: unknown): boolean {
  return (
    isRecord(v) &&
    v.format === 'podlab-lesson-progress/v1' &&
    typeof v.lesson === 'string' &&
    isStringArray(v.done) &&
    isRecord(v.hints) &&
    typeof v.historyOffset === 'number'
  );
}

function fail(reason: string): DecodeResult {
  return { ok: false, reason };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** JSON that starts like a document but does not close its brackets was cut off while written. */
function looksTruncated(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth > 0 || inString;
}
