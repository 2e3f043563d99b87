// The fd system calls: a process's fd table (fd → open file description) over the kernel's
// descriptor table. write, read, waiting on a pipe, open (with the per-process /dev/std* aliases),
// pipe, close, dup and dup2, and what fork and spawn give a child.
import { DescriptorTable, type Ofd, type Waiter } from './descriptors';
import { absolute } from './exec-resolver';
import type { OpenError, OpenMode } from './program';
import type { KernelEvent, ProcessRecord } from './process-record';
import type { SignalName } from './types';

/** What the fd calls need from the kernel: queueing an event, raising a signal. */
export interface FdHost {
  enqueue(rec: ProcessRecord, ev: KernelEvent): void;
  signal(rec: ProcessRecord, sig: SignalName): void;
}

export class ProcessFds {
  constructor(readonly table: DescriptorTable, private readonly host: FdHost) {}

  write(rec: ProcessRecord, fd: number, data: string): boolean {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return false;
    const res = this.table.write(id, data);
    if (res === 'epipe') {
      // pipe(7): writing to a pipe with no reader raises SIGPIPE, then fails with EPIPE.
      this.host.signal(rec, 'PIPE');
      return false;
    }
    return res === 'ok';
  }

  read(rec: ProcessRecord, fd: number, mode: 'all' | 'line'): string | null {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return '';
    return this.table.read(id, mode);
  }

  /** Ask for a `readable`/`writable` event; it comes at once when the fd is ready already. */
  wait(rec: ProcessRecord, fd: number, type: 'readable' | 'writable'): void {
    const id = rec.fds[fd];
    const w: Waiter = [rec.ns, rec.pid, fd, rec.gen];
    if (id === undefined || id < 0 || !this.table.addWaiter(id, w, type)) this.host.enqueue(rec, { type, fd });
  }

  writeBlocked(rec: ProcessRecord, fd: number): boolean {
    const id = rec.fds[fd];
    return id !== undefined && id >= 0 && this.table.writeBlocked(id);
  }

  open(rec: ProcessRecord, path: string, mode: OpenMode, minFd: number): number | OpenError {
    const abs = absolute(rec.cwd, path);
    // Per-process aliases of the standard streams (Linux: /proc/self/fd symlinks).
    const alias = abs.startsWith('/dev/') ? /^\/dev\/(?:(stdin)|(stdout)|(stderr)|fd\/(\d+))$/.exec(abs) : null;
    if (alias) {
      const fd = alias[1] ? 0 : alias[2] ? 1 : alias[3] ? 2 : Number(alias[4]);
      const to = this.dup(rec, fd, minFd);
      return to < 0 ? { code: 'ENOENT', path: abs } : to;
    }
    const res = this.table.open(rec.fs, abs, mode);
    if (!('id' in res)) return res;
    return this.install(rec, res, minFd);
  }

  pipe(rec: ProcessRecord, minFd: number): [number, number] {
    const [r, w] = this.table.createPipe();
    const rfd = this.install(rec, r, minFd);
    return [rfd, this.install(rec, w, minFd)];
  }

  close(rec: ProcessRecord, fd: number): void {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return;
    rec.fds[fd] = -1;
    while (rec.fds.length && rec.fds[rec.fds.length - 1] === -1) rec.fds.pop();
    this.table.unref(id);
  }

  /** Close every fd (the process is gone). */
  closeAll(rec: ProcessRecord): void {
    const fds = rec.fds;
    rec.fds = [];
    for (let i = 0; i < fds.length; i++) if (fds[i]! >= 0) this.table.unref(fds[i]!);
  }

  dup2(rec: ProcessRecord, from: number, to: number): boolean {
    const id = rec.fds[from];
    if (id === undefined || id < 0) return false;
    if (from === to) return true;
    this.table.ref(id);
    this.close(rec, to);
    while (rec.fds.length < to) rec.fds.push(-1);
    rec.fds[to] = id;
    return true;
  }

  dup(rec: ProcessRecord, fd: number, minFd: number): number {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return -1;
    return this.install(rec, this.table.get(id)!, minFd);
  }

  ofdOf(rec: ProcessRecord, fd: number): Ofd | undefined {
    const id = rec.fds[fd];
    return id === undefined || id < 0 ? undefined : this.table.get(id);
  }

  /** A child's fds: fd i gets the parent's fd map[i] (null or a closed fd: none). */
  inherit(parent: ProcessRecord, map: readonly (number | null)[]): number[] {
    // sized once: the last fd the child gets decides the length (no array grown push by push)
    let n = map.length;
    while (n > 0 && ofdAt(parent, map, n - 1) < 0) n--;
    const fds = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const id = ofdAt(parent, map, i);
      if (id >= 0) this.table.ref(id);
      fds[i] = id;
    }
    return fds;
  }

  /** Put a description in the lowest free fd at or above `minFd`. */
  private install(rec: ProcessRecord, ofd: Ofd, minFd: number): number {
    let fd = minFd;
    while (fd < rec.fds.length && rec.fds[fd]! >= 0) fd++;
    while (rec.fds.length <= fd) rec.fds.push(-1);
    rec.fds[fd] = ofd.id;
    this.table.ref(ofd.id);
    return fd;
  }
}

/** The description a child's fd `i` gets from its parent through an fd map (-1: none). */
export function ofdAt(parent: ProcessRecord, map: readonly (number | null)[], i: number): number {
  const from = map[i];
  if (from === null || from === undefined) return -1;
  const id = parent.fds[from];
  return id === undefined || id < 0 ? -1 : id;
}
