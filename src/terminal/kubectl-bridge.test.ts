import { describe, expect, it } from 'vitest';
import { testSession } from './testing';

describe('kubectl in the host shell', { timeout: 60_000 }, () => {
  it('prints kubectl output and passes its exit code to $?', async () => {
    const t = await testSession();
    expect(await t.type('kubectl version --client; echo $?')).toBe('kubectl version --client; echo $?\nClient Version: v1.32.5\nKustomize Version: v5.5.0\n0\n$ ');
    expect(await t.type('k nosuchverb; echo $?')).toContain('error: unknown command "nosuchverb" for "kubectl"\n');
    expect(t.take()).toBe('');
    expect(t.screen()).toMatch(/\n1\n\$ $/);
  });

  it('feeds a pipe to -f - and sees the stream end', async () => {
    const t = await testSession();
    await t.type('cat <<EOF | kubectl apply -f -; echo "status $?"');
    await t.type('apiVersion: v1');
    await t.type('kind: ConfigMap');
    await t.type('metadata: {name: from-stdin}');
    const out = await t.type('EOF');
    expect(out).toContain('status 0');
    const cm = await t.cluster.api.get('configmaps', 'default', 'from-stdin');
    expect(cm.metadata.name).toBe('from-stdin');
  });

  it('reads -f - from the terminal until Ctrl-D', async () => {
    const t = await testSession();
    await t.type('kubectl apply -f -');
    expect(t.session.foreground().wantsInput).toBe(true);
    await t.type('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "typed"}}');
    await t.keys('\x04');
    expect(t.session.isIdle()).toBe(true);
    expect((await t.cluster.api.get('configmaps', 'default', 'typed')).metadata.name).toBe('typed');
  });

  it('Ctrl-C ends a kubectl that waits, with status 130', async () => {
    const t = await testSession();
    await t.type('kubectl apply -f -');
    expect(await t.keys('\x03')).toBe('^C\n$ ');
    expect(await t.type('echo $?')).toContain('\n130\n');
  });

  it('a signal ends kubectl as its own handlers do: watches exit 1, port-forward 0 on Ctrl-C, and kill kills what catches nothing', async () => {
    const t = await testSession({ runtime: true });
    await t.type('kubectl run web --image=nginx');
    expect(await t.type('kubectl wait --for=condition=Ready pod/web --timeout=120s')).toContain('condition met');
    // util/interrupt: get -w and logs -f stop on the signal, then os.Exit(1); bash goes on with the list
    expect(await t.type('kubectl get pods -w; echo status=$?')).toMatch(/\^C\nstatus=1\n\$ $/);
    expect(await t.type('kubectl logs -f web > /dev/null; echo status=$?')).toMatch(/\^C\nstatus=1\n\$ $/);
    // portforward.go catches os.Interrupt only: Ctrl-C closes the forward and returns
    expect(await t.type('kubectl port-forward web 8081:80 > /dev/null; echo status=$?')).toMatch(/\^C\nstatus=0\n\$ $/);
    // kill %1 sends TERM: the watch's handler exits 1; port-forward has none and dies of it
    await t.type('kubectl get pods -w > /dev/null &');
    await t.type('kill %1');
    expect(await t.type('echo next')).toMatch(/^next\n\[1\]\+ {2}Exit 1 {18}kubectl get pods -w > \/dev\/null\n\$ $/m);
    await t.type('kubectl port-forward web 8080:80 > /dev/null &');
    await t.type('kill %1');
    expect(await t.type('echo next')).toMatch(/^next\n\[1\]\+ {2}Terminated {14}kubectl port-forward web 8080:80 > \/dev\/null\n\$ $/m);
  });

  it('is an ordinary command in pipelines and under timeout', async () => {
    const t = await testSession();
    expect(await t.type('kubectl version --client | grep -c Version')).toContain('\n2\n');
    expect(await t.type('timeout 5 kubectl version --client > v.txt; echo $?; wc -l < v.txt')).toContain('\n0\n2\n');
  });

  it('sees the terminal as a tty only when it is one', async () => {
    const t = await testSession();
    // kubectl run -it needs a terminal on stdin; through a pipe it has none
    t.session.input('kubectl apply -f - < /dev/null; echo $?\r');
    expect(t.session.foreground().wantsInput).toBe(false);
  });
});
