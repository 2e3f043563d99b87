// git-sync v3.1.6 (kubernetes/git-sync cmd/git-sync/main.go) as a Podlab program: it clones a
// repository under --root, checks the wanted revision out into a worktree `rev-<hash>`, publishes
// it as --dest, and polls the remote every --wait seconds for a new tip of --branch.
//
// As PID 1 it re-runs itself as a child and only forwards signals (pkg/pid1); v3.1.6's init then
// exits 0 whatever the child's exit code was (fixed in v3.2: "Fix exit non-zero exit codes when
// running as pid1"), so a failed clone shows as a Completed container that crash-loops.
//
// Podlab has no symlinks: where git-sync points the `<dest>` symlink at `rev-<hash>` (ln -snf, then
// mv -T over the old link), Podlab writes the same tree as a directory `<dest>` and swaps it in
// within one event, so other containers never see a half-synced tree. The files, the worktree
// directories and `.git` are where git-sync puts them; only `ls -l` tells the difference.
// The git network operations take fixed virtual times; the remotes are fixtures (remotes.ts).
import type { Proc, Program } from '../../process/program';
import type { ProcEvent, SignalName } from '../../process/types';
import { isFsError } from '../../fs/fs-error';
import { errorLine, goQuote, infoLine, type LogValue } from './glog';
import { parseFlags, usage } from './flags';
import type { GitCommit, GitRemotes } from './remotes';

export const GIT_SYNC_PROGRAM = 'git-sync/git-sync';
/** pkg/version: the release's VERSION */
const VERSION = 'v3.1.6';

// How long each network step takes in virtual time (clone, ls-remote, fetch + worktree).
const CLONE_MS = 850;
const LS_REMOTE_MS = 320;
const FETCH_MS = 640;

interface Options {
  repo: string;
  branch: string;
  rev: string;
  depth: number;
  root: string;
  dest: string;
  waitMs: number;
  oneTime: boolean;
  maxSyncFailures: number;
  chmod: number;
  verbosity: number;
}

type Step = 'clone' | 'ls-remote' | 'fetch' | 'wait';

interface State {
  /** PID 1: the init that forwards signals to `child` */
  init?: { child: number };
  opts?: Options;
  initialSync: boolean;
  failCount: number;
  /** the hash being checked out (fetch step) */
  hash?: string;
  /** after a hash rev's first sync: wait for SIGINT only */
  forever?: boolean;
  /** the last log line's time in µs */
  lastUs?: number;
}

// pkg/pid1 runInit: signal.Notify(sigs) with no list, so every catchable signal is relayed
const RELAYED: SignalName[] = ['HUP', 'INT', 'QUIT', 'ABRT', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];

export function gitSyncProgram(remotes: GitRemotes): Program<State> {
  const log = (p: Proc<State>, level: number, line: number, msg: string, kvs?: Record<string, LogValue>) => {
    if (level <= (p.state.opts?.verbosity ?? 0)) p.write(2, infoLine(at(p, 'I', line), level, msg, kvs));
  };
  const logError = (p: Proc<State>, line: number, msg: string, err: string, kvs?: Record<string, LogValue>) => {
    p.write(2, errorLine(at(p, 'E', line), msg, err, kvs));
  };

  /** syncRepo: first time clone, later compare the local and remote hashes. */
  const sync = (p: Proc<State>) => {
    const o = p.state.opts!;
    if (localHash(p, o) === undefined) {
      log(p, 0, 574, 'cloning repo', { origin: o.repo, path: o.root });
      p.setTimer(CLONE_MS, 'clone' satisfies Step);
    } else {
      p.setTimer(LS_REMOTE_MS, 'ls-remote' satisfies Step);
    }
  };

  const cloned = (p: Proc<State>) => {
    const o = p.state.opts!;
    if (!isEmptyDir(p, o.root)) {
      log(p, 0, 580, 'git root exists and is not empty (previous crash?), cleaning up', { path: o.root });
      const err = removeAll(p, o.root);
      if (err) return failed(p, err);
    }
    const history = remotes.history(o.repo, o.branch);
    if (history === undefined || 'stderr' in history) {
      const why = history?.stderr ?? `warning: Could not find remote branch ${o.branch} to clone.\nfatal: Remote branch ${o.branch} not found in upstream origin\n`;
      return failed(p, commandError('', `Cloning into '${o.root}'...\n${why}`));
    }
    const fetched = o.depth > 0 ? history.slice(-o.depth) : history;
    writeGitDir(p, o, fetched);
    const hash = revParse(o.rev, fetched);
    if (typeof hash !== 'string') return failed(p, hash.error);
    swap(p, hash);
  };

  const lsRemote = (p: Proc<State>) => {
    const o = p.state.opts!;
    const local = localHash(p, o) ?? '';
    // getRevs: HEAD tracks refs/heads/<branch>, anything else refs/tags/<rev> (the fixtures have no tags)
    const tip = o.rev === 'HEAD' ? remotes.tip(o.repo, o.branch) : '';
    if (tip !== undefined && typeof tip !== 'string') return failed(p, commandError('', tip.stderr));
    const remote = tip ?? '';
    if (local === remote) {
      log(p, 1, 673, 'no update required', { rev: o.rev, local, remote });
      return synced(p);
    }
    log(p, 0, 676, 'update required', { rev: o.rev, local, remote });
    swap(p, remote);
  };

  /** addWorktreeAndSwap, up to the fetch; `fetchedWorktree` does the rest once it has come in. */
  const swap = (p: Proc<State>, hash: string) => {
    log(p, 0, 480, 'syncing git', { rev: p.state.opts!.rev, hash });
    p.state.hash = hash;
    p.setTimer(FETCH_MS, 'fetch' satisfies Step);
  };

  const fetchedWorktree = (p: Proc<State>) => {
    const o = p.state.opts!;
    const hash = p.state.hash!;
    p.state.hash = undefined;
    const history = remotes.history(o.repo, o.branch);
    if (history === undefined || 'stderr' in history) {
      return failed(p, commandError('', history?.stderr ?? `fatal: couldn't find remote ref ${o.branch}\n`));
    }
    const commit = history.find((c) => c.hash === hash);
    const worktree = `${o.root}/rev-${hash}`;
    // git worktree add refuses an existing path (builtin/worktree.c add_worktree)
    if (p.fs.exists(worktree)) return failed(p, commandError('', `fatal: '${worktree}' already exists\n`));
    if (!commit) return failed(p, commandError('', `fatal: Could not parse object '${hash}'.\n`));
    writeTree(p, worktree, commit, hash);
    writeWorktreeAdmin(p, o.root, hash);
    log(p, 0, 501, 'adding worktree', { path: worktree, branch: `origin/${o.branch}` });
    log(p, 0, 524, 'reset worktree to hash', { path: worktree, hash });
    log(p, 0, 528, 'updating submodules');
    if (o.chmod !== 0) {
      log(p, 0, 541, 'changing file permissions', { mode: `0${o.chmod.toString(8)}` });
      chmodTree(p, worktree, o.chmod);
    }
    const old = localHash(p, o);
    publish(p, o, commit, hash);
    if (old !== undefined && old !== hash) {
      log(p, 1, 556, 'removing old worktree', { path: `${o.root}/rev-${old}` });
      p.fs.rm(`${o.root}/rev-${old}`, { recursive: true, force: true });
      // git worktree prune
      p.fs.rm(`${o.root}/.git/worktrees/rev-${old}`, { recursive: true, force: true });
    }
    synced(p);
  };

  /** The main loop after a successful sync: one-time, a hash rev, or wait and sync again. */
  const synced = (p: Proc<State>) => {
    const o = p.state.opts!;
    if (p.state.initialSync) {
      if (o.oneTime) return p.exit(0);
      if (o.rev !== 'HEAD' && revIsHash(o.rev, localHash(p, o))) {
        log(p, 0, 371, 'rev appears to be a git hash, no further sync needed', { rev: o.rev });
        // sleepForever: signal.Notify(c, os.Interrupt, os.Kill); SIGTERM keeps its default
        p.state.forever = true;
        p.setSignal('INT', 'catch');
        return;
      }
      p.state.initialSync = false;
    }
    p.state.failCount = 0;
    log(p, 1, 378, 'next sync', { wait_time: o.waitMs * 1e6 });
    p.setTimer(o.waitMs, 'wait' satisfies Step);
  };

  const failed = (p: Proc<State>, err: string) => {
    const o = p.state.opts!;
    if (o.maxSyncFailures !== -1 && p.state.failCount >= o.maxSyncFailures) {
      logError(p, 347, 'failed to sync repo, aborting', err);
      return p.exit(1);
    }
    p.state.failCount++;
    logError(p, 352, 'unexpected error syncing repo, will retry', err);
    log(p, 0, 353, 'waiting before retrying', { waitTime: o.waitMs * 1e6 });
    p.setTimer(o.waitMs, 'wait' satisfies Step);
  };

  return {
    kind: 'program',
    start(p) {
      p.state = { initialSync: true, failCount: 0 };
      const parsed = parseFlags(p.argv, p.env);
      // envInt/envFloat run while the package initialises: glog has no flags yet
      for (const e of parsed.envErrors) {
        p.write(2, 'ERROR: logging before flag.Parse: ' + errorLine(at(p, 'E', e.line), 'invalid env value, using default', e.error, { key: e.key, val: e.val, default: e.def }));
      }
      if (p.pid === 1) return startInit(p);
      if (!parsed.ok) {
        p.write(2, (parsed.message ? parsed.message + '\n' : '') + usage(p.argv[0] ?? '/git-sync', p.env));
        return p.exit(2);
      }
      const v = parsed.values;
      if (v.version === 'true') {
        p.write(1, VERSION + '\n');
        return p.exit(0);
      }
      const fatal = (msg: string, withUsage: boolean) => {
        p.write(2, `ERROR: ${msg}\n` + (withUsage ? usage(p.argv[0] ?? '/git-sync', p.env) : ''));
        p.exit(1);
      };
      if (!v.repo) return fatal('--repo must be provided', true);
      let dest = v.dest!;
      if (!dest) {
        const parts = v.repo.replace(/^\/+|\/+$/g, '').split('/');
        dest = parts[parts.length - 1]!;
      }
      if (dest.includes('/')) return fatal('--dest must be a bare name', true);
      if ((v.username || v.password || v['cookie-file'] === 'true' || v['askpass-url']) && v.ssh === 'true') {
        return fatal('--ssh is set but --username, --password, --askpass-url, or --cookie-file were provided', false);
      }
      p.state.opts = {
        repo: v.repo, branch: v.branch!, rev: v.rev!, depth: Number(v.depth), root: v.root!, dest,
        waitMs: Math.trunc(Number(v.wait) * 1000), oneTime: v['one-time'] === 'true',
        maxSyncFailures: Number(v['max-sync-failures']), chmod: Number(v['change-permissions']), verbosity: Number(v.v || 0),
      };
      log(p, 0, 321, 'starting up', { pid: p.pid, args: [...p.argv] });
      sync(p);
    },
    event(p, ev) {
      if (p.state.init) return initEvent(p, ev);
      if (ev.type === 'signal' && ev.signal === 'INT' && p.state.forever) return p.exit(0);
      if (ev.type !== 'timer') return;
      const step = ev.data as Step;
      if (step === 'clone') cloned(p);
      else if (step === 'ls-remote') lsRemote(p);
      else if (step === 'fetch') fetchedWorktree(p);
      else sync(p);
    },
  };
}

/** pkg/pid1 ReRun: run the same command line as a child and be its init. */
function startInit(p: Proc<State>): void {
  // cmd/git-sync/main.go main: "In case we come up as pid 1, act as init."
  p.write(2, 'INFO: detected pid 1, running init handler\n');
  const child = p.spawn({ path: '/git-sync', argv: p.argv });
  if (typeof child !== 'number') {
    p.write(2, `ERROR: unhandled pid1 error: fork/exec /git-sync: ${child.errno === 'ENOENT' ? 'no such file or directory' : 'permission denied'}\n`);
    return p.exit(127);
  }
  p.state.init = { child };
  for (const s of RELAYED) p.setSignal(s, 'catch');
}

function initEvent(p: Proc<State>, ev: ProcEvent): void {
  if (ev.type === 'signal') p.kill(p.state.init!.child, ev.signal);
  // ReRun returns nil once the firstborn is reaped: main exits 0 (v3.1.6)
  else if (ev.type === 'child' && ev.pid === p.state.init!.child) p.exit(0);
}

/** A log line's time: the virtual ms plus some microseconds, never going backwards within the process. */
function at(p: Proc<State>, severity: 'I' | 'E', line: number) {
  const us = Math.max(p.now() * 1000 + p.random.int(400), (p.state.lastUs ?? 0) + 1 + p.random.int(400));
  p.state.lastUs = us;
  return { severity, nowMs: Math.floor(us / 1000), micros: us % 1000, pid: p.pid, line };
}

/** runCommand's error for git exiting 128. */
function commandError(stdout: string, stderr: string): string {
  return `error running command: exit status 128: { stdout: ${goQuote(stdout)}, stderr: ${goQuote(stderr)} }`;
}

/** The hash `<root>/<dest>` is at (`git rev-parse HEAD` there), from its `.git` file; undefined before the first sync. */
function localHash(p: Proc<State>, o: Options): string | undefined {
  try {
    return /rev-([0-9a-f]{40})/.exec(p.fs.readFile(`${o.root}/${o.dest}/.git`))?.[1];
  } catch {
    return undefined;
  }
}

/** git rev-parse <rev> in the fresh clone. */
function revParse(rev: string, fetched: GitCommit[]): string | { error: string } {
  if (rev === 'HEAD') return fetched[fetched.length - 1]!.hash;
  const found = rev.length >= 4 && /^[0-9a-f]+$/.test(rev) ? fetched.find((c) => c.hash.startsWith(rev)) : undefined;
  if (found) return found.hash;
  // builtin/rev-parse.c: echoes the argument, then setup.c die_verify_filename's advice
  return {
    error: commandError(`${rev}\n`, `fatal: ambiguous argument '${rev}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'\n`),
  };
}

/** revIsHash: the rev names a commit and is a prefix of its own hash. */
function revIsHash(rev: string, hash: string | undefined): boolean {
  return hash !== undefined && hash.startsWith(rev);
}

function isEmptyDir(p: Proc<State>, dir: string): boolean {
  try {
    return p.fs.readdir(dir).length === 0;
  } catch {
    return true;
  }
}

/** os.RemoveAll; a mount point empties and then cannot go (unlinkat: EBUSY). */
function removeAll(p: Proc<State>, dir: string): string | undefined {
  try {
    p.fs.rm(dir, { recursive: true, force: true });
    return undefined;
  } catch (e) {
    if (!isFsError(e)) throw e;
    return e.code === 'EBUSY' ? `unlinkat ${dir}: device or resource busy` : e.message;
  }
}

/** `git clone --no-checkout`: the repository under <root>/.git. */
function writeGitDir(p: Proc<State>, o: Options, fetched: GitCommit[]): void {
  const git = `${o.root}/.git`;
  p.fs.mkdir(`${git}/refs/heads`, { recursive: true });
  p.fs.mkdir(`${git}/refs/remotes/origin`, { recursive: true });
  p.fs.writeFile(`${git}/HEAD`, `ref: refs/heads/${o.branch}\n`);
  p.fs.writeFile(`${git}/config`, `[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n[remote "origin"]\n\turl = ${o.repo}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "${o.branch}"]\n\tremote = origin\n\tmerge = refs/heads/${o.branch}\n`);
  const tip = fetched[fetched.length - 1]!.hash;
  p.fs.writeFile(`${git}/refs/heads/${o.branch}`, `${tip}\n`);
  p.fs.writeFile(`${git}/refs/remotes/origin/${o.branch}`, `${tip}\n`);
  if (o.depth > 0) p.fs.writeFile(`${git}/shallow`, `${fetched[0]!.hash}\n`);
}

/** The worktree's files and its `.git` file (relative, so other mounts of the volume resolve it). */
function writeTree(p: Proc<State>, dir: string, commit: GitCommit, hash: string): void {
  p.fs.mkdir(dir, { recursive: true });
  for (const path of Object.keys(commit.files).sort()) {
    const full = `${dir}/${path}`;
    p.fs.mkdir(full.slice(0, full.lastIndexOf('/')), { recursive: true });
    p.fs.writeFile(full, commit.files[path]!);
  }
  p.fs.writeFile(`${dir}/.git`, `gitdir: ../.git/worktrees/rev-${hash}\n`);
}

/** .git/worktrees/<name>: what `git worktree add` records. */
function writeWorktreeAdmin(p: Proc<State>, root: string, hash: string): void {
  const admin = `${root}/.git/worktrees/rev-${hash}`;
  p.fs.mkdir(admin, { recursive: true });
  p.fs.writeFile(`${admin}/HEAD`, `${hash}\n`);
  p.fs.writeFile(`${admin}/commondir`, '../..\n');
  p.fs.writeFile(`${admin}/gitdir`, `${root}/rev-${hash}/.git\n`);
}

/** updateSymlink, without symlinks: build `tmp-link`, then put it in place of `<dest>` at once. */
function publish(p: Proc<State>, o: Options, commit: GitCommit, hash: string): void {
  const tmp = `${o.root}/tmp-link`;
  const dest = `${o.root}/${o.dest}`;
  log1(p, o, 449, 'creating tmp symlink', { root: o.root, dst: `rev-${hash}`, src: 'tmp-link' });
  p.fs.rm(tmp, { recursive: true, force: true });
  writeTree(p, tmp, commit, hash);
  if (o.chmod !== 0) chmodTree(p, tmp, o.chmod);
  log1(p, o, 454, 'renaming symlink', { root: o.root, old_name: 'tmp-link', new_name: o.dest });
  p.fs.rm(dest, { recursive: true, force: true });
  p.fs.rename(tmp, dest);
}

function log1(p: Proc<State>, o: Options, line: number, msg: string, kvs: Record<string, LogValue>): void {
  if (o.verbosity >= 1) p.write(2, infoLine(at(p, 'I', line), 1, msg, kvs));
}

/** chmod -R <mode> */
function chmodTree(p: Proc<State>, path: string, mode: number): void {
  p.fs.chmod(path, mode);
  if (p.fs.stat(path).type !== 'dir') return;
  for (const name of p.fs.readdir(path)) chmodTree(p, `${path}/${name}`, mode);
}
