// Seed 002 "Working With Pods", the sidecar container: nginx serves what a git-sync sidecar pulls
// from https://github.com/nigelpoulton/ps-sidecar.git into a shared emptyDir; a change pushed to
// the repository shows up in what nginx sees.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import { GitRemotes } from '../images/git-sync/remotes';
import { allRunning, cluster, containerId, containerStatus, exec, pod, runtimeOf, runtimeWith } from './harness';

const REPO = 'https://github.com/nigelpoulton/ps-sidecar.git';

// the seed's manifest, with its volume where it belongs (the seed's YAML nests it under env)
function gitSyncPod(repo = REPO) {
  return pod('git-sync', {
    containers: [
      { name: 'ctr-web', image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/' }] },
      {
        name: 'ctr-sync', image: 'k8s.gcr.io/git-sync:v3.1.6', volumeMounts: [{ name: 'html', mountPath: '/tmp/git' }],
        env: [
          { name: 'GIT_SYNC_REPO', value: repo },
          { name: 'GIT_SYNC_BRANCH', value: 'master' },
          { name: 'GIT_SYNC_DEPTH', value: '1' },
          { name: 'GIT_SYNC_DEST', value: 'html' },
        ],
      },
    ],
    volumes: [{ name: 'html', emptyDir: {} }],
  }, { app: 'sidecar' });
}

/** What the nginx container sees at /usr/share/nginx/html/index.html. */
function served(c: Cluster): string {
  return runtimeOf(c, 'git-sync').containerFs(containerId(c, 'git-sync', 'ctr-web'))!.readFile('/usr/share/nginx/html/index.html');
}

describe('seed 002: a git-sync sidecar feeds nginx through an emptyDir', () => {
  it('nginx sees the repository under html/, and a pushed change within a poll', async () => {
    const remotes = new GitRemotes();
    const c = cluster('seed-002', remotes);
    await c.api.create('pods', gitSyncPod());
    expect(c.clock.advanceUntil(() => allRunning(c, 'git-sync'), 60_000)).toBe(true);
    c.clock.advance(3_000);
    expect(served(c)).toContain('<h1>This is version 1.0</h1>');
    expect((await exec(c, 'git-sync', 'ctr-web', ['curl', '-s', 'localhost'])).out).toBe(served(c));
    const tip = remotes.tip(REPO, 'master') as string;
    // the sidecar's root is the same volume: .git, the worktree and html
    const ls = await exec(c, 'git-sync', 'ctr-sync', ['ls', '-a', '/tmp/git']);
    expect(ls.out.split(/\s+/).filter(Boolean).sort()).toEqual(['.', '..', '.git', 'html', `rev-${tip}`]);
    const logs = await c.api.logs('default', 'git-sync', { container: 'ctr-sync' });
    expect(logs.split('\n')[0]).toBe('INFO: detected pid 1, running init handler');
    expect(logs).toContain(`"msg"="syncing git"  "hash"="${tip}" "rev"="HEAD"`);

    const pushed = remotes.push({ url: REPO, branch: 'master', message: 'Version 2.0', files: { 'index.html': '<h1>This is version 2.0</h1>\n' } });
    c.clock.advance(2_000);
    expect(served(c)).toBe('<h1>This is version 2.0</h1>\n');
    expect(await exec(c, 'git-sync', 'ctr-web', ['curl', '-s', 'localhost'])).toEqual({ out: '<h1>This is version 2.0</h1>\n', code: 0 });
    expect(await c.api.logs('default', 'git-sync', { container: 'ctr-sync' })).toContain(`"msg"="update required"  "local"="${tip}" "remote"="${pushed.hash}" "rev"="HEAD"`);
    expect(containerStatus(c, 'git-sync', 'ctr-sync')?.restartCount).toBe(0);
  });

  it('a snapshot restored with the same remotes continues identically', async () => {
    const remotes = new GitRemotes();
    const a = cluster('seed-002-snap', remotes);
    await a.api.create('pods', gitSyncPod());
    a.clock.advanceUntil(() => allRunning(a, 'git-sync'), 60_000);
    a.clock.advance(1_500);
    const b = Cluster.restore(a.snapshot(), { runtime: runtimeWith(remotes) });
    remotes.push({ url: REPO, branch: 'master', message: 'v2', files: { 'index.html': 'v2\n' } });
    a.clock.advance(5_000);
    b.clock.advance(5_000);
    expect(served(b)).toBe('v2\n');
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });

  it('the Image ID is the git-sync v3.1.6 digest', () => {
    const c = cluster('seed-002-id');
    void c.api.create('pods', gitSyncPod());
    c.clock.advanceUntil(() => allRunning(c, 'git-sync'), 60_000);
    expect(containerStatus(c, 'git-sync', 'ctr-sync')?.imageID).toBe('k8s.gcr.io/git-sync@sha256:3c1721915d0499c44068d13791b24137afbe03e19a763dc318a4ca689950ee2f');
  });

  it('a repository that does not exist: the sidecar completes with 0 (v3.1.6 init) and crash-loops', () => {
    const c = cluster('seed-002-missing');
    void c.api.create('pods', gitSyncPod('https://github.com/nigelpoulton/ps-sidecar-typo.git'));
    c.clock.advance(90_000);
    const s = containerStatus(c, 'git-sync', 'ctr-sync')!;
    expect(s.restartCount).toBeGreaterThanOrEqual(2);
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s.state?.waiting?.reason).toBe('CrashLoopBackOff');
  });
});
