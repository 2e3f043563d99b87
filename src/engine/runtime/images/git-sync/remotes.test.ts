import { describe, expect, it } from 'vitest';
import { GitRemotes, hash40, type GitCommit } from './remotes';

const REPO = 'https://github.com/nigelpoulton/ps-sidecar.git';

describe('GitRemotes', () => {
  it('serves the fixture history with stable 40-hex hashes, under any spelling of the URL', () => {
    const a = new GitRemotes().history(REPO, 'master') as GitCommit[];
    const b = new GitRemotes().history('https://GitHub.com/nigelpoulton/ps-sidecar/', 'master') as GitCommit[];
    expect(a.map((c) => c.hash)).toEqual(b.map((c) => c.hash));
    expect(a.every((c) => /^[0-9a-f]{40}$/.test(c.hash))).toBe(true);
    expect(new Set(a.map((c) => c.hash)).size).toBe(a.length);
    expect(Object.keys(a[a.length - 1]!.files).sort()).toEqual(['README.md', 'index.html']);
  });

  it('a push changes the tip; restore replays pushes to the same hashes', () => {
    const r = new GitRemotes();
    const before = r.tip(REPO, 'master');
    const c = r.push({ url: REPO, branch: 'master', message: 'v2', files: { 'index.html': 'two\n', 'README.md': null } });
    expect(r.tip(REPO, 'master')).toBe(c.hash);
    expect(c.hash).not.toBe(before);
    expect(c.files).toEqual({ 'index.html': 'two\n' });
    const again = new GitRemotes();
    again.restore(r.snapshot());
    expect(again.tip(REPO, 'master')).toBe(c.hash);
    // a new branch starts from the default branch's tip
    const feature = r.push({ url: REPO, branch: 'feature', message: 'f', files: { 'x.txt': 'x\n' } });
    expect((r.history(REPO, 'feature') as GitCommit[]).map((x) => x.hash)).toEqual([c.hash, feature.hash]);
    expect(() => r.push({ url: 'https://github.com/a/b.git', branch: 'master', message: 'm', files: {} })).toThrow(/no repository/);
  });

  it('unknown repositories fail as git over HTTPS, SSH or a path does', () => {
    const r = new GitRemotes();
    expect(r.history('https://github.com/a/b.git', 'master')).toEqual({ stderr: "fatal: could not read Username for 'https://github.com': No such device or address\n" });
    expect(r.history('https://git.example.org:8443/a/b', 'master')).toEqual({ stderr: "fatal: unable to access 'https://git.example.org:8443/a/b/': Could not resolve host: git.example.org\n" });
    expect((r.history('git@github.com:a/b.git', 'master') as { stderr: string }).stderr).toMatch(/^Host key verification failed\.\nfatal: Could not read from remote repository\./);
    expect(r.history('/srv/repo', 'master')).toEqual({ stderr: "fatal: repository '/srv/repo' does not exist\n" });
    expect(r.history(REPO, 'nope')).toBeUndefined();
  });

  it('hash40 depends on every character', () => {
    expect(hash40('a')).not.toBe(hash40('b'));
    expect(hash40('abc')).toBe(hash40('abc'));
    expect(hash40('')).toHaveLength(40);
  });
});
