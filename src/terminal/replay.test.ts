import { describe, expect, it } from 'vitest';
import { plainText, replay, scriptLines } from './replay';

const SCRIPT = `cat <<EOF > notes.txt
first line
EOF
cat notes.txt | wc -l
sleep 3; date
kubectl version --client
echo $?
`;

describe('replay', { timeout: 60_000 }, () => {
  it('prints the transcript byte for byte, the same on every run', async () => {
    const a = await replay(scriptLines(SCRIPT), { seed: 7 });
    const b = await replay(scriptLines(SCRIPT), { seed: 7 });
    expect(a).toBe(b);
    expect(a).toBe([
      '$ cat <<EOF > notes.txt',
      '> first line',
      '> EOF',
      '$ cat notes.txt | wc -l',
      '1',
      '$ sleep 3; date',
      'Sat Nov 21 12:00:03 UTC 2026',
      '$ kubectl version --client',
      'Client Version: v1.32.5',
      'Kustomize Version: v5.5.0',
      '$ echo $?',
      '0',
      '$ ',
    ].join('\n'));
  });

  it('lets kubectl replace --force wait out a slow deletion, as it does for delete', async () => {
    // a shell as PID 1 ignores SIGTERM: the old pod takes its whole 30 s grace period to go
    const out = await replay([
      'cat <<EOF > pod.yaml',
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: slow', 'spec:', '  containers:', '  - name: c', '    image: busybox', '    command: ["sh", "-c", "sleep 3600"]',
      'EOF',
      'kubectl apply -f pod.yaml',
      'kubectl wait --for=condition=Ready pod/slow',
      'kubectl replace --force -f pod.yaml',
      'echo $?',
    ]);
    expect(out).not.toContain('^C');
    expect(out).toContain('$ kubectl replace --force -f pod.yaml\npod "slow" deleted\npod/slow replaced\n$ echo $?\n0\n');
  });

  it('interrupts a job without a deadline after a quiet spell and shows ^C', async () => {
    // cat waits on the terminal with no deadline: after 5 s of quiet the driver presses Ctrl-C
    const out = await replay(['cat', 'echo after'], { quietMs: 5000 });
    expect(out).toBe('$ cat\n^C\n$ echo after\nafter\n$ ');
    const watched = await replay(['watch -n 10 echo tick', 'echo $?'], { maxMs: 25_000 });
    expect(watched.match(/Every 10\.0s: echo tick/g)).toHaveLength(3);
    // watch's title: interval and command on the left, host and time flush right (80 columns)
    const title = watched.split('\n').find((l) => l.startsWith('Every'))!;
    expect(title).toMatch(/^Every 10\.0s: echo tick +podlab: Sat Nov 21 12:00:00 2026$/);
    expect(title).toHaveLength(80);
    expect(watched).toMatch(/tick\n\^C\n\$ echo \$\?\n130\n\$ $/);
  });

  it('lets a pod come up under get -w, follows its log, and waits for its deletion', async () => {
    const lines = ['kubectl run web --image=nginx', 'kubectl get pods -w', 'kubectl logs -f web', 'kubectl delete pod web', 'kubectl get pods'];
    const out = await replay(lines, { seed: 3 });
    // get -w shows the pod reach Running, then 10 s of quiet end it with ^C
    expect(out).toMatch(/\$ kubectl get pods -w\nNAME +READY +STATUS +RESTARTS +AGE\n(web .*\n)*web +1\/1 +Running +0 +\d+s\n\^C\n/);
    // logs -f polls: a kubectl sleeping the same interval without output has no deadline
    expect(out).toMatch(/start worker processes\n(.*\n)*\^C\n\$ kubectl delete pod web\n/);
    // delete waits for the graceful termination on the virtual clock, then the pod is gone
    expect(out).toMatch(/pod "web" deleted\n\$ kubectl get pods\nNo resources found in default namespace\.\n\$ $/);
  });

  it('strips colour and cursor control', () => {
    expect(plainText('\x1b[H\x1b[2Jred \x1b[31mtext\x1b[0m\r\n')).toBe('red text\n');
    expect(scriptLines('a\r\nb\n')).toEqual(['a', 'b']);
  });
});
