// kubectl cp end to end: the host workspace, kubectl's exec of tar in the container, and back.
// Expected texts: kubectl pkg/cmd/cp/cp.go v1.32 (client-side errors checked against the real
// kubectl 1.32 client), GNU tar 1.34 and busybox 1.37 for what tar itself prints.
import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../engine';
import { testSession, type TestSession } from './testing';

async function withPod(containers: { name: string; image: string; command?: string[] }[]): Promise<TestSession> {
  const t = await testSession({ runtime: true });
  await t.cluster.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers } });
  t.cluster.clock.advanceUntil(() => {
    const pod = t.cluster.store.tryGet('pods', 'default', 'web') as StoredPod | undefined;
    return (pod?.status.containerStatuses ?? []).length === containers.length && pod!.status.containerStatuses!.every((s) => s.state?.running);
  }, 300_000);
  await Promise.resolve();
  return t;
}

const out = async (t: TestSession, line: string): Promise<string> => (await t.type(line)).slice(line.length + 1).replace(/\$ $/, '');

describe('kubectl cp', { timeout: 120_000 }, () => {
  it('copies a file and a directory into a Debian-based pod and back', async () => {
    const t = await withPod([{ name: 'nginx', image: 'nginx' }]);
    await t.type("printf 'héllo wörld\\n' > notes.txt");
    expect(await out(t, 'kubectl cp notes.txt web:/tmp/notes.txt; echo $?')).toBe('0\n');
    expect(await out(t, 'kubectl exec web -- cat /tmp/notes.txt')).toBe('héllo wörld\n');
    // into an existing directory: the file keeps its name (cp.go checkDestinationIsDir)
    expect(await out(t, 'kubectl cp notes.txt web:/usr/share')).toBe('');
    expect(await out(t, 'kubectl exec web -- ls /usr/share/notes.txt')).toBe('/usr/share/notes.txt\n');
    await t.type("mkdir -p site/css && echo body > site/css/a.css && echo '<h1>hi</h1>' > site/index.html");
    expect(await out(t, 'kubectl cp site web:/tmp/site; echo $?')).toBe('0\n');
    expect(await out(t, 'kubectl exec web -- cat /tmp/site/css/a.css /tmp/site/index.html')).toBe('body\n<h1>hi</h1>\n');
    // from the pod: GNU tar's notice comes out on kubectl's stdout (cp.go: ErrOut is o.Out)
    expect(await out(t, 'kubectl cp web:/tmp/site back')).toBe("tar: Removing leading `/' from member names\n");
    expect(await out(t, 'cat back/css/a.css back/index.html')).toBe('body\n<h1>hi</h1>\n');
    expect(await out(t, 'kubectl cp default/web:/tmp/notes.txt copy.txt 2>/dev/null; cat copy.txt')).toBe("tar: Removing leading `/' from member names\nhéllo wörld\n");
  });

  it('works with busybox tar, and picks the default container of several', async () => {
    const t = await withPod([
      { name: 'box', image: 'busybox', command: ['sleep', '3600'] },
      { name: 'side', image: 'alpine', command: ['sleep', '3600'] },
    ]);
    await t.type('echo data > d.txt');
    expect(await out(t, 'kubectl cp d.txt web:/tmp/d.txt')).toBe('Defaulted container "box" out of: box, side\n');
    expect(await out(t, 'kubectl cp d.txt web:/tmp/d.txt -c side')).toBe('');
    expect(await out(t, 'kubectl exec web -c side -- cat /tmp/d.txt')).toBe('data\n');
    expect(await out(t, 'kubectl cp web:/tmp/d.txt e.txt -c box; cat e.txt')).toBe("tar: removing leading '/' from member names\ndata\n");
    // a missing file: tar's complaint, then kubectl's exit status line (exec.go via CheckErr)
    expect(await out(t, 'kubectl cp web:/nope x -c box; echo $?')).toBe(
      "tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\ncommand terminated with exit code 1\n1\n",
    );
  });

  it('fails as kubectl does without tar in the image, and on bad file specs', async () => {
    const t = await withPod([{ name: 'app', image: 'gcr.io/google-samples/hello-app:1.0' }]);
    await t.type('echo x > x.txt');
    const noTar = await out(t, 'kubectl cp x.txt web:/tmp/x.txt; echo $?');
    expect(noTar).toMatch(/^Error from server \(InternalError\): Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n1\n$/);
    // cp.go Validate and Run (checked against kubectl 1.32)
    expect(await out(t, 'kubectl cp x.txt')).toBe('error: source and destination are required\n');
    expect(await out(t, 'kubectl cp x.txt y.txt')).toBe('error: one of src or dest must be a remote file specification\n');
    expect(await out(t, 'kubectl cp a:x b:y')).toBe('error: one of src or dest must be a local file specification\n');
    expect(await out(t, 'kubectl cp :x y')).toBe('error: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
    expect(await out(t, 'kubectl cp a/b/c:x y')).toBe('error: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
    expect(await out(t, 'kubectl cp x.txt web:')).toBe('error: filepath can not be empty\n');
    expect(await out(t, 'kubectl cp nothere web:/tmp')).toBe('error: nothere doesn\'t exist in local filesystem\n');
    expect(await out(t, 'kubectl cp x.txt ghost:/tmp')).toBe('Error from server (NotFound): pods "ghost" not found\n');
  });
});
