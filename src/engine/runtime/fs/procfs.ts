// /proc inside a container: procfs as mounted for the container's PID namespace. `ls /proc` lists
// the PIDs of that namespace (the pod's, with shareProcessNamespace or a debug --target) beside
// whatever the container's own /proc directory holds (the /proc/sys/kernel/* and /proc/meminfo
// overrides of commands/system.ts); each /proc/<pid> has cmdline, comm, environ and status, and cwd
// and root: the process's working directory and root filesystem. That last one is how one
// container reads another's files in a shared PID namespace (`head /proc/8/root/etc/nginx/nginx.conf`).
//
// Everything is computed from the kernel's live state at each call; nothing is stored, so snapshots
// do not see procfs at all. cwd and root are directories here (the filesystem has no symlinks) and
// lead into the target's own filesystem view: reads and writes through them behave as they would in
// that container, as they do through the magic links on Linux once the ptrace access check passes.
import type { TaskView } from '../process/process-record';
import type { AppendTarget, ProcessInfo, Vfs } from '../process/types';
import { FsError, isFsError, type FsErrorCode } from './fs-error';
import type { FsStat } from './memfs';
import { byName } from './nodes';
import { basename } from './path';

/** What procfs reads from the kernel (Kernel implements it). */
export interface ProcSource {
  processes(ns: string): ProcessInfo[];
  process(ns: string, pid: number): ProcessInfo | undefined;
  record(ns: string, pid: number): TaskView | undefined;
  /** the process making the call (/proc/self, access checks); undefined from outside the container */
  caller(): TaskView | undefined;
  fsOf(id: string): Vfs;
}

/** Whether a clean path is procfs's own: /proc/<pid> or /proc/self, or below one. */
export function isProcPidPath(clean: string): boolean {
  if (!clean.startsWith('/proc/')) return false;
  const end = clean.indexOf('/', 6);
  const name = end < 0 ? clean.slice(6) : clean.slice(6, end);
  return name === 'self' || PID_NAME.test(name);
}

const PID_NAME = /^[1-9]\d*$/;

// fs/proc/base.c tgid_base_stuff: the entries Podlab has, with their modes (cwd and root are links
// there, directories here)
const FILE_MODES: Readonly<Record<string, number>> = { cmdline: 0o444, comm: 0o644, environ: 0o400, status: 0o444 };
// What `ls /proc/<pid>` shows: cwd and root are reached by name but not listed. On Linux they are
// symlinks a tree walk does not follow; as directories here, a walk of / (tar, find, ls -R, du,
// cp -r) would go round through /proc/<pid>/root for ever.
const LISTED = ['cmdline', 'comm', 'environ', 'status'];
// fs/proc/base.c proc_pid_make_inode: S_IFDIR|S_IRUGO|S_IXUGO
const PID_DIR_MODE = 0o555;

// fs/proc/array.c task_state_array (the states Podlab's processes can be in)
const STATE_TEXT = { R: 'R (running)', S: 'S (sleeping)', Z: 'Z (zombie)' } as const;

// runc libcontainer/rootfs_linux.go finalizeRootfs: a container's processes start with umask 0022
const UMASK = '0022';
// include/linux/fdtable.h NR_OPEN_DEFAULT (BITS_PER_LONG): a process's first fd table
const NR_OPEN_DEFAULT = 64;

/** Where a procfs path leads. */
type Node =
  | { kind: 'dir'; task: TaskView }
  | { kind: 'file'; task: TaskView; name: string }
  /** into the process's filesystem: `p` there; `from` (ours) stands for `to` (theirs) in error paths */
  | { kind: 'into'; fs: Vfs; p: string; from: string; to: string };

export class ProcFs {
  constructor(private readonly src: ProcSource, readonly ns: string) {}

  /** `ls /proc`: the directory's own names, the namespace's PIDs and `self`. */
  list(own: readonly string[]): string[] {
    const names = new Set(own);
    for (const p of this.src.processes(this.ns)) names.add(String(p.pid));
    const self = this.self();
    if (self) names.add(String(self.pid)).add('self');
    return [...names].sort(byName);
  }

  readFile(path: string): string {
    const n = this.resolve(path, 'open');
    if (n.kind === 'into') return this.via(n, () => n.fs.readFile(n.p));
    // os.ReadFile opens a directory fine and fails on read(2)
    if (n.kind === 'dir') throw new FsError('EISDIR', 'read', path);
    return this.content(n.task, n.name, path);
  }

  readdir(path: string): string[] {
    const n = this.resolve(path, 'open');
    if (n.kind === 'into') return this.via(n, () => n.fs.readdir(n.p));
    if (n.kind === 'file') throw new FsError('ENOTDIR', 'readdirent', path);
    return [...LISTED];
  }

  stat(path: string): FsStat {
    const n = this.resolve(path, 'stat');
    if (n.kind === 'into') return this.via(n, () => n.fs.stat(n.p));
    // procfs files report size 0: their text exists only when read
    if (n.kind === 'dir') return { type: 'dir', size: 0, mode: PID_DIR_MODE, mtimeMs: n.task.startedAt };
    return { type: 'file', size: 0, mode: FILE_MODES[n.name]!, mtimeMs: n.task.startedAt };
  }

  exists(path: string): boolean {
    try {
      this.stat(path);
      return true;
    } catch (e) {
      if (isFsError(e)) return false;
      throw e;
    }
  }

  writeFile(path: string, data: string, opts?: { mode?: number }): void {
    const n = this.writable(path);
    this.via(n, () => n.fs.writeFile(n.p, data, opts));
  }

  appendFile(path: string, data: string, opts?: { mode?: number }): void {
    const n = this.writable(path);
    this.via(n, () => n.fs.appendFile(n.p, data, opts));
  }

  openAppend(path: string): AppendTarget {
    const n = this.writable(path);
    return this.via(n, () => n.fs.openAppend?.(n.p) ?? { append: (d: string) => n.fs.appendFile(n.p, d) });
  }

  mkdir(path: string, opts: { recursive?: boolean; mode?: number } = {}): void {
    const n = this.resolve(path, 'mkdir');
    if (n.kind === 'into') return this.via(n, () => n.fs.mkdir(n.p, opts));
    if (n.kind === 'dir' && opts.recursive) return;
    throw new FsError(opts.recursive ? 'ENOTDIR' : 'EEXIST', 'mkdir', path);
  }

  rm(path: string, opts: { recursive?: boolean; force?: boolean } = {}): void {
    let n: Node;
    try {
      n = this.resolve(path, 'remove');
    } catch (e) {
      if (opts.force && isFsError(e, 'ENOENT')) return;
      throw e;
    }
    if (n.kind === 'into') return this.via(n, () => n.fs.rm(n.p, opts));
    // fs/namei.c vfs_unlink, vfs_rmdir: procfs has no unlink or rmdir
    throw new FsError('EPERM', 'remove', path);
  }

  /** rename(2) with either side in procfs: only within one process's filesystem. */
  rename(from: string, to: string): void {
    const a = this.resolve(from, 'rename');
    const b = isProcPidPath(to) ? this.resolve(to, 'rename') : undefined;
    if (a.kind === 'into' && b?.kind === 'into' && a.fs === b.fs) return this.via(a, () => a.fs.rename(a.p, b.p));
    // fs/namei.c do_renameat2: a different mount is EXDEV; procfs itself renames nothing
    throw new FsError(a.kind === 'into' || b?.kind === 'into' || !b ? 'EXDEV' : 'EPERM', 'rename', from, to);
  }

  chmod(path: string, mode: number): void {
    const n = this.resolve(path, 'chmod');
    if (n.kind === 'into') return this.via(n, () => n.fs.chmod(n.p, mode));
    // fs/proc/base.c proc_setattr: ATTR_MODE is -EPERM
    throw new FsError('EPERM', 'chmod', path);
  }

  // ---------- internals ----------

  /** The calling process when it is in this namespace. */
  private self(): TaskView | undefined {
    const c = this.src.caller();
    return c && c.ns === this.ns ? c : undefined;
  }

  private task(name: string): TaskView | undefined {
    if (name === 'self') return this.self();
    const pid = Number(name);
    const self = this.self();
    return self?.pid === pid ? self : this.src.record(this.ns, pid);
  }

  /** A clean path below /proc/<pid> or /proc/self, to what it names; FsError when nothing. */
  private resolve(path: string, op: string): Node {
    const parts = path.slice('/proc/'.length).split('/');
    const task = this.task(parts[0]!);
    const entry = parts[1];
    const fail = (code: FsErrorCode): never => {
      throw new FsError(code, op, path);
    };
    if (!task) return fail('ENOENT');
    if (entry === undefined) return { kind: 'dir', task };
    if (FILE_MODES[entry] !== undefined) return parts.length > 2 ? fail('ENOTDIR') : { kind: 'file', task, name: entry };
    if (entry !== 'root' && entry !== 'cwd') return fail('ENOENT');
    // fs/proc/base.c proc_root_link, proc_cwd_link: a zombie has no fs_struct
    if (task.zombie) return fail('ENOENT');
    // fs/proc/base.c proc_fd_access_allowed: PTRACE_MODE_READ_FSCREDS, else EACCES
    if (!this.mayAccess(task)) return fail('EACCES');
    let fs: Vfs;
    try {
      fs = this.src.fsOf(task.fs);
    } catch {
      return fail('ENOENT');
    }
    const base = entry === 'root' ? '/' : task.cwd;
    const rest = parts.slice(2).join('/');
    const p = rest ? (base === '/' ? `/${rest}` : `${base}/${rest}`) : base;
    return { kind: 'into', fs, p, from: `/proc/${parts[0]}/${entry}`, to: base };
  }

  /** A path procfs itself refuses to write: its files (EACCES), its directories (EISDIR). */
  private writable(path: string): Extract<Node, { kind: 'into' }> {
    const n = this.resolve(path, 'open');
    if (n.kind === 'into') return n;
    throw new FsError(n.kind === 'dir' ? 'EISDIR' : 'EACCES', 'open', path);
  }

  /**
   * kernel/ptrace.c __ptrace_may_access: the caller may look into a process of its own uid and gid
   * (all of real, effective, saved); anything else needs CAP_SYS_PTRACE, which containerd's default
   * capability set does not grant. Calls from outside the container (the runtime) are not checked.
   */
  private mayAccess(task: TaskView): boolean {
    const c = this.self();
    if (!c || c.pid === task.pid) return true;
    return c.cred.uid === task.cred.uid && c.cred.gid === task.cred.gid;
  }

  /** Run a call in the process's filesystem, with its error re-addressed to the /proc path. */
  private via<T>(n: Extract<Node, { kind: 'into' }>, call: () => T): T {
    try {
      return call();
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      const ours = (p: string) => (p === n.to ? n.from : n.to === '/' ? n.from + p : p.startsWith(`${n.to}/`) ? n.from + p.slice(n.to.length) : p);
      throw new FsError(e.code, e.op, ours(e.path), e.dest === undefined ? undefined : ours(e.dest));
    }
  }

  private content(task: TaskView, name: string, path: string): string {
    switch (name) {
      case 'cmdline':
        // fs/proc/base.c get_mm_cmdline: the argument area, NUL after each; nothing for a zombie
        return task.zombie ? '' : task.argv.map((a) => `${a}\0`).join('');
      case 'comm':
        return `${commOf(task)}\n`;
      case 'environ':
        // fs/proc/base.c environ_open: proc_mem_open with PTRACE_MODE_READ
        if (!this.mayAccess(task)) throw new FsError('EACCES', 'open', path);
        return task.zombie ? '' : Object.entries(task.env).map(([k, v]) => `${k}=${v}\0`).join('');
      default:
        return this.status(task);
    }
  }

  /** fs/proc/array.c proc_pid_status (Linux 5.15) up to task_state's end: the Vm lines need an address space Podlab does not model. */
  private status(task: TaskView): string {
    const { uid, gid, groups } = task.cred;
    let out = `Name:\t${commOf(task)}\n`;
    // fs/proc/array.c task_state: get_task_umask is -1 once the fs_struct is gone
    if (!task.zombie) out += `Umask:\t${UMASK}\n`;
    out += `State:\t${STATE_TEXT[this.stateOf(task)]}\n`;
    out += `Tgid:\t${task.pid}\nNgid:\t0\nPid:\t${task.pid}\nPPid:\t${task.ppid}\nTracerPid:\t0\n`;
    out += `Uid:\t${uid}\t${uid}\t${uid}\t${uid}\nGid:\t${gid}\t${gid}\t${gid}\t${gid}\n`;
    // a zombie's files are released: no fd table
    out += `FDSize:\t${task.zombie ? 0 : fdSize(task.fds.length)}\n`;
    // "Trailing space shouldn't have been added in the first place." (it is still there)
    out += `Groups:\t${groups.join(' ')} \n`;
    // one level: procfs is mounted for the namespace the process is in
    out += `NStgid:\t${task.pid}\nNSpid:\t${task.pid}\nNSpgid:\t${task.pgid}\nNSsid:\t${this.sessionOf(task)}\n`;
    return out;
  }

  private stateOf(task: TaskView): 'R' | 'S' | 'Z' {
    if (task.zombie) return 'Z';
    const self = this.self();
    if (self?.pid === task.pid) return 'R';
    // a SimpleCommand run inline reads while its parent waits for it
    if (self && self.ppid === task.pid) return 'S';
    return this.src.process(this.ns, task.pid)?.state ?? 'S';
  }

  /** The session: the ancestor started from outside (runc and exec sessions call setsid). */
  private sessionOf(task: TaskView): number {
    let cur: TaskView = task;
    for (let hops = 0; cur.ppid !== 0 && hops < 4096; hops++) {
      const parent = this.task(String(cur.ppid));
      if (!parent) break;
      cur = parent;
    }
    return cur.pid;
  }
}

/**
 * The task's comm: the executable's name, 15 bytes at most (TASK_COMM_LEN). Podlab keeps argv, not
 * the exec'd path, so it is argv[0]'s basename; a setproctitle title ("nginx: worker process")
 * keeps the program's name before the colon, as the kernel's comm does.
 */
export function commOf(task: Pick<TaskView, 'argv'>): string {
  const arg0 = task.argv[0] ?? '';
  const colon = arg0.indexOf(': ');
  return basename(colon > 0 ? arg0.slice(0, colon) : arg0).slice(0, 15);
}

/** fs/file.c alloc_fdtable: 64 slots to start, then powers of two of 1024 bytes' worth (128 fds). */
function fdSize(open: number): number {
  if (open <= NR_OPEN_DEFAULT) return NR_OPEN_DEFAULT;
  let n = 128;
  while (n < open) n *= 2;
  return n;
}
