// Between the app's state and a save: capture what to keep, and turn a checked save back into a
// World plus the store's layout, tabs and preferences.
import type { Lesson } from '../../lesson';
import type { AppState } from '../store';
import { useAppStore } from '../store';
import { World } from '../world';
import { SAVE_FORMAT, SAVE_VERSION, type SaveFile } from './save-file';

/**
 * The save of the current state (snapshotting the world is the costly part: tens of ms). It may
 * share objects with the live world: encode it at once.
 */
export function captureSave(state: AppState, savedAt: number): SaveFile {
  if (!state.world) throw new Error('nothing to save before boot');
  return {
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    savedAt,
    world: state.world.snapshot({ shared: true }),
    layout: { ...state.layout },
    editor: { openFiles: [...state.openFiles], activeFile: state.activeFile },
    prefs: { screenReaderMode: state.screenReaderMode },
    progress: { ...state.progress },
  };
}

/**
 * The world a save describes (`lessons`: the course, needed when a lesson was running). The
 * restored shell prints a fresh prompt, so the saved scrollback loses its last line (the old
 * prompt and anything typed but not entered). Throws when the snapshot does not restore (the
 * caller reports it).
 */
export function worldFromSave(save: SaveFile, lessons?: ReadonlyMap<string, Lesson>): World {
  const scrollback = withoutLastLine(save.world.scrollback ?? '');
  return World.restore({ ...save.world, scrollback }, { lessons });
}

/** Makes `world` current and puts back the layout, the tabs (of files that still exist) and preferences. */
export function applySave(save: SaveFile, world: World): void {
  const fs = world.session.fs;
  const openFiles = save.editor.openFiles.filter((p, i, all) => all.indexOf(p) === i && fileExists(fs, p));
  const activeFile = save.editor.activeFile && openFiles.includes(save.editor.activeFile) ? save.editor.activeFile : openFiles[0];
  const store = useAppStore.getState();
  store.replaceWorld(world);
  useAppStore.setState({
    layout: { ...save.layout },
    openFiles,
    activeFile,
    dirty: {},
    screenReaderMode: save.prefs.screenReaderMode,
    progress: { ...save.progress },
  });
}

export function withoutLastLine(text: string): string {
  const nl = text.lastIndexOf('\n');
  return nl < 0 ? '' : text.slice(0, nl + 1);
}

function fileExists(fs: World['session']['fs'], path: string): boolean {
  try {
    return fs.exists(path) && fs.stat(path).type === 'file';
  } catch {
    return false;
  }
}
