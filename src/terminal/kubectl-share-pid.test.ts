// Shared PID namespaces from the host terminal: the docs task "Share Process Namespace between
// Containers in a Pod" and `kubectl debug --target`, on the real container runtime.
import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../engine';
import { testSession, type TestSession } from './testing';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  shareProcessNamespace: true
  containers:
  - name: nginx
    image: nginx
  - name: shell
    image: busybox:1.28
    securityContext:
      capabilities:
        add:
        - SYS_PTRACE
    stdin: true
    tty: true
`;

const pod = (t: TestSession, name: string) => t.cluster.store.tryGet('pods', 'default', name) as StoredPod | undefined;
const allReady = (t: TestSession, name: string) => !!pod(t, name)?.status.containerStatuses?.every((s) => s.ready);

describe('shared PID namespaces through the host shell', { timeout: 60_000 }, () => {
  it('the docs walkthrough: ps ax in the sidecar, kill -HUP to nginx, a new worker', async () => {
    const t = await testSession({ runtime: true });
    await t.keys(`cat > share-process-namespace.yaml <<'EOF'\r${MANIFEST.replaceAll('\n', '\r')}EOF\r`);
    expect(await t.type('kubectl apply -f share-process-namespace.yaml')).toContain('pod/nginx created\n');
    t.cluster.clock.advanceUntil(() => allReady(t, 'nginx'), 120_000);
    await t.type('kubectl exec -it nginx -c shell -- sh');
    const ps = await t.type('ps ax');
    expect(ps).toMatch(/^ps ax\nPID {3}USER {5}TIME {2}COMMAND\n {4}1 65535 {5}0:00 \/pause\n {4}(\d) root {6}0:00 nginx: master process nginx -g daemon off;\n/);
    const master = /(\d+) root\s+0:00 nginx: master/.exec(ps)![1];
    const workers = [...ps.matchAll(/(\d+) 101\s+0:00 nginx: worker process/g)].map((m) => m[1]);
    expect(workers.length).toBeGreaterThan(0);
    expect(ps).toMatch(/\d+ root\s+0:00 ps ax\n\/ # $/);
    expect(await t.type(`kill -HUP ${master}`)).toBe(`kill -HUP ${master}\n/ # `);
    t.cluster.clock.advance(1_000);
    const again = await t.type('ps ax');
    expect(again).toContain(`    ${master} root      0:00 nginx: master process nginx -g daemon off;\n`);
    const renewed = [...again.matchAll(/(\d+) 101\s+0:00 nginx: worker process/g)].map((m) => m[1]);
    expect(renewed.length).toBe(workers.length);
    for (const w of renewed) expect(workers).not.toContain(w);
    await t.type('exit');
    const logs = await t.type('kubectl logs nginx -c nginx');
    // ngx_signal_handler: "from %P", the sender (kill, in the shell container)
    expect(logs).toMatch(/\[notice\] (\d+)#\1: signal 1 \(SIGHUP\) received from \d+, reconfiguring\n/);
    for (const w of renewed) expect(logs).toContain(`: start worker process ${w}\n`);
  });

  it('kubectl debug -it --target: the target\'s entrypoint is PID 1 in the debug shell', async () => {
    const t = await testSession({ runtime: true });
    await t.type('kubectl run web --image=nginx');
    t.cluster.clock.advanceUntil(() => allReady(t, 'web'), 120_000);
    await t.type('kubectl debug -it web --image=busybox --target=web --profile=general');
    const ps = await t.type('ps ax');
    expect(ps).toMatch(/^ps ax\nPID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 nginx: master process nginx -g daemon off;\n/);
    expect(ps).toMatch(/\d+ root\s+0:00 ps ax\n/);
    await t.type('exit');
    // without --target the debug container's shell is PID 1 of a namespace of its own
    await t.type('kubectl debug -it web --image=busybox --profile=general');
    expect(await t.type('ps ax')).toMatch(/^ps ax\nPID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 sh( -i)?\n\s+\d+ root\s+0:00 ps ax\n/);
  });
});
