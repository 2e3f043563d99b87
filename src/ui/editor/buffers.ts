// The editor's open buffers kept in step with the learner's filesystem, without Monaco: a buffer
// is anything with getValue/setValue (a Monaco model in the app, a string in the tests).
//
// Each file buffer remembers `base`, the file's text when it was last loaded or saved. When the
// shell changes the file (`cat > x.yaml`, `rm`, `sed -i`), a clean buffer (text === base) takes
// the new text; a dirty one keeps the learner's text and is marked as a conflict, until it is
// saved (the learner's text wins) or reloaded (the file's text wins). A `kubectl edit` buffer is
// not a file: kubectl gets its text through the bridge, never through the filesystem.
import type { MemFS } from '../../engine';

export interface TextBuffer {
  getValue(): string;
  setValue(text: string): void;
  dispose(): void;
}

/** What the store hears about (its dirty/conflict markers and tabs). */
export interface BufferEvents {
  setDirty(path: string, dirty: boolean): void;
  setConflict(path: string, conflict: boolean): void;
  /** the file went away while its buffer was clean: the tab closes */
  removed(path: string): void;
  /** something under the watched tree changed (the file list redraws) */
  changed(): void;
}

interface Entry {
  buffer: TextBuffer;
  /** the file's text when last loaded or saved; undefined for a `kubectl edit` buffer */
  base: string | undefined;
  /** the file is gone from disk (a dirty buffer outlived `rm`) */
  deleted: boolean;
}

export type SaveResult = { ok: true } | { ok: false; error: string };

export class BufferSet {
  private readonly entries = new Map<string, Entry>();
  private readonly stopWatching: () => void;
  /** set while the set writes a file itself, so its own change is not taken for the shell's */
  private writing: string | undefined;

  constructor(
    private readonly fs: MemFS,
    private readonly make: (path: string, text: string) => TextBuffer,
    private readonly events: BufferEvents,
  ) {
    // the whole machine, not just /root: `nano /tmp/x` opens a file there too
    this.stopWatching = fs.watch('/', (path) => this.fileChanged(path));
  }

  /** The buffer for `path`, made on first use from the file (or from `content` for kubectl edit). */
  open(path: string, content?: string): TextBuffer | undefined {
    const have = this.entries.get(path);
    if (have) return have.buffer;
    if (content !== undefined) {
      const entry = { buffer: this.make(path, content), base: undefined, deleted: false };
      this.entries.set(path, entry);
      return entry.buffer;
    }
    const text = this.readFile(path);
    if (text === undefined) return undefined;
    const entry = { buffer: this.make(path, text), base: text, deleted: false };
    this.entries.set(path, entry);
    return entry.buffer;
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  isDeleted(path: string): boolean {
    return !!this.entries.get(path)?.deleted;
  }

  /** The buffer's text was edited: is it still what the file holds? */
  edited(path: string): void {
    const e = this.entries.get(path);
    if (!e || e.base === undefined) return;
    this.events.setDirty(path, e.deleted || e.buffer.getValue() !== e.base);
  }

  /** Writes the buffer to its file (the learner's text wins over a conflicting change). */
  save(path: string): SaveResult {
    const e = this.entries.get(path);
    if (!e || e.base === undefined) return { ok: true };
    const text = e.buffer.getValue();
    if (text === e.base && !e.deleted) return { ok: true };
    try {
      this.writing = path;
      this.fs.writeFile(path, text);
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    } finally {
      this.writing = undefined;
    }
    e.base = text;
    e.deleted = false;
    this.events.setDirty(path, false);
    this.events.setConflict(path, false);
    this.events.changed();
    return { ok: true };
  }

  /** Drops the learner's text for what the file holds now (the conflict bar's "Reload"). */
  reload(path: string): void {
    const e = this.entries.get(path);
    const text = this.readFile(path);
    if (!e || e.base === undefined || text === undefined) return;
    e.base = text;
    e.deleted = false;
    e.buffer.setValue(text);
    this.events.setDirty(path, false);
    this.events.setConflict(path, false);
  }

  /** The tab moved to `to` (the file was renamed by the explorer). */
  rename(from: string, to: string): void {
    const e = this.entries.get(from);
    if (!e) return;
    this.entries.delete(from);
    const text = e.buffer.getValue();
    e.buffer.dispose();
    this.entries.set(to, { ...e, buffer: this.make(to, text) });
  }

  close(path: string): void {
    const e = this.entries.get(path);
    if (!e) return;
    this.entries.delete(path);
    e.buffer.dispose();
  }

  dispose(): void {
    this.stopWatching();
    for (const e of this.entries.values()) e.buffer.dispose();
    this.entries.clear();
  }

  private readFile(path: string): string | undefined {
    try {
      return this.fs.exists(path) && this.fs.stat(path).type === 'file' ? this.fs.readFile(path) : undefined;
    } catch {
      return undefined;
    }
  }

  /** A change at `changed` (a file, or a folder moved or removed with everything below it). */
  private fileChanged(changed: string): void {
    if (changed === this.writing) return;
    for (const [path, e] of [...this.entries]) {
      if (e.base === undefined || (path !== changed && !path.startsWith(`${changed}/`))) continue;
      const disk = this.readFile(path);
      this.reconcile(path, e, disk);
    }
    this.events.changed();
  }

  private reconcile(path: string, e: Entry, disk: string | undefined): void {
    const text = e.buffer.getValue();
    const clean = !e.deleted && text === e.base;
    if (disk === undefined) {
      if (clean) {
        this.close(path);
        this.events.removed(path);
        return;
      }
      e.deleted = true;
      this.events.setDirty(path, true);
      this.events.setConflict(path, true);
      return;
    }
    e.deleted = false;
    if (disk === text) {
      // the shell wrote what the buffer holds (or the learner's change was undone meanwhile)
      e.base = disk;
      this.events.setDirty(path, false);
      this.events.setConflict(path, false);
    } else if (clean) {
      e.base = disk;
      e.buffer.setValue(disk);
      this.events.setDirty(path, false);
    } else {
      e.base = disk;
      this.events.setDirty(path, true);
      this.events.setConflict(path, true);
    }
  }
}
