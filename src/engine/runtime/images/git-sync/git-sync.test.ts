import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../process/sandbox';
import { basicRegistry } from '../../shell/commands';
import { GitRemotes } from './remotes';
import { registerGitSync } from './image';

const REPO = 'https://github.com/nigelpoulton/ps-sidecar.git';
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function box(remotes = new GitRemotes()) {
  const sb = new Sandbox({ start: Date.UTC(2026, 10, 21, 12, 0, 0) });
  registerGitSync(sb.registry, remotes);
  sb.install('/git-sync', 'git-sync/git-sync');
  sb.install('/bin/sleep', 'coreutils/sleep');
  sb.fs.mkdir('/tmp/git', { recursive: true });
  return sb;
}

const env = (extra: Record<string, string> = {}) => ({ PATH, HOME: '/tmp', HOSTNAME: 'git-sync', ...extra });
const seedEnv = (extra: Record<string, string> = {}) => env({ GIT_SYNC_REPO: REPO, GIT_SYNC_BRANCH: 'master', GIT_SYNC_DEPTH: '1', GIT_SYNC_DEST: 'html', ...extra });

/** Keep PID 1 busy so the next run is git-sync itself, not its pid-1 init. */
function asChild(sb: Sandbox) {
  sb.run(['sleep', '3600'], { env: env() });
}

describe('git-sync v3.1.6', () => {
  it('as PID 1 re-runs itself, clones, and publishes the worktree under --dest', () => {
    const remotes = new GitRemotes();
    const sb = box(remotes);
    const run = sb.run(['/git-sync'], { env: seedEnv() });
    sb.advance(3_000);
    const tip = remotes.tip(REPO, 'master') as string;
    expect(tip).toMatch(/^[0-9a-f]{40}$/);
    const lines = run.err.split('\n');
    expect(lines[0]).toBe('INFO: detected pid 1, running init handler');
    // glog header, then glogr's groups (sorted keys, JSON values, empty groups keep their space)
    expect(lines[1]).toMatch(/^I1121 12:00:00\.\d{6} {7}2 main\.go:321\] {2}"level"=0 "msg"="starting up" {2}"args"=\["\/git-sync"\] "pid"=2$/);
    expect(lines.slice(2, 7).map((l) => l.replace(/^I1121 12:00:0\d\.\d{6} {7}2 /, ''))).toEqual([
      'main.go:574]  "level"=0 "msg"="cloning repo"  "origin"="https://github.com/nigelpoulton/ps-sidecar.git" "path"="/tmp/git"',
      `main.go:480]  "level"=0 "msg"="syncing git"  "hash"="${tip}" "rev"="HEAD"`,
      `main.go:501]  "level"=0 "msg"="adding worktree"  "branch"="origin/master" "path"="/tmp/git/rev-${tip}"`,
      `main.go:524]  "level"=0 "msg"="reset worktree to hash"  "hash"="${tip}" "path"="/tmp/git/rev-${tip}"`,
      'main.go:528]  "level"=0 "msg"="updating submodules"  ',
    ]);
    // glog times never go backwards, even within one virtual millisecond
    const times = lines.slice(1, 7).map((l) => l.slice(6, 21));
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(sb.fs.readFile('/tmp/git/html/index.html')).toContain('<h1>This is version 1.0</h1>');
    expect(sb.fs.readFile(`/tmp/git/rev-${tip}/index.html`)).toBe(sb.fs.readFile('/tmp/git/html/index.html'));
    expect(sb.fs.readFile('/tmp/git/html/.git')).toBe(`gitdir: ../.git/worktrees/rev-${tip}\n`);
    expect(sb.fs.readdir('/tmp/git').sort()).toEqual(['.git', 'html', `rev-${tip}`]);
    expect(sb.fs.readFile('/tmp/git/.git/shallow')).toBe(`${tip}\n`);
    expect(sb.kernel.processes('sandbox').map((p) => [p.pid, p.argv.join(' ')])).toEqual([[1, '/git-sync'], [2, '/git-sync']]);
  });

  it('polls the remote and swaps in a pushed commit, removing the old worktree', () => {
    const remotes = new GitRemotes();
    const sb = box(remotes);
    const run = sb.run(['/git-sync'], { env: seedEnv() });
    sb.advance(3_000);
    const before = remotes.tip(REPO, 'master') as string;
    const quiet = run.err.length;
    sb.advance(10_000);
    expect(run.err.length).toBe(quiet); // "no update required" is V(1)
    const pushed = remotes.push({ url: REPO, branch: 'master', message: 'Version 2.0', files: { 'index.html': '<h1>This is version 2.0</h1>\n' } });
    sb.advance(2_000);
    expect(sb.fs.readFile('/tmp/git/html/index.html')).toBe('<h1>This is version 2.0</h1>\n');
    expect(sb.fs.readFile('/tmp/git/html/README.md')).toContain('# ps-sidecar');
    expect(sb.fs.exists(`/tmp/git/rev-${before}`)).toBe(false);
    expect(sb.fs.exists(`/tmp/git/.git/worktrees/rev-${before}`)).toBe(false);
    expect(sb.fs.exists(`/tmp/git/rev-${pushed.hash}/index.html`)).toBe(true);
    expect(run.err.slice(quiet)).toContain(`"msg"="update required"  "local"="${before}" "remote"="${pushed.hash}" "rev"="HEAD"`);
  });

  it('--wait spaces the polls', () => {
    const remotes = new GitRemotes();
    const sb = box(remotes);
    sb.run(['/git-sync', '--wait=30'], { env: seedEnv() });
    sb.advance(3_000);
    remotes.push({ url: REPO, branch: 'master', message: 'v2', files: { 'index.html': 'v2\n' } });
    sb.advance(20_000);
    expect(sb.fs.readFile('/tmp/git/html/index.html')).toContain('version 1.0');
    sb.advance(12_000);
    expect(sb.fs.readFile('/tmp/git/html/index.html')).toBe('v2\n');
  });

  it('a repository GitHub does not have: the clone fails, the child aborts, and v3.1.6 init still exits 0', () => {
    const sb = box();
    const run = sb.run(['/git-sync'], { env: seedEnv({ GIT_SYNC_REPO: 'https://github.com/nobody/missing.git' }) });
    sb.finish(run, 10_000);
    expect(run.exit).toEqual({ code: 0 });
    const last = run.err.split('\n').filter(Boolean).pop()!;
    expect(last).toMatch(/^E1121 12:00:0\d\.\d{6} {7}2 main\.go:347\] {2}"msg"="failed to sync repo, aborting" "error"="error running command: exit status 128: \{ stdout: \\"\\", stderr: \\"Cloning into '\/tmp\/git'\.\.\.\\\\nfatal: could not read Username for 'https:\/\/github\.com': No such device or address\\\\n\\" \}" {2}$/);
  });

  it('an unknown host does not resolve; with --max-sync-failures=-1 it retries forever', () => {
    const sb = box();
    asChild(sb);
    const run = sb.run(['/git-sync', '--repo=https://gitlab.example.com/a/b.git', '--max-sync-failures=-1', '--wait=5'], { env: env() });
    sb.advance(12_000);
    expect(run.exit).toBeUndefined();
    expect(run.err).toContain(`"msg"="unexpected error syncing repo, will retry" "error"="error running command: exit status 128: { stdout: \\"\\", stderr: \\"Cloning into '/tmp/git'...\\\\nfatal: unable to access 'https://gitlab.example.com/a/b.git/': Could not resolve host: gitlab.example.com\\\\n\\" }"  `);
    expect(run.err).toContain('"msg"="waiting before retrying"  "waitTime"=5000000000');
    expect(run.err.match(/will retry/g)?.length).toBe(2);
  });

  it('a missing branch fails the clone with git\'s words', () => {
    const sb = box();
    asChild(sb);
    const run = sb.run(['/git-sync', '-branch', 'main'], { env: seedEnv({ GIT_SYNC_BRANCH: '' }) });
    sb.finish(run, 10_000);
    expect(run.exit).toEqual({ code: 1 });
    expect(run.err).toContain('warning: Could not find remote branch main to clone.\\\\nfatal: Remote branch main not found in upstream origin\\\\n');
  });

  it('--one-time exits 0 after the first sync', () => {
    const sb = box();
    asChild(sb);
    const run = sb.run(['/git-sync'], { env: seedEnv({ GIT_SYNC_ONE_TIME: 'true' }) });
    sb.finish(run, 10_000);
    expect(run.exit).toEqual({ code: 0 });
    expect(sb.fs.readFile('/tmp/git/html/index.html')).toContain('version 1.0');
  });

  it('a hash rev checks that commit out and stops syncing', () => {
    const remotes = new GitRemotes();
    const first = (remotes.history(REPO, 'master') as { hash: string }[])[0]!.hash;
    const sb = box(remotes);
    asChild(sb);
    const run = sb.run(['/git-sync', `--rev=${first.slice(0, 10)}`], { env: seedEnv({ GIT_SYNC_DEPTH: '0' }) });
    sb.advance(5_000);
    expect(sb.fs.exists('/tmp/git/html/index.html')).toBe(false);
    expect(sb.fs.readFile('/tmp/git/html/README.md')).toContain('ps-sidecar');
    expect(run.err).toContain(`"msg"="rev appears to be a git hash, no further sync needed"  "rev"="${first.slice(0, 10)}"`);
    sb.kernel.kill('sandbox', run.pid, 'INT');
    expect(run.exit).toEqual({ code: 0 });
  });

  it('a rev the shallow clone lacks fails rev-parse', () => {
    const remotes = new GitRemotes();
    const first = (remotes.history(REPO, 'master') as { hash: string }[])[0]!.hash;
    const sb = box(remotes);
    asChild(sb);
    const run = sb.run(['/git-sync', `--rev=${first}`], { env: seedEnv() });
    sb.finish(run, 10_000);
    expect(run.exit).toEqual({ code: 1 });
    expect(run.err).toContain(`{ stdout: \\"${first}\\\\n\\", stderr: \\"fatal: ambiguous argument '${first}': unknown revision or path not in the working tree.`);
  });

  it('flag and environment errors are Go\'s', () => {
    const sb = box();
    asChild(sb);
    const unknown = sb.run(['/git-sync', '--nope'], { env: env() });
    expect(unknown.exit).toEqual({ code: 2 });
    expect(unknown.err).toMatch(/^flag provided but not defined: -nope\nUsage of \/git-sync:\n {2}-add-user\n {4}\tadd a record/);
    expect(unknown.err).toContain('\n  -branch string\n    \tthe git branch to check out (default "master")\n');
    expect(unknown.err).toContain('\n  -root string\n    \tthe root directory for git-sync operations, under which --dest will be created (default "/tmp/git")\n');
    expect(unknown.err).toContain('\n  -wait float\n    \tthe number of seconds between syncs\n');
    const norepo = sb.run(['/git-sync'], { env: env() });
    expect(norepo.exit).toEqual({ code: 1 });
    expect(norepo.err).toMatch(/^ERROR: --repo must be provided\nUsage of \/git-sync:\n/);
    const bad = sb.run(['/git-sync', '--depth', 'x'], { env: env() });
    expect(bad.err.split('\n')[0]).toBe('invalid value "x" for flag -depth: parse error');
    const dest = sb.run(['/git-sync', `--repo=${REPO}`, '--dest=a/b'], { env: env() });
    expect(dest.err.split('\n')[0]).toBe('ERROR: --dest must be a bare name');
    const envBad = sb.run(['/git-sync', '--version'], { env: env({ GIT_SYNC_DEPTH: 'one' }) });
    expect(envBad.out).toBe('v3.1.6\n');
    expect(envBad.err).toMatch(/^ERROR: logging before flag\.Parse: E1121 12:00:00\.\d{6} +\d+ main\.go:163\] {2}"msg"="invalid env value, using default" "error"="strconv\.Atoi: parsing \\"one\\": invalid syntax" {2}"default"=0 "key"="GIT_SYNC_DEPTH" "val"="one"\n$/);
  });

  it('SIGTERM reaches the child through init; init exits 0', () => {
    const sb = box();
    const run = sb.run(['/git-sync'], { env: seedEnv() });
    sb.advance(3_000);
    sb.kernel.kill('sandbox', 1, 'TERM');
    expect(run.exit).toEqual({ code: 0 });
  });

  it('continues identically after a snapshot and restore', () => {
    const go = (sb: Sandbox) => {
      sb.advance(4_000);
      return sb.fs.snapshot();
    };
    const remotes = new GitRemotes();
    const a = box(remotes);
    a.run(['/git-sync'], { env: seedEnv() });
    a.advance(1_000);
    const snap = a.snapshot();
    const registry = basicRegistry();
    registerGitSync(registry, remotes);
    const b = Sandbox.restore(snap, { registry });
    expect(JSON.stringify(go(b))).toBe(JSON.stringify(go(a)));
    expect(b.fs.readFile('/tmp/git/html/index.html')).toContain('version 1.0');
  });
});
