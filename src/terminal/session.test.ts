import { describe, expect, it } from 'vitest';
import { HostSession } from './session';
import { settle } from './driver';
import { testSession } from './testing';

describe('host shell', { timeout: 60_000 }, () => {
  it('starts at $ in /root and runs pipes, $? and here-docs as bash does', async () => {
    const t = await testSession();
    expect(t.screen()).toBe('$ ');
    expect(await t.type('pwd; echo one two | wc -w')).toBe('pwd; echo one two | wc -w\n/root\n2\n$ ');
    expect(await t.type('grep nothing /etc/hostname; echo $?')).toBe('grep nothing /etc/hostname; echo $?\n1\n$ ');
    await t.type('cat <<EOF > pod.yaml');
    await t.type('name: $HOME');
    const last = await t.type('EOF');
    expect(last).toBe('EOF\n$ ');
    expect(t.session.fs.readFile('/root/pod.yaml')).toBe('name: /root\n');
    expect(t.screen()).toContain('$ cat <<EOF > pod.yaml\n> name: $HOME\n> EOF\n$ ');
    // the body lines are part of the command, not history entries
    expect(t.session.history.entries()).toEqual(['pwd; echo one two | wc -w', 'grep nothing /etc/hostname; echo $?', 'cat <<EOF > pod.yaml']);
  });

  it('says what bash says for an unknown command', async () => {
    const t = await testSession();
    expect(await t.type('nosuch; echo $?')).toBe('nosuch; echo $?\nbash: nosuch: command not found\n127\n$ ');
  });

  it('names no line in an interactive shell, not in its pipelines and subshells either (bash error_prolog: interactive_shell)', async () => {
    const t = await testSession();
    expect(await t.type('nosuch | cat')).toBe('nosuch | cat\nbash: nosuch: command not found\n$ ');
    expect(await t.type('(nosuch)')).toBe('(nosuch)\nbash: nosuch: command not found\n$ ');
    // a shell started with -c is not interactive: it names the line
    expect(await t.type('bash -c "nosuch | cat"')).toBe('bash -c "nosuch | cat"\nbash: line 1: nosuch: command not found\n$ ');
  });

  it('survives a pipe whose last command does not exist (head dies of SIGPIPE mid-write)', async () => {
    const t = await testSession();
    expect(await t.type('echo a | head -1 | nosuchcmd; echo after')).toMatch(/nosuchcmd: command not found\nafter\n\$ $/);
  });

  it('moves virtual time only for commands that wait', async () => {
    const t = await testSession();
    const clock = t.cluster.clock;
    const t0 = clock.now();
    await t.type('echo quick; ls; cat /etc/hostname');
    expect(clock.now()).toBe(t0);
    await t.type('sleep 5');
    expect(clock.now()).toBe(t0 + 5000);
    expect(await t.type('timeout 2 sleep 10; echo $?')).toContain('\n124\n');
    expect(clock.now()).toBe(t0 + 7000);
    expect(await t.type('timeout 10 sleep 1; echo $?')).toContain('\n0\n');
    expect(clock.now()).toBe(t0 + 8000);
  });

  it('timeout reports bad operands as coreutils does', async () => {
    const t = await testSession();
    expect(await t.type('timeout 1; echo $?')).toContain("timeout: missing operand\nTry 'timeout --help' for more information.\n125\n");
    expect(await t.type('timeout x sleep 1; echo $?')).toContain("timeout: invalid time interval 'x'\n");
    expect(await t.type('timeout 1 nosuch; echo $?')).toContain("timeout: failed to run command 'nosuch': No such file or directory\n127\n");
  });

  it('Ctrl-C at the prompt discards the line and sets $? to 130', async () => {
    const t = await testSession();
    expect(await t.keys('echo abc\x03')).toBe('echo abc^C\n$ ');
    expect(await t.type('echo $?')).toBe('echo $?\n130\n$ ');
  });

  it('Ctrl-C interrupts a sleeping job without moving time', async () => {
    const t = await testSession();
    const clock = t.cluster.clock;
    t.session.input('sleep 100\r');
    expect(t.session.isIdle()).toBe(false);
    expect(t.session.foreground().timers).toBe(true);
    const t0 = clock.now();
    t.session.input('\x03');
    await Promise.resolve();
    t.session.update();
    expect(t.session.isIdle()).toBe(true);
    expect(clock.now()).toBe(t0);
    expect(t.take()).toBe('sleep 100\n^C\n$ ');
    expect(await t.type('echo $?')).toContain('\n130\n');
  });

  it('Ctrl-C reaches the foreground pipeline, not background jobs', async () => {
    const t = await testSession();
    await t.type('sleep 100 &');
    t.session.input('sleep 50 | cat\r');
    expect(t.session.foreground().pids).toHaveLength(2);
    await t.keys('\x03');
    expect(t.session.isIdle()).toBe(true);
    const left = t.session.kernel.processes('host').filter((p) => p.pid !== 1 && p.state !== 'Z').map((p) => p.argv.join(' '));
    expect(left).toEqual(['sleep 100']);
  });

  it('keeps typeahead typed during a job for the next prompt', async () => {
    const t = await testSession();
    t.session.input('sleep 1\rec');
    t.cluster.clock.advance(1000);
    t.session.update();
    expect(await t.keys('ho hi\r')).toContain('ho hi\nhi\n$ ');
    expect(t.screen()).toContain('$ sleep 1\nec$ echo hi\nhi\n');
  });

  it('history lists commands; ↑ brings the last one back', async () => {
    const t = await testSession();
    await t.type('echo a');
    await t.type('echo b');
    expect(await t.type('history')).toBe('history\n    1  echo a\n    2  echo b\n    3  history\n$ ');
    expect(await t.keys('\x1b[A\x1b[A\r')).toContain('b\n$ ');
  });

  it('completes commands, files and kubectl verbs on Tab', async () => {
    const t = await testSession();
    await t.type('mkdir manifests; touch manifests/pod.yaml');
    expect(await t.keys('kubec\t')).toBe('kubectl ');
    expect(await t.keys('vers\t')).toBe('version ');
    t.session.input('\x15');
    await t.keys('cat man\t');
    expect(await t.keys('\t\r')).toBe('pod.yaml \n$ ');
    expect(t.session.history.entries().at(-1)).toBe('cat manifests/pod.yaml ');
  });

  it('completes kinds, names and containers from the API', async () => {
    const t = await testSession();
    expect(await t.keys('kubectl get pods -n kube-system kube-a\t')).toBe('kubectl get pods -n kube-system kube-apiserver-minikube ');
    t.session.input('\x15');
    await t.keys('kubectl get deployments.apps -n kube-system\x15');
    expect(await t.keys('kubectl logs -n kube-system coredns-')).toBe('kubectl logs -n kube-system coredns-');
    const coredns = (await t.cluster.api.list('pods', { namespace: 'kube-system' })).items.find((p) => p.metadata.name!.startsWith('coredns'))!;
    expect(await t.keys('\t')).toBe(`${coredns.metadata.name!.slice('coredns-'.length)} `);
    expect(await t.keys('-c c\t')).toBe('-c coredns ');
  });

  it('opens files in the editor from nano, vi and code', async () => {
    const t = await testSession();
    await t.type('nano pod.yaml; code /tmp');
    expect(t.events.filter((e) => e.type === 'open-in-editor')).toEqual([
      { type: 'open-in-editor', path: '/root/pod.yaml' },
      { type: 'open-in-editor', path: '/tmp' },
    ]);
  });

  it('runs registered extra commands (lesson meta-commands)', async () => {
    const t = await testSession();
    t.session.registerCommand('hint', { kind: 'simple', run: (io) => (io.stdout('try kubectl get pods\n'), 0) });
    expect(await t.type('hint')).toBe('hint\ntry kubectl get pods\n$ ');
  });

  it('exits on Ctrl-D at an empty prompt', async () => {
    const t = await testSession();
    await t.keys('\x04');
    expect(t.session.closed).toBe(true);
    expect(t.events.at(-1)).toEqual({ type: 'exit', code: 0 });
    expect(t.screen()).toBe('$ exit\n');
  });

  it('saves and restores files, history, directory and exported variables', async () => {
    const t = await testSession();
    await t.type('mkdir -p work && cd work && echo hi > note.txt && export STAGE=two');
    const snap = t.session.snapshot();
    t.session.dispose();
    let out = '';
    const again = new HostSession(t.cluster, { snapshot: JSON.parse(JSON.stringify(snap)), onEvent: (e) => void (e.type === 'output' && (out += e.data)) });
    again.input('pwd; cat note.txt; echo $STAGE\r');
    expect(out).toBe('$ pwd; cat note.txt; echo $STAGE\n/root/work\nhi\ntwo\n$ ');
    expect(again.history.entries()).toEqual(['mkdir -p work && cd work && echo hi > note.txt && export STAGE=two', 'pwd; cat note.txt; echo $STAGE']);
  });

  it('kubectl config set-context --current --namespace switches the namespace of later commands, and a restore keeps it', async () => {
    const t = await testSession();
    await t.type('kubectl create namespace dev');
    expect(await t.type('kubectl config set-context --current --namespace=dev')).toBe('kubectl config set-context --current --namespace=dev\nContext "minikube" modified.\n$ ');
    await t.type('kubectl create configmap here --from-literal=k=v');
    expect(await t.type('kubectl get configmap here -n dev -o name')).toBe('kubectl get configmap here -n dev -o name\nconfigmap/here\n$ ');
    expect(await t.type("kubectl config view --minify -o jsonpath='{..namespace}'")).toBe("kubectl config view --minify -o jsonpath='{..namespace}'\ndev$ ");
    const snap = t.session.snapshot();
    t.session.dispose();
    let out = '';
    const again = new HostSession(t.cluster, { snapshot: JSON.parse(JSON.stringify(snap)), onEvent: (e) => void (e.type === 'output' && (out += e.data)) });
    again.input('kubectl get pods\r');
    await settle(again);
    expect(out).toContain('No resources found in dev namespace.');
  });
});
