import { describe, expect, it } from 'vitest';
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

describe('kubectl scale / set image / rollout', () => {
  it('rolls out, scales, updates the image and records revisions', async () => {
    const k = testKubectl();
    k.files.set('/work/d.yaml', DEPLOY);
    await k.run('apply -f d.yaml');
    const st = await k.run('rollout status deployment/web');
    expect(st.stdout.split('\n').at(-2)).toBe('deployment "web" successfully rolled out');
    expect(st.stdout).toMatch(/^Waiting for deployment /);
    expect((await k.run('scale deployment web --replicas=3')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await k.run('scale deployment web --current-replicas=2 --replicas=1')).stderr).toBe('error: Expected replicas to be 2, was 3\n');
    expect((await k.run('set image deployment/web web=nginx:alpine')).stdout).toBe('deployment.apps/web image updated\n');
    expect((await k.run('set image deployment/web nope=nginx')).stderr).toBe('error: unable to find container named "nope"\n');
    await k.run('rollout status deploy/web');
    expect((await k.run('rollout history deployment/web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect((await k.run('rollout restart deployment/web')).stdout).toBe('deployment.apps/web restarted\n');
    expect((await k.run('rollout pause deployment/web')).stdout).toBe('deployment.apps/web paused\n');
    expect((await k.run('rollout resume deployment/web')).stdout).toBe('deployment.apps/web resumed\n');
  });

  it('checks flags as the real kubectl v1.32 does', async () => {
    const k = testKubectl();
    expect((await k.run('scale deploy/x')).stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect((await k.run('scale --replicas=-1 deploy/x')).stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect((await k.run('rollout status')).stderr).toBe('error: required resource not specified\n');
    expect((await k.run('rollout status deploy/x --timeout=abc')).stderr).toBe('error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl rollout status --help\' for usage.\n');
  });
});
