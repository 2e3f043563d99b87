// For the persistence tests: a save of a world, with the store's defaults around it.
import { DEFAULT_LAYOUT } from '../store';
import type { World } from '../world';
import { SAVE_VERSION, type SaveFile } from './save-file';

export function saveOf(world: World, savedAt = 1_700_000_000_000): SaveFile {
  return {
    format: 'podlab-save',
    version: SAVE_VERSION,
    savedAt,
    world: world.snapshot(),
    layout: DEFAULT_LAYOUT,
    editor: { openFiles: [], activeFile: undefined },
    prefs: { screenReaderMode: false },
    progress: {},
  };
}
