import { describe, expect, it } from 'vitest';
import { withRealKubectl } from '../../testing/real-kubectl';
import { testKubectl } from '../../testing-env';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
`;

/** A deployment with two revisions: nginx, then nginx:alpine. */
async function twoRevisions() {
  const k = testKubectl({ seed: 'undo' });
  k.files.set('/work/d.yaml', DEPLOY);
  await k.run('apply -f d.yaml');
  await k.run('rollout status deployment/web');
  await k.run('set image deployment/web web=nginx:alpine');
  await k.run('rollout status deployment/web');
  return k;
}

const image = async (k: Awaited<ReturnType<typeof twoRevisions>>) =>
  ((await k.cluster.api.get('deployments', 'default', 'web')).spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image;

describe('kubectl rollout undo', () => {
  it('rolls back to the previous revision, which becomes the newest', async () => {
    const k = await twoRevisions();
    expect(await k.run('rollout undo deployment/web')).toEqual({ stdout: 'deployment.apps/web rolled back\n', stderr: '', code: 0 });
    expect(await image(k)).toBe('nginx');
    await k.run('rollout status deployment/web');
    expect((await k.run('rollout history deployment/web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    // revision 2 (nginx:alpine) by number
    expect((await k.run('rollout undo deploy web --to-revision=2')).stdout).toBe('deployment.apps/web rolled back\n');
    expect(await image(k)).toBe('nginx:alpine');
  });

  it('skips a revision that matches the current template and reports unknown ones', async () => {
    const k = await twoRevisions();
    expect((await k.run('rollout undo deployment/web --to-revision=2')).stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)\n');
    expect((await k.run('rollout undo deployment/web --to-revision=5')).stderr).toBe('error: unable to find specified revision 5 in history\n');
    expect((await k.run('rollout undo deployment/web --to-revision=-1')).stderr).toBe('error: unable to find specified revision -1 in history\n');
    await k.run('rollout pause deployment/web');
    expect((await k.run('rollout undo deployment/web')).stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
  });

  it('needs some history', async () => {
    const k = testKubectl();
    k.files.set('/work/d.yaml', DEPLOY);
    await k.run('apply -f d.yaml');
    await k.run('rollout status deployment/web');
    expect((await k.run('rollout undo deployment/web')).stderr).toBe('error: no rollout history found for deployment "web"\n');
    // [REAL] kubectl v1.32 (client-side)
    expect((await k.run('rollout undo')).stderr).toBe('error: required resource not specified\n');
  });

  it('matches the real kubectl v1.32', async () => {
    const ours = await twoRevisions();
    const theirs = await twoRevisions();
    const cases = [
      ['rollout', 'undo', 'deployment/web', '--to-revision=2'],
      ['rollout', 'undo', 'deployment/web', '--to-revision=7'],
      ['rollout', 'undo', 'deployment/web'],
      ['rollout', 'undo', 'pod/nope'],
    ];
    const results: unknown[][] = [];
    await withRealKubectl(theirs.cluster, async (kubectl) => {
      for (const argv of cases) results.push([{ argv, ...(await ours.run(argv)) }, { argv, ...(await kubectl(argv)) }]);
    });
    for (const [mine, real] of results) expect(mine).toEqual(real);
    const spec = async (k: typeof ours) => (await k.cluster.api.get('deployments', 'default', 'web')).spec;
    expect(await spec(ours)).toEqual(await spec(theirs));
    const annotations = async (k: typeof ours) => (await k.cluster.api.get('deployments', 'default', 'web')).metadata.annotations;
    expect(await annotations(ours)).toEqual(await annotations(theirs));
  }, 60_000);
});
