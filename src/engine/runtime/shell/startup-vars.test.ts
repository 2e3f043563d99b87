// What each shell puts into its variables at start-up, and what bash hands its commands: SHLVL
// (bash and busybox ash count it up, dash leaves it), SHELL (bash, from /etc/passwd, not
// exported) and `_`, the path of the command bash runs (last in its environment).
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../commands/register';
import { Sandbox } from '../process/sandbox';
import { basicRegistry } from './commands';

function sandbox(): Sandbox {
  const sb = new Sandbox({ registry: registerCommands(basicRegistry()) });
  sb.install('/usr/bin/env', 'coreutils/env');
  sb.fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  return sb;
}

const ENV = { PATH: '/usr/bin:/bin', HOME: '/root' };

describe('shell start-up variables', () => {
  it.each([
    ['bash', {}, '1'],
    ['bash', { SHLVL: '3' }, '4'],
    ['bash', { SHLVL: 'x' }, '1'],
    ['ash', { SHLVL: '1' }, '2'],
    ['dash', { SHLVL: '1' }, '1'],
    ['dash', {}, ''],
  ] as const)('%s with %j has SHLVL=%s', (shell, env, want) => {
    const sb = sandbox();
    const r = sb.finish(sb.run([shell, '-c', 'echo "$SHLVL"; :'], { env: { ...ENV, ...env }, path: `/bin/${shell}` }));
    expect(r.out).toBe(`${want}\n`);
  });

  it('bash sets SHELL to the login shell of its user, without exporting it; dash does not', () => {
    const sb = sandbox();
    const bash = sb.finish(sb.run(['bash', '-c', 'echo "$SHELL"; case "$(env)" in *SHELL=*) echo exported;; *) echo not exported;; esac'], { env: ENV, path: '/bin/bash' }));
    expect(bash.out).toBe('/bin/bash\nnot exported\n');
    const dash = sb.finish(sb.run(['dash', '-c', 'echo "[$SHELL]"'], { env: ENV, path: '/bin/dash' }));
    expect(dash.out).toBe('[]\n');
    const inherited = sb.finish(sb.run(['bash', '-c', 'echo "$SHELL"'], { env: { ...ENV, SHELL: '/bin/zsh' }, path: '/bin/bash' }));
    expect(inherited.out).toBe('/bin/zsh\n');
  });

  it('bash passes _=<the command path> last in the environment, dash and ash pass none', () => {
    const sb = sandbox();
    const bash = sb.finish(sb.run(['bash', '-c', 'env; true'], { env: { ...ENV, _: '/old' }, path: '/bin/bash' }));
    expect(bash.out).toBe('PATH=/usr/bin:/bin\nHOME=/root\nSHLVL=1\nPWD=/\n_=/usr/bin/env\n');
    const dash = sb.finish(sb.run(['dash', '-c', 'env; true'], { env: ENV, path: '/bin/dash' }));
    expect(dash.out).toBe('PATH=/usr/bin:/bin\nHOME=/root\nPWD=/\n');
  });
});
