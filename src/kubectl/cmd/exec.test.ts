import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:alpine\n';

describe('kubectl exec', () => {
  it('runs a command and passes its exit code on, with kubectl\'s message', async () => {
    const k = testKubectl();
    k.files.set('/work/p.yaml', POD);
    await k.run('apply -f p.yaml');
    k.cluster.clock.advance(30_000);
    expect(await k.run(['exec', 'web', '--', 'cat', '/etc/hostname'])).toEqual({ stdout: 'web\n', stderr: '', code: 0 });
    expect(await k.run(['exec', 'web', '--', 'sh', '-c', 'exit 3'])).toEqual({ stdout: '', stderr: 'command terminated with exit code 3\n', code: 3 });
  });

  it('opens an interactive shell with -it: a prompt, the typed commands, exit', async () => {
    const k = testKubectl();
    k.files.set('/work/p.yaml', POD);
    await k.run('apply -f p.yaml');
    k.cluster.clock.advance(30_000);
    const r = await k.run(['exec', '-it', 'web', '--', '/bin/sh'], { tty: true, typed: ['cd /usr/share/nginx/html\n', 'ls\n', 'exit\n'] });
    expect(r.code).toBe(0);
    // busybox ash's prompt shows the working directory
    expect(r.stdout).toContain('/ # ');
    expect(r.stdout).toContain('50x.html');
    expect(r.stdout).toContain('index.html');
  });

  it('bash in a Debian-based image prompts as its /etc/bash.bashrc says: root@<pod>:<dir># ', async () => {
    const k = testKubectl();
    k.files.set('/work/p.yaml', POD.replace('nginx:alpine', 'nginx'));
    await k.run('apply -f p.yaml');
    k.cluster.clock.advance(30_000);
    const r = await k.run(['exec', '-it', 'web', '--', '/bin/bash'], { tty: true, typed: ['cd /usr/share/nginx/html\n', 'echo "$PS1"\n', 'exit\n'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^root@web:\/# /);
    expect(r.stdout).toContain('root@web:/usr/share/nginx/html# ');
    expect(r.stdout).toContain('\\u@\\h:\\w\\$ \n');
    // sh is dash there, which reads no bashrc
    const sh = await k.run(['exec', '-it', 'web', '--', 'sh'], { tty: true, typed: ['exit\n'] });
    expect(sh.stdout).toMatch(/^# /);
  });

  it('-i with stdin from a file or pipe sends all of it, then end-of-file', async () => {
    const k = testKubectl();
    k.files.set('/work/p.yaml', POD);
    await k.run('apply -f p.yaml');
    k.cluster.clock.advance(30_000);
    expect(await k.run(['exec', '-i', 'web', '--', 'sh', '-c', 'cat > /tmp/copy; wc -l < /tmp/copy'], { stdin: 'one\ntwo\n' })).toEqual({ stdout: '2\n', stderr: '', code: 0 });
    // without -i the command gets no stdin at all
    expect(await k.run(['exec', 'web', '--', 'cat', '/tmp/copy'])).toMatchObject({ stdout: 'one\ntwo\n', code: 0 });
  });

  it('fails as the real kubectl v1.32 does without -- or a command', async () => {
    const k = testKubectl();
    expect((await k.run('exec x ls')).stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect((await k.run('exec x --')).stderr).toBe('error: you must specify at least one command for the container\n');
    expect((await k.run('exec')).stderr).toBe('error: pod, type/name or --filename must be specified\n');
  });
  it('gives a terminal TERM=xterm, as containerd does for exec -t and for a container with tty: true', async () => {
    const k = testKubectl();
    k.files.set('/work/p.yaml', `${POD}---
apiVersion: v1
kind: Pod
metadata:
  name: tty
spec:
  containers:
  - name: c
    image: busybox
    command: ['sh', '-c', 'echo "TERM=$TERM"; sleep 3600']
    tty: true
    stdin: true
`);
    await k.run('apply -f p.yaml');
    k.cluster.clock.advance(30_000);
    expect((await k.run(['exec', 'web', '--', 'printenv', 'TERM'])).code).toBe(1);
    const r = await k.run(['exec', '-it', 'web', '--', 'printenv', 'TERM'], { tty: true });
    expect(r.stdout.replaceAll('\r', '')).toBe('xterm\n');
    expect((await k.run('logs tty')).stdout.replaceAll('\r', '')).toBe('TERM=xterm\n');
  });
});
