import { describe, expect, it } from 'vitest';
import { testKubectl } from './testing-env';

// Expected texts are what the real kubectl v1.32 prints for the same command lines (client-side
// errors, checked with kubectl.1.32 on this machine).
describe('kubectl: command line', () => {
  const k = testKubectl();

  it('reports unknown commands with cobra suggestions', async () => {
    expect(await k.run('zzzzzz')).toEqual({ stdout: '', stderr: 'error: unknown command "zzzzzz" for "kubectl"\n', code: 1 });
    const r = await k.run('versio');
    expect(r.stderr).toBe('error: unknown command "versio" for "kubectl"\n\nDid you mean this?\n\tversion\n');
  });

  it('reports flag errors in pflag words with the --help hint', async () => {
    expect((await k.run('version --foo')).stderr).toBe("error: unknown flag: --foo\nSee 'kubectl version --help' for usage.\n");
    expect((await k.run('version -z')).stderr).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl version --help' for usage.\n");
    expect((await k.run('version -o')).stderr).toBe("error: flag needs an argument: 'o' in -o\nSee 'kubectl version --help' for usage.\n");
    expect((await k.run('version --output')).stderr).toBe("error: flag needs an argument: --output\nSee 'kubectl version --help' for usage.\n");
    expect((await k.run('version --client=maybe')).stderr).toBe(
      'error: invalid argument "maybe" for "--client" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl version --help\' for usage.\n',
    );
    expect((await k.run('version ---x')).stderr).toBe("error: bad flag syntax: ---x\nSee 'kubectl version --help' for usage.\n");
  });

  it('accepts global flags before the command and prints help', async () => {
    const r = await k.run('-n kube-system version --client');
    expect(r).toEqual({ stdout: 'Client Version: v1.32.5\nKustomize Version: v5.5.0\n', stderr: '', code: 0 });
    const h = await k.run('version --help');
    expect(h.stdout).toContain('Options:\n    --client=false:\n');
    expect(h.stdout).toContain('Usage:\n  kubectl version [flags] [options]\n');
    // only string defaults are quoted (checked against kubectl 1.32 exec/logs/wait --help)
    const exec = (await k.run('exec --help')).stdout;
    expect(exec).toContain("    -c, --container='':\n");
    expect(exec).toContain('    --pod-running-timeout=1m0s:\n');
    expect((await k.run('logs --help')).stdout).toContain('    --since=0s:\n');
    expect((await k.run('logs --help')).stdout).toContain('    --tail=-1:\n');
    const root = await k.run([]);
    expect(root.stdout).toContain('Other Commands:\n');
    expect(root.code).toBe(0);
  });

  it('prints version -o yaml as the real client does for the client part', async () => {
    const r = await k.run('version --client -o yaml');
    expect(r.stdout).toBe(
      'clientVersion:\n  buildDate: "2025-05-15T09:12:10Z"\n  compiler: gc\n  gitCommit: 9894294ef13a5b32803e3ca2c0d620a088cc84d1\n  gitTreeState: clean\n  gitVersion: v1.32.5\n  goVersion: go1.23.8\n  major: "1"\n  minor: "32"\n  platform: linux/amd64\nkustomizeVersion: v5.5.0\n',
    );
  });
});
