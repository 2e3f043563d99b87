// Job control as bash reports it: the job table, job specs, and what leaves the table when.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';

describe('bash jobs', () => {
  it('lists whole commands with + and -, forgets ended jobs once reported, and numbers new jobs after the highest', () => {
    const sb = new Sandbox();
    const r = sb.finish(sb.sh('sleep 100 & sleep 1 & jobs; sleep 2; jobs; jobs; kill %1; sleep 1 & jobs; kill %%; wait; jobs', 'bash'));
    expect(r.out).toBe([
      '[1]-  Running                 sleep 100 &',
      '[2]+  Running                 sleep 1 &',
      '[1]-  Running                 sleep 100 &',
      '[2]+  Done                    sleep 1',
      '[1]+  Running                 sleep 100 &',
      '[1]-  Running                 sleep 100 &',
      '[2]+  Running                 sleep 1 &',
      '',
    ].join('\n'));
    expect(r.exit?.code).toBe(0);
  });

  it('resolves %N, %%, %+, %- and %name, and says "no such job" otherwise', () => {
    const sb = new Sandbox();
    const r = sb.finish(sb.sh('sleep 50 & sleep 60 & kill %-; kill %+; sleep 70 & kill %sleep; echo "ambiguous=$?"; kill %3; kill %9; echo "missing=$?"; wait %9; echo "wait=$?"; sleep 1; jobs', 'bash'));
    expect(r.out).toBe('ambiguous=1\nmissing=1\nwait=127\n[1]   Terminated              sleep 50\n[2]-  Terminated              sleep 60\n[3]+  Terminated              sleep 70\n');
    expect(r.err.split('\n').filter(Boolean).map((l) => l.replace(/^.*kill: |^.*wait: /, ''))).toEqual(['%sleep: no such job', '%9: no such job', '%9: no such job']);
  });

  it('an interactive bash reports ended jobs before its next prompt, then they are gone', () => {
    const sb = new Sandbox();
    const r = sb.run(['bash', '-i'], { stdin: 'pipe', env: { PS1: '$ ' } });
    r.write('sleep 100 &\n');
    r.write('kill %1\n');
    r.write('echo x\n');
    sb.advance(10);
    r.write('kill %1\n');
    r.write('sleep 5 &\n');
    sb.advance(10);
    expect(r.all).toBe('$ [1] 2\n$ $ x\n[1]+  Terminated              sleep 100\n$ bash: kill: %1: no such job\n$ [1] 3\n$ ');
    r.closeStdin();
  });
});
