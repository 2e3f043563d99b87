import { describe, expect, it } from 'vitest';
import { ContainerRuntime, type ClusterOptions } from '../../engine';
import { testKubectl } from '../testing-env';

const runtime: ClusterOptions['runtime'] = (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network });
const withRuntime = () => testKubectl({ seed: 'attach', runtime });

describe('kubectl run -it and kubectl attach', { timeout: 60_000 }, () => {
  it('run -it --rm: the hint, the shell\'s output for what is typed, then the pod is deleted', async () => {
    const k = withRuntime();
    const r = await k.run(['run', '-it', '--rm', 'tmp', '--image=busybox', '--restart=Never', '--', 'sh'], { tty: true, typed: ['echo hello from $(hostname)\n', 'exit 3\n'] });
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\npod default/tmp terminated (Error)\n");
    expect(r.stdout).toContain('hello from tmp\n');
    // a shell on a terminal prompts: busybox ash shows its working directory
    expect(r.stdout).toContain('/ # ');
    // Never: kubectl waits for the pod to finish and exits with the container's code
    expect(r.stdout.endsWith('pod "tmp" deleted\n')).toBe(true);
    expect(r.code).toBe(3);
    await expect(k.cluster.api.get('pods', 'default', 'tmp')).rejects.toThrow('not found');
  });

  it('without --rm and restart Always, says how to resume; kubectl attach joins again', async () => {
    const k = withRuntime();
    const first = await k.run(['run', '-it', 'tmp', '--image=busybox', '--', 'sh'], { tty: true, typed: ['echo one\n', null] });
    expect(first.stdout).toContain('one\n');
    expect(first.stdout.endsWith("Session ended, resume using 'kubectl attach tmp -c tmp -i -t' command when the pod is running\n")).toBe(true);
    expect(first.code).toBe(0);
    // the shell saw end-of-file and exited; the kubelet restarts it with a fresh stdin
    k.cluster.clock.advance(30_000);
    await k.run('wait --for=condition=Ready pod/tmp --timeout=60s');
    const again = await k.run('attach tmp -c tmp -i -t', { tty: true, typed: ['echo two\n', 'exit\n'] });
    expect(again.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(again.stdout).toContain('two\n');
    expect(again.stdout).not.toContain('one\n');
  });

  it('attach without -i follows the output until Ctrl-C', async () => {
    const k = withRuntime();
    await k.run(['run', 'ticker', '--image=busybox', '--', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done']);
    await k.run('wait --for=condition=Ready pod/ticker');
    const r = await k.run('attach ticker', { interruptAfterMs: 3_500 });
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(r.stdout).toMatch(/^(tick \d+\n){3}$/);
    expect(r.code).toBe(130);
  });

  it('refuses what kubectl refuses', async () => {
    const k = withRuntime();
    expect((await k.run('attach')).stderr).toBe('error: at least 1 argument is required for attach\n');
    expect((await k.run('attach a b c')).stderr).toBe('error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n');
    expect((await k.run('attach nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    await k.run(['run', 'done', '--image=busybox', '--restart=Never', '--', 'true']);
    k.cluster.clock.advance(30_000);
    expect((await k.run('attach done')).stderr).toBe('error: cannot attach a container in a completed pod; current phase is Succeeded\n');
    expect((await k.run('run x --image=nginx -t')).stderr).toBe("error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n");
    expect((await k.run('run x --image=nginx -it --dry-run=client')).stderr).toBe("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n");
    expect((await k.run('run x --image=nginx --rm -i --attach=false')).stderr).toBe("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
  });

  it('run --attach of a pod that already finished shows its logs', async () => {
    const k = withRuntime();
    const r = await k.run(['run', 'hello', '--image=busybox', '--restart=Never', '--attach', '--', 'echo', 'hi there']);
    expect(r.stdout).toContain('hi there\n');
    expect(r.code).toBe(0);
  });
});
