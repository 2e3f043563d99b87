// Open file descriptions and pipes, the kernel objects a process's fds point at. Shared between
// processes after fork/spawn (reference counted), so a pipe reaches end-of-file exactly when the
// last writer closes, as on Linux. All plain data: the table snapshots as JSON.
import { isFsError } from '../fs/memfs';
import type { OpenMode } from './program';
import type { AppendTarget, OutputSink, Vfs } from './types';

/** Linux's default pipe capacity (pipe(7): 16 pages): a writer past it must wait. */
export const PIPE_CAPACITY = 65536;

export type OfdData =
  // tty: the stdin of a container or exec session started with a terminal (isatty(0) is true)
  | { k: 'pipe'; pipe: number; end: 'r' | 'w'; tty?: true }
  | { k: 'file'; fs: string; path: string; mode: OpenMode; off: number }
  | { k: 'null' }
  | { k: 'zero' }
  | { k: 'sink'; sink: string; stream: 'stdout' | 'stderr' };

export type Ofd = OfdData & { id: number; refs: number };

/** Someone waiting on a pipe end: namespace, pid, fd, exec generation. */
export type Waiter = [ns: string, pid: number, fd: number, gen: number];

export interface Pipe {
  id: number;
  buf: string;
  /** every read end is closed: writers get EPIPE */
  rClosed: boolean;
  /** every write end is closed: readers get end-of-file once buf is drained */
  wClosed: boolean;
  rWait: Waiter[];
  wWait: Waiter[];
}

export type WriteResult = 'ok' | 'full' | 'epipe' | 'error';

/**
 * A file keeps what is written to it for the life of the pod: store it flat. Text built by joins and
 * concatenations is a tree of string pieces in V8; reading a character flattens it in place.
 */
export function flat(s: string): string {
  if (s.length) s.charCodeAt(0);
  return s;
}

export interface DescriptorState {
  ofdSeq: number;
  pipeSeq: number;
  ofds: Ofd[];
  pipes: Pipe[];
}

/** What the table needs from the kernel: filesystems, sinks, and a way to wake waiters. */
export interface DescriptorHost {
  fsOf(id: string): Vfs;
  sinkOf(id: string): OutputSink | undefined;
  wake(w: Waiter, type: 'readable' | 'writable'): void;
}

export class DescriptorTable {
  private ofds = new Map<number, Ofd>();
  private pipes = new Map<number, Pipe>();
  private ofdSeq = 0;
  private pipeSeq = 0;

  /**
   * Regular files already opened for append, per watchable filesystem (MemFS.onChange): a writer
   * loop's `>> file` then costs no path walk at open. Entries go when the path is removed or renamed.
   */
  private readonly knownFiles = new WeakMap<Vfs, Set<string>>();
  /**
   * Descriptions opened for append on a filesystem that hands out the file itself (Vfs.openAppend):
   * their writes go straight to it, no path to resolve. Wiring, not state: a restored table appends
   * by path, as it did before.
   */
  private readonly appends = new Map<number, AppendTarget>();

  constructor(private readonly host: DescriptorHost) {}

  private isKnownFile(fs: Vfs, path: string): boolean {
    let known = this.knownFiles.get(fs);
    if (!known) {
      const watchable = fs as Vfs & { onChange?: (l: (path: string, op: string) => void) => unknown };
      if (typeof watchable.onChange !== 'function') return false;
      const set = (known = new Set());
      watchable.onChange((changed, op) => {
        if (op === 'remove' || op === 'rename-from' || op === 'rename-to') set.delete(changed);
      });
      this.knownFiles.set(fs, known);
    }
    return known.has(path);
  }

  get(id: number): Ofd | undefined {
    return this.ofds.get(id);
  }

  /** A new description with no references yet; `ref` it for every fd that points at it. */
  create(data: OfdData): Ofd {
    // callers pass a fresh literal: make it the description (no copy on this hot path)
    const ofd = data as Ofd;
    ofd.id = ++this.ofdSeq;
    ofd.refs = 0;
    this.ofds.set(ofd.id, ofd);
    return ofd;
  }

  createPipe(tty = false): [Ofd, Ofd] {
    const id = ++this.pipeSeq;
    this.pipes.set(id, { id, buf: '', rClosed: false, wClosed: false, rWait: [], wWait: [] });
    const r: OfdData = tty ? { k: 'pipe', pipe: id, end: 'r', tty: true } : { k: 'pipe', pipe: id, end: 'r' };
    return [this.create(r), this.create({ k: 'pipe', pipe: id, end: 'w' })];
  }

  ref(id: number): void {
    const ofd = this.ofds.get(id);
    if (ofd) ofd.refs++;
  }

  /** Drop one reference; the last one closes the description (and its pipe end). */
  unref(id: number): void {
    const ofd = this.ofds.get(id);
    if (!ofd) return;
    if (--ofd.refs > 0) return;
    this.ofds.delete(id);
    if (ofd.k === 'file') this.appends.delete(id);
    if (ofd.k !== 'pipe') return;
    const pipe = this.pipes.get(ofd.pipe);
    if (!pipe) return;
    if (ofd.end === 'w') {
      pipe.wClosed = true;
      this.wakeAll(pipe.rWait, 'readable');
    } else {
      pipe.rClosed = true;
      pipe.buf = ''; // nobody can read it any more
      this.wakeAll(pipe.wWait, 'writable');
    }
    if (pipe.rClosed && pipe.wClosed) this.pipes.delete(pipe.id);
  }

  /** Drop a description nobody referenced (created for an fd that was never installed). */
  dropIfUnused(id: number): void {
    const ofd = this.ofds.get(id);
    if (ofd && ofd.refs === 0) {
      ofd.refs = 1;
      this.unref(id);
    }
  }

  /**
   * open(2) on a filesystem. Device files are understood here: /dev/null, /dev/zero. (The
   * /dev/stdout and /dev/fd/N aliases are per process; the kernel resolves them first.)
   */
  open(fsId: string, path: string, mode: OpenMode): Ofd | { code: string; path: string } {
    if (path === '/dev/null') return this.create({ k: 'null' });
    if (path === '/dev/zero') return this.create({ k: 'zero' });
    const fs = this.host.fsOf(fsId);
    let target: AppendTarget | undefined;
    try {
      if (mode === 'r' || mode === 'rw') {
        const st = fs.stat(path);
        // Reading a directory opens fine and fails on read(2); shells report EISDIR for writes only.
        if (st.type === 'dir' && mode === 'rw') return { code: 'EISDIR', path };
        if (mode === 'rw' && !fs.exists(path)) fs.writeFile(path, '');
      } else if (mode === 'w') {
        fs.writeFile(path, ''); // O_CREAT|O_TRUNC
      } else if (fs.openAppend) {
        target = fs.openAppend(path);
      } else if (!this.isKnownFile(fs, path)) {
        // O_CREAT|O_APPEND in one call: appending nothing creates a missing file and leaves an
        // existing one (and its mtime) alone, as open(2) does.
        fs.appendFile(path, '');
        this.knownFiles.get(fs)?.add(path);
      }
    } catch (e) {
      if (isFsError(e)) return { code: e.code, path };
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string') return { code, path };
      throw e;
    }
    const ofd = this.create({ k: 'file', fs: fsId, path, mode, off: 0 });
    if (target) this.appends.set(ofd.id, target);
    return ofd;
  }

  write(id: number, data: string): WriteResult {
    const ofd = this.ofds.get(id);
    if (!ofd) return 'error';
    switch (ofd.k) {
      case 'pipe': {
        if (ofd.end !== 'w') return 'error';
        const pipe = this.pipes.get(ofd.pipe)!;
        if (pipe.rClosed) return 'epipe';
        if (!data) return 'ok';
        pipe.buf += data;
        if (pipe.rWait.length) this.wakeAll(pipe.rWait, 'readable');
        return pipe.buf.length < PIPE_CAPACITY ? 'ok' : 'full';
      }
      case 'file': {
        if (ofd.mode === 'r') return 'error';
        const target = this.appends.get(id);
        if (target) {
          target.append(flat(data));
          return 'ok';
        }
        try {
          // Writes land at the end: O_APPEND, or after O_TRUNC (nobody seeks in Podlab).
          this.host.fsOf(ofd.fs).appendFile(ofd.path, flat(data));
        } catch {
          return 'error';
        }
        return 'ok';
      }
      case 'sink':
        this.host.sinkOf(ofd.sink)?.write(data, ofd.stream);
        return 'ok';
      default:
        return 'ok';
    }
  }

  /** Text, '' at end-of-file, or null when the read would block. */
  read(id: number, mode: 'all' | 'line'): string | null {
    const ofd = this.ofds.get(id);
    if (!ofd) return '';
    switch (ofd.k) {
      case 'pipe': {
        if (ofd.end !== 'r') return '';
        const pipe = this.pipes.get(ofd.pipe)!;
        if (!pipe.buf) return pipe.wClosed ? '' : null;
        let n = pipe.buf.length;
        if (mode === 'line') {
          const nl = pipe.buf.indexOf('\n');
          if (nl < 0 && !pipe.wClosed) return null;
          if (nl >= 0) n = nl + 1;
        }
        const out = pipe.buf.slice(0, n);
        const wasFull = pipe.buf.length >= PIPE_CAPACITY;
        pipe.buf = pipe.buf.slice(n);
        if (wasFull && pipe.buf.length < PIPE_CAPACITY && pipe.wWait.length) this.wakeAll(pipe.wWait, 'writable');
        return out;
      }
      case 'file': {
        if (ofd.mode === 'w' || ofd.mode === 'a') return '';
        let text: string;
        try {
          text = this.host.fsOf(ofd.fs).readFile(ofd.path);
        } catch {
          return '';
        }
        let end = text.length;
        if (mode === 'line') {
          const nl = text.indexOf('\n', ofd.off);
          if (nl >= 0) end = nl + 1;
        }
        const out = text.slice(ofd.off, end);
        ofd.off = Math.max(ofd.off, end);
        return out;
      }
      case 'zero':
        return '\0'.repeat(4096);
      default:
        return '';
    }
  }

  /** Whether a read would find data or end-of-file now. */
  readable(id: number): boolean {
    const ofd = this.ofds.get(id);
    if (!ofd || ofd.k !== 'pipe' || ofd.end !== 'r') return true;
    const pipe = this.pipes.get(ofd.pipe)!;
    return pipe.buf.length > 0 || pipe.wClosed;
  }

  /** Whether a write would block (the pipe is full and someone may still read it). */
  writeBlocked(id: number): boolean {
    const ofd = this.ofds.get(id);
    if (!ofd || ofd.k !== 'pipe' || ofd.end !== 'w') return false;
    const pipe = this.pipes.get(ofd.pipe)!;
    return !pipe.rClosed && pipe.buf.length >= PIPE_CAPACITY;
  }

  /** Register a one-shot waiter; false when the condition already holds (the caller fires it). */
  addWaiter(id: number, w: Waiter, type: 'readable' | 'writable'): boolean {
    const ofd = this.ofds.get(id);
    if (!ofd || ofd.k !== 'pipe') return false;
    const pipe = this.pipes.get(ofd.pipe)!;
    if (type === 'readable' ? this.readable(id) : !this.writeBlocked(id)) return false;
    const list = type === 'readable' ? pipe.rWait : pipe.wWait;
    if (!list.some((x) => x[0] === w[0] && x[1] === w[1] && x[2] === w[2] && x[3] === w[3])) list.push(w);
    return true;
  }

  snapshot(): DescriptorState {
    return {
      ofdSeq: this.ofdSeq,
      pipeSeq: this.pipeSeq,
      ofds: [...this.ofds.values()].map((o) => ({ ...o })),
      pipes: [...this.pipes.values()].map((p) => ({ ...p, rWait: p.rWait.map((w) => [...w] as Waiter), wWait: p.wWait.map((w) => [...w] as Waiter) })),
    };
  }

  restore(s: DescriptorState): void {
    this.appends.clear();
    this.ofdSeq = s.ofdSeq;
    this.pipeSeq = s.pipeSeq;
    this.ofds = new Map(s.ofds.map((o) => [o.id, { ...o }]));
    this.pipes = new Map(s.pipes.map((p) => [p.id, { ...p, rWait: p.rWait.map((w) => [...w] as Waiter), wWait: p.wWait.map((w) => [...w] as Waiter) }]));
  }

  private wakeAll(list: Waiter[], type: 'readable' | 'writable'): void {
    const ws = list.splice(0);
    for (const w of ws) this.host.wake(w, type);
  }
}
