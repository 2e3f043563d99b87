import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../engine';
import { humanDuration, humanSize, parseSshArgs, table } from './node-shell';
import { testSession } from './testing';

describe('ssh to a node', { timeout: 60_000 }, () => {
  it('opens a root shell on the node filesystem with crictl, and exit returns', async () => {
    const t = await testSession({ runtime: true });
    expect(await t.type('ssh minikube')).toBe('ssh minikube\nroot@minikube:~# ');
    expect(await t.type('ls /etc/kubernetes/manifests')).toBe(
      'ls /etc/kubernetes/manifests\netcd.yaml\t     kube-controller-manager.yaml\nkube-apiserver.yaml  kube-scheduler.yaml\nroot@minikube:~# ',
    );
    expect(await t.type('grep -c staticPodPath /var/lib/kubelet/config.yaml')).toContain('\n1\n');
    const ps = await t.type('crictl ps');
    const lines = ps.split('\n');
    expect(lines[1]).toMatch(/^CONTAINER {11}IMAGE {15}CREATED {13}STATE {15}NAME +ATTEMPT +POD ID +POD +NAMESPACE$/);
    expect(ps).toMatch(/\n[0-9a-f]{13} +[0-9a-f]{13} +15 minutes ago +Running +kube-apiserver +0 +[0-9a-f]{13} +kube-apiserver-minikube +kube-system\n/);
    const pods = await t.type('crictl pods');
    expect(pods).toMatch(/\nPOD ID +CREATED +STATE +NAME +NAMESPACE +ATTEMPT +RUNTIME\n/);
    expect(pods).toMatch(/ Ready +etcd-minikube +kube-system +0 +\(default\)\n/);
    expect(await t.type('crictl images | grep etcd')).toMatch(/\nregistry\.k8s\.io\/etcd +3\.5\.16-0 +[0-9a-f]{13} +\d+(\.\d+)?MB\n/);
    expect(await t.type('exit')).toBe('exit\nexit\nConnection to minikube closed.\n$ ');
    expect(await t.type('hostname; echo $?')).toBe('hostname; echo $?\npodlab\n0\n$ ');
  });

  it('edits reach the kubelet: a manifest moved away is gone from the node', async () => {
    const t = await testSession({ runtime: true });
    await t.type('ssh minikube');
    await t.type('mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/');
    expect(t.cluster.nodeFiles.get('minikube')!.exists('/etc/kubernetes/manifests/kube-scheduler.yaml')).toBe(false);
    expect(t.cluster.nodeFiles.get('minikube')!.exists('/root/kube-scheduler.yaml')).toBe(true);
  });

  it('runs a command given after the host on the node and returns with its status', async () => {
    const t = await testSession({ runtime: true });
    expect(await t.type('ssh minikube ls /etc/kubernetes/manifests')).toBe(
      'ssh minikube ls /etc/kubernetes/manifests\netcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n$ ',
    );
    expect(await t.type("ssh -p 22 root@minikube 'hostname; exit 3'; echo $?")).toBe("ssh -p 22 root@minikube 'hostname; exit 3'; echo $?\nminikube\n3\n$ ");
    expect(await t.type('ssh minikube cat /etc/hostname | grep -c mini')).toBe('ssh minikube cat /etc/hostname | grep -c mini\n1\n$ ');
  });

  it('a node shell is in the node network namespace: pod IPs and ClusterIPs answer, the host shell still cannot reach them', async () => {
    const t = await testSession({ runtime: true });
    await t.cluster.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    });
    await t.cluster.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] } });
    t.cluster.clock.advanceUntil(() => !!(t.cluster.store.tryGet('pods', 'default', 'web') as StoredPod | undefined)?.status.containerStatuses?.[0]?.ready, 120_000);
    const podIP = (t.cluster.store.get('pods', 'default', 'web') as StoredPod).status.podIP!;
    const clusterIP = (t.cluster.store.get('services', 'default', 'web') as { spec: { clusterIP: string } }).spec.clusterIP;
    expect(await t.type(`curl -s ${podIP} | grep -c title`)).toContain('\n0\n');
    await t.type('ssh minikube');
    expect(await t.type(`curl -s ${podIP} | grep title`)).toContain('\n<title>Welcome to nginx!</title>\n');
    expect(await t.type(`curl -s ${clusterIP}:8080 | grep title`)).toContain('\n<title>Welcome to nginx!</title>\n');
    await t.type('exit');
    expect(await t.type(`ssh minikube curl -s ${podIP} | grep -c nginx`)).toMatch(/\n[1-9]\n\$ $/);
  });

  it('the kubelet notices a manifest written from the node shell before the next command', async () => {
    const t = await testSession({ runtime: true });
    await t.type('ssh minikube');
    await t.type("cat > /etc/kubernetes/manifests/hello.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: hello\n    image: nginx\nEOF");
    await t.type('exit');
    expect(await t.type('kubectl get pods -o name')).toBe('kubectl get pods -o name\npod/hello-minikube\n$ ');
    await t.type('ssh minikube rm /etc/kubernetes/manifests/hello.yaml');
    expect(t.cluster.store.tryGet('pods', 'default', 'hello-minikube')).toBeUndefined();
  });

  it('Ctrl-D leaves the node shell; an unknown host fails as OpenSSH does', async () => {
    const t = await testSession();
    await t.type('ssh root@minikube');
    expect(await t.keys('\x04')).toBe('exit\nConnection to minikube closed.\n$ ');
    expect(await t.type('ssh nowhere; echo $?')).toBe('ssh nowhere; echo $?\nssh: Could not resolve hostname nowhere: Name or service not known\n255\n$ ');
  });
});

describe('ssh arguments', () => {
  it('skips options and their arguments, then takes the destination and the command', () => {
    expect(parseSshArgs(['-p', '22', '-t', 'root@minikube', 'ls', '-l'])).toEqual({ dest: 'root@minikube', command: ['ls', '-l'] });
    expect(parseSshArgs(['-tp22', 'minikube'])).toEqual({ dest: 'minikube', command: [] });
    expect(parseSshArgs(['-i'])).toEqual({ command: [] });
  });
});

describe('crictl formatting', { timeout: 60_000 }, () => {
  it('pads columns like its tabwriter (minwidth 20, padding 3)', () => {
    expect(table([['A', 'B', 'C'], ['a-very-long-value-here', 'b', 'c']])).toBe(`A${' '.repeat(24)}B${' '.repeat(19)}C\na-very-long-value-here   b                   c\n`);
  });

  it('says sizes as go-units HumanSize does', () => {
    expect([512, 72195292, 20524466, 1_500_000_000].map(humanSize)).toEqual(['512B', '72.2MB', '20.52MB', '1.5GB']);
  });

  it('says durations as go-units HumanDuration does', () => {
    expect([0, 1000, 45_000, 60_000, 15 * 60_000, 3_600_000, 5 * 3_600_000, 3 * 86_400_000].map(humanDuration)).toEqual([
      'Less than a second', '1 second', '45 seconds', 'About a minute', '15 minutes', 'About an hour', '5 hours', '3 days',
    ]);
  });
});
