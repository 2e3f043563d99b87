import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT } from '../store';
import { World } from '../world';
import { checkSave, decodeSave, encodeSave, SAVE_VERSION, type SaveFile } from './save-file';

// one real world snapshot, shared (creating a cluster is the slow part)
const world = World.create({ seed: 7 });
const base: SaveFile = {
  format: 'podlab-save',
  version: SAVE_VERSION,
  savedAt: 1_700_000_000_000,
  world: world.snapshot(),
  layout: { ...DEFAULT_LAYOUT, view: 'cluster', lessonWidth: 0.4 },
  editor: { openFiles: ['/root/pod.yaml'], activeFile: '/root/pod.yaml' },
  prefs: { screenReaderMode: true },
  progress: {
    'first-pod': { format: 'podlab-lesson-progress/v1', lesson: 'first-pod', done: ['apply'], hints: { apply: 1 }, historyOffset: 3 },
  },
};
const text = encodeSave(base);

/** The save as plain data with `edit` applied (to damage one part). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form damage to plain JSON
function variant(edit: (d: Record<string, any>) => void): string {
  const d = JSON.parse(text);
  edit(d);
  return JSON.stringify(d);
}

function reason(input: unknown): string {
  const r = decodeSave(input);
  if (r.ok) throw new Error('expected the save to be refused');
  return r.reason;
}

describe('decodeSave', () => {
  it('reads back what encodeSave wrote', () => {
    const r = decodeSave(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.save).toEqual(base);
  });

  it('refuses a truncated save, saying it was cut short', () => {
    for (const cut of [10, text.length / 2, text.length - 1]) {
      expect(reason(text.slice(0, cut))).toMatch(/cut short/);
    }
  });

  it('refuses garbage and empty text without throwing', () => {
    expect(reason('}{ not json')).toMatch(/not valid JSON/);
    expect(reason('\u0000\u0001binary')).toMatch(/not valid JSON/);
    expect(reason('')).toMatch(/empty/);
    expect(reason(42)).toMatch(/not text/);
    expect(reason(undefined)).toMatch(/not text/);
    expect(reason('[1,2]')).toMatch(/not a Podlab save \(found a list\)/);
    expect(reason('null')).toMatch(/not a Podlab save \(found null\)/);
  });

  it('refuses a document of another format', () => {
    expect(reason(JSON.stringify({ name: 'my notes' }))).toMatch(/not a Podlab save \(format missing\)/);
    expect(reason(variant((d) => (d.format = 'vscode-settings')))).toMatch(/format "vscode-settings"/);
    // a bare world snapshot (not wrapped in a save) is also foreign here
    expect(reason(JSON.stringify(base.world))).toMatch(/not a Podlab save/);
  });

  it('refuses older and newer versions, naming both', () => {
    expect(reason(variant((d) => (d.version = 0)))).toBe(`it was made by an older version of Podlab (save version 0, this is ${SAVE_VERSION})`);
    expect(reason(variant((d) => (d.version = SAVE_VERSION + 1)))).toMatch(/newer version/);
    expect(reason(variant((d) => delete d.version))).toMatch(/no version/);
  });

  it('refuses a save with a damaged part', () => {
    expect(reason(variant((d) => delete d.world))).toMatch(/world is missing/);
    expect(reason(variant((d) => (d.world.cluster.format = 'podlab-cluster/v0')))).toMatch(/cluster is missing or of an unknown format/);
    expect(reason(variant((d) => (d.world.cluster.store = null)))).toMatch(/cluster has no store/);
    expect(reason(variant((d) => delete d.world.session.files))).toMatch(/session is incomplete/);
    expect(reason(variant((d) => (d.world.clock = 'fast')))).toMatch(/clock settings/);
    expect(reason(variant((d) => (d.world.scrollback = 12)))).toMatch(/scrollback/);
    expect(reason(variant((d) => (d.layout = [])))).toMatch(/layout/);
    expect(reason(variant((d) => (d.editor.openFiles = ['/root/a', 3])))).toMatch(/editor tabs/);
    expect(reason(variant((d) => (d.progress['first-pod'].done = 'all')))).toMatch(/lesson progress is damaged/);
    expect(reason(variant((d) => (d.world.lesson = { id: 'first-pod' })))).toMatch(/running lesson is damaged/);
  });

  it('repairs layout values out of range and drops unknown fields', () => {
    const r = checkSave(JSON.parse(variant((d) => (d.layout = { lessonWidth: 7, topHeight: 0.3, view: 'games', split: 'yes', extra: 1 }))));
    expect(r.ok && r.save.layout).toEqual({ ...DEFAULT_LAYOUT, topHeight: 0.3 });
  });

  it('treats missing preferences and progress as defaults', () => {
    const r = decodeSave(variant((d) => (delete d.prefs, delete d.progress)));
    expect(r.ok && r.save.prefs).toEqual({ screenReaderMode: false });
    expect(r.ok && r.save.progress).toEqual({});
  });
});
