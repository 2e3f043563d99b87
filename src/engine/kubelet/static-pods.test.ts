import { describe, expect, it } from 'vitest';
import { Clock, DEFAULT_START_TIME } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { EventRecorder } from '../events';
import type { EngineContext } from '../cluster/context';
import type { StoredPod } from '../api/types';
import { MemFS } from '../runtime/fs/memfs';
import { seedNodeFiles } from './node-files';
import {
  KUBELET_CONFIG_PATH, StaticPodSource, canonicalJSON, toRFC3339Nano, type StaticPodHost,
} from './static-pods';

const DIR = '/etc/kubernetes/manifests';

function context(start = DEFAULT_START_TIME): EngineContext {
  const clock = new Clock(start);
  const random = new SeededRandom(7);
  const store = new ApiStore(clock, random);
  return { clock, random, store, events: new EventRecorder(store, clock) };
}

/** A StaticPodHost that records what the kubelet would be told. */
class FakeHost implements StaticPodHost {
  calls: string[] = [];
  pods = new Map<string, StoredPod>();
  upsertStaticPod(pod: StoredPod): void {
    this.calls.push(`upsert ${pod.metadata.name}`);
    this.pods.set(pod.metadata.uid, pod);
  }
  removeStaticPod(uid: string): void {
    this.calls.push(`remove ${this.pods.get(uid)?.metadata.name ?? uid}`);
    this.pods.delete(uid);
  }
  byName(name: string): StoredPod | undefined {
    return [...this.pods.values()].find((p) => p.metadata.name === name);
  }
}

function node(opts: { name?: string; controlPlane?: boolean; start?: number } = {}) {
  const ctx = context(opts.start);
  const fs = new MemFS(ctx.clock);
  const name = opts.name ?? 'minikube';
  seedNodeFiles(fs, { name, controlPlane: opts.controlPlane ?? false, internalIP: '192.168.49.2' });
  const host = new FakeHost();
  const source = new StaticPodSource(ctx, name, fs, host);
  return { ctx, fs, host, source };
}

const WEB = (image = 'nginx:1.27', name = 'web') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: web
spec:
  containers:
  - name: web
    image: ${image}
`;

describe('StaticPodSource: the kubeadm control plane', () => {
  it('turns each manifest into a defaulted pod bound to the node, with the kubelet annotations', () => {
    const { ctx, host, source } = node({ controlPlane: true, start: DEFAULT_START_TIME + 250 });
    source.start();
    expect(host.calls).toEqual([]); // the first list runs in a clock task, not inside start()
    ctx.clock.runUntilIdle();
    expect(host.calls).toEqual([
      'upsert etcd-minikube', 'upsert kube-apiserver-minikube', 'upsert kube-controller-manager-minikube', 'upsert kube-scheduler-minikube',
    ]);
    const api = host.byName('kube-apiserver-minikube')!;
    expect(api.metadata.namespace).toBe('kube-system');
    expect(api.metadata.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(api.metadata.annotations).toEqual({
      'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': '192.168.49.2:8443',
      'kubernetes.io/config.hash': api.metadata.uid,
      'kubernetes.io/config.seen': '2026-11-21T12:00:00.25Z',
      'kubernetes.io/config.source': 'file',
    });
    expect(api.metadata.labels).toEqual({ component: 'kube-apiserver', tier: 'control-plane' });
    expect(api.spec.nodeName).toBe('minikube');
    expect(api.spec.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
    expect(api.spec).toMatchObject({
      hostNetwork: true, priority: 2000001000, priorityClassName: 'system-node-critical',
      // SetDefaults_PodSpec via the decoder
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
    });
    expect(api.spec.containers[0]).toMatchObject({
      name: 'kube-apiserver', image: 'registry.k8s.io/kube-apiserver:v1.32.0', imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    });
    expect(api.status).toEqual({ phase: 'Pending' });
    expect(host.byName('etcd-minikube')!.spec.containers[0]!.image).toBe('registry.k8s.io/etcd:3.5.16-0');
    expect(source.problems()).toEqual([]);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('names pods <name>-<node>; a node name that is not a DNS subdomain fails pod validation', () => {
    const cp = node({ name: 'controlplane', controlPlane: true });
    cp.source.start();
    cp.ctx.clock.runUntilIdle();
    expect(cp.host.byName('etcd-controlplane')!.spec.nodeName).toBe('controlplane');
    const upper = node({ name: 'ControlPlane', controlPlane: true });
    upper.source.start();
    upper.ctx.clock.runUntilIdle();
    expect(upper.host.calls).toEqual([]);
    expect(upper.source.problems()[0]!.message).toContain('invalid pod: [spec.nodeName: Invalid value: "ControlPlane"');
    const worker = node({ name: 'minikube-m02' });
    worker.source.start();
    worker.ctx.clock.runUntilIdle();
    expect(worker.host.calls).toEqual([]);
    expect(worker.source.staticPodPath()).toBe(DIR);
  });
});

describe('StaticPodSource: uid = md5 of the pod, the host and the file', () => {
  function uidOf(opts: { node?: string; file?: string; content?: string }): string {
    const n = node({ name: opts.node ?? 'minikube' });
    n.fs.writeFile(`${DIR}/${opts.file ?? 'web.yaml'}`, opts.content ?? WEB());
    n.source.start();
    n.ctx.clock.runUntilIdle();
    return n.source.pods()[0]!.metadata.uid;
  }

  it('is stable across runs and changes with the content, the node and the path', () => {
    const base = uidOf({});
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(uidOf({})).toBe(base);
    expect(uidOf({ content: WEB('nginx:1.28') })).not.toBe(base);
    expect(uidOf({ node: 'other' })).not.toBe(base);
    expect(uidOf({ file: 'web2.yaml' })).not.toBe(base);
    // Comments and key order do not change the decoded pod, so they do not change the hash.
    expect(uidOf({ content: `# a comment\n${WEB()}` })).toBe(base);
  });

  it('keeps a uid the manifest sets, as applyDefaults does', () => {
    const content = WEB().replace('  name: web\n', '  name: web\n  uid: my-own-uid\n');
    expect(uidOf({ content })).toBe('my-own-uid');
  });
});

describe('StaticPodSource: reacting to manifest changes', () => {
  function started() {
    const n = node();
    n.source.start();
    n.ctx.clock.runUntilIdle();
    return n;
  }

  it('adds, replaces on edit (remove first, new uid) and removes pods as files come and go', () => {
    const { ctx, fs, host, source } = started();
    fs.writeFile(`${DIR}/web.yaml`, WEB());
    expect(host.calls).toEqual([]); // handled in a clock task, not inside the write
    ctx.clock.runUntilIdle();
    expect(host.calls).toEqual(['upsert web-minikube']);
    const first = host.byName('web-minikube')!;
    expect(first.metadata.namespace).toBe('default');

    ctx.clock.advance(3_000);
    fs.writeFile(`${DIR}/web.yaml`, WEB()); // same content: same uid, nothing to do
    ctx.clock.runUntilIdle();
    expect(host.calls).toHaveLength(1);

    fs.writeFile(`${DIR}/web.yaml`, WEB('nginx:1.28'));
    ctx.clock.runUntilIdle();
    expect(host.calls).toEqual(['upsert web-minikube', 'remove web-minikube', 'upsert web-minikube']);
    const second = host.byName('web-minikube')!;
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect(second.metadata.annotations!['kubernetes.io/config.seen']).toBe(toRFC3339Nano(DEFAULT_START_TIME + 3_000));
    expect(second.spec.containers[0]!.image).toBe('nginx:1.28');

    fs.rm(`${DIR}/web.yaml`);
    ctx.clock.runUntilIdle();
    expect(host.calls.at(-1)).toBe('remove web-minikube');
    expect(host.pods.size).toBe(0);
    expect(source.pods()).toEqual([]);
  });

  it('ignores dotfiles and folders but reads any other file name, as the kubelet does', () => {
    const { ctx, fs, host, source } = started();
    fs.writeFile(`${DIR}/.web.yaml.swp`, WEB());
    fs.mkdir(`${DIR}/backup`);
    fs.writeFile(`${DIR}/backup/web.yaml`, WEB());
    ctx.clock.runUntilIdle();
    expect(host.calls).toEqual([]);
    fs.writeFile(`${DIR}/web.yaml.bak`, WEB('nginx', 'old-web'));
    ctx.clock.advance(20_000); // and through a relist
    expect(host.calls).toEqual(['upsert old-web-minikube']);
    expect(source.problems()).toEqual([
      { path: `${DIR}/backup`, message: 'Provided manifest path is a directory, not recursing into manifest path' },
    ]);
  });

  it('moves a manifest out of the folder to stop its pod', () => {
    const { ctx, fs, host } = started();
    fs.writeFile(`${DIR}/web.yaml`, WEB());
    ctx.clock.runUntilIdle();
    fs.rename(`${DIR}/web.yaml`, '/root/web.yaml');
    ctx.clock.runUntilIdle();
    expect(host.calls).toEqual(['upsert web-minikube', 'remove web-minikube']);
  });

  it('removes every pod when the folder itself goes away', () => {
    const { ctx, fs, host, source } = started();
    fs.writeFile(`${DIR}/a.yaml`, WEB('nginx', 'a'));
    fs.writeFile(`${DIR}/b.yaml`, WEB('nginx', 'b'));
    ctx.clock.runUntilIdle();
    fs.rm(DIR, { recursive: true });
    ctx.clock.runUntilIdle();
    expect(host.pods.size).toBe(0);
    expect(source.problems()).toEqual([{ path: DIR, message: 'path does not exist, ignoring' }]);
  });

  it('keeps the last good pod after an invalid edit until the next 20 s list drops it', () => {
    const { ctx, fs, host, source } = started();
    fs.writeFile(`${DIR}/web.yaml`, WEB());
    ctx.clock.runUntilIdle();
    ctx.clock.advance(5_000); // t = 5 s
    fs.writeFile(`${DIR}/web.yaml`, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: []\n');
    ctx.clock.runUntilIdle();
    expect(host.pods.size).toBe(1);
    expect(source.problems()[0]!.message).toMatch(/^can't process config file "\/etc\/kubernetes\/manifests\/web.yaml": invalid pod: \[spec.containers: Required value/);
    ctx.clock.advance(14_999); // t = 19.999 s
    expect(host.pods.size).toBe(1);
    ctx.clock.advance(1); // the list ticker fires at t = 20 s
    expect(host.calls).toEqual(['upsert web-minikube', 'remove web-minikube']);
    expect(source.problems()[0]!.message).toMatch(/^Could not process manifest file: invalid pod: /);
  });

  it('renaming the pod inside a file runs both until the next list, like the kubelet cache', () => {
    const { ctx, fs, host } = started();
    fs.writeFile(`${DIR}/web.yaml`, WEB());
    ctx.clock.runUntilIdle();
    fs.writeFile(`${DIR}/web.yaml`, WEB('nginx:1.27', 'web2'));
    ctx.clock.runUntilIdle();
    expect([...host.pods.values()].map((p) => p.metadata.name).sort()).toEqual(['web-minikube', 'web2-minikube']);
    ctx.clock.advance(20_000);
    expect([...host.pods.values()].map((p) => p.metadata.name)).toEqual(['web2-minikube']);
  });

  it('skips manifests that are not valid pods and says why', () => {
    const { ctx, fs, host, source } = started();
    fs.writeFile(`${DIR}/a-deploy.yaml`, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n');
    fs.writeFile(`${DIR}/b-nokind.yaml`, 'metadata:\n  name: x\n');
    fs.writeFile(`${DIR}/c-broken.yaml`, 'apiVersion: v1\nkind: Pod\nmetadata: [\n');
    fs.writeFile(`${DIR}/d-badname.yaml`, WEB('nginx', 'Bad_Name'));
    fs.writeFile(`${DIR}/e-good.yaml`, WEB());
    ctx.clock.advance(20_000);
    expect(host.calls).toEqual(['upsert web-minikube']);
    const problems = Object.fromEntries(source.problems().map((p) => [p.path.slice(DIR.length + 1), p.message]));
    expect(problems['a-deploy.yaml']).toMatch(/couldn't parse as pod\(invalid pod: .*\), please check config file$/);
    expect(problems['b-nokind.yaml']).toBe(
      `Could not process manifest file: ${DIR}/b-nokind.yaml: couldn't parse as pod(Object 'Kind' is missing in '{"metadata":{"name":"x"}}'), please check config file`,
    );
    expect(problems['c-broken.yaml']).toMatch(/couldn't parse as pod\(error converting YAML to JSON: yaml: /);
    expect(problems['d-badname.yaml']).toContain('invalid pod: [metadata.name: Invalid value: "Bad_Name-minikube": a lowercase RFC 1123 subdomain');
  });

  it('reads YAML the way the kubelet does: 1.1 octals, first document only, JSON too', () => {
    const { ctx, fs, host } = started();
    const withVolume = `${WEB()}  volumes:\n  - name: cfg\n    downwardAPI:\n      defaultMode: 0600\n      items: []\n---\nkind: Ignored\n`;
    fs.writeFile(`${DIR}/web.yaml`, withVolume);
    fs.writeFile(`${DIR}/json.json`, JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }));
    ctx.clock.advance(20_000);
    expect(host.calls.sort()).toEqual(['upsert j-minikube', 'upsert web-minikube']);
    expect(host.byName('web-minikube')!.spec.volumes![0]!.downwardAPI!.defaultMode).toBe(0o600);
  });
});

describe('StaticPodSource: the kubelet config', () => {
  it('reads staticPodPath at start; an edit takes effect after reloadConfig (a kubelet restart)', () => {
    const { ctx, fs, host, source } = node();
    fs.mkdir('/srv/static', { recursive: true });
    fs.writeFile('/srv/static/web.yaml', WEB());
    source.start();
    ctx.clock.runUntilIdle();
    fs.writeFile(KUBELET_CONFIG_PATH, fs.readFile(KUBELET_CONFIG_PATH).replace(`staticPodPath: ${DIR}`, 'staticPodPath: /srv/static/'));
    ctx.clock.advance(30_000);
    expect(host.calls).toEqual([]);
    source.reloadConfig();
    expect(source.staticPodPath()).toBe('/srv/static');
    expect(host.calls).toEqual(['upsert web-minikube']);
  });

  it('follows config.yaml edits at once with reloadConfigOnChange, and accepts a single file path', () => {
    const ctx = context();
    const fs = new MemFS(ctx.clock);
    seedNodeFiles(fs, { name: 'minikube', controlPlane: false, internalIP: '192.168.49.2' });
    const host = new FakeHost();
    const source = new StaticPodSource(ctx, 'minikube', fs, host, { reloadConfigOnChange: true });
    source.start();
    ctx.clock.runUntilIdle();
    fs.writeFile('/root/one.yaml', WEB());
    fs.writeFile(KUBELET_CONFIG_PATH, 'kind: KubeletConfiguration\nstaticPodPath: ../../../root/one.yaml\n');
    ctx.clock.runUntilIdle();
    expect(source.staticPodPath()).toBe('/root/one.yaml');
    expect(host.calls).toEqual(['upsert web-minikube']);
    fs.writeFile('/root/one.yaml', WEB('busybox'));
    ctx.clock.runUntilIdle();
    expect(host.calls).toEqual(['upsert web-minikube', 'remove web-minikube', 'upsert web-minikube']);
    fs.writeFile(KUBELET_CONFIG_PATH, 'kind: KubeletConfiguration\n');
    ctx.clock.runUntilIdle();
    expect(host.pods.size).toBe(0);
  });
});

describe('StaticPodSource: snapshot and restore', () => {
  it('continues from a snapshot without re-announcing pods, and stays deterministic', () => {
    const a = node({ controlPlane: true });
    a.source.start();
    a.ctx.clock.runUntilIdle();
    a.fs.writeFile(`${DIR}/web.yaml`, WEB());
    a.ctx.clock.runUntilIdle();
    a.fs.writeFile(`${DIR}/web.yaml`, 'not: a pod\n'); // an invalid edit pending the 20 s list
    a.ctx.clock.runUntilIdle();

    const snap = JSON.parse(JSON.stringify({ clock: a.ctx.clock.snapshot(), fs: a.fs.snapshot(), source: a.source.snapshot() }));

    const ctx = context(0);
    ctx.clock.restore(snap.clock);
    const fs = new MemFS(ctx.clock);
    fs.restore(snap.fs);
    const host = new FakeHost();
    for (const p of snap.source.emitted) host.pods.set(p.metadata.uid, p); // the kubelet restores its own pods
    const b = new StaticPodSource(ctx, 'minikube', fs, host);
    b.restore(snap.source);
    b.start();
    ctx.clock.runUntilIdle();
    expect(host.calls).toEqual([]);
    expect(canonicalJSON(b.pods())).toBe(canonicalJSON(a.source.pods()));

    // The pending list still drops the broken manifest on both, at the same instant.
    a.ctx.clock.advance(20_000);
    ctx.clock.advance(20_000);
    expect(host.calls).toEqual(['remove web-minikube']);
    expect(a.host.calls.at(-1)).toBe('remove web-minikube');
    fs.rm(`${DIR}/etcd.yaml`);
    ctx.clock.runUntilIdle();
    expect(host.calls.at(-1)).toBe('remove etcd-minikube');
    expect(canonicalJSON(b.snapshot().store.length)).toBe('3');
  });
});

describe('helpers', () => {
  it('formats RFC3339Nano like Go and serialises canonically', () => {
    expect(toRFC3339Nano(Date.UTC(2026, 10, 21, 12, 0, 0))).toBe('2026-11-21T12:00:00Z');
    expect(toRFC3339Nano(Date.UTC(2026, 10, 21, 12, 0, 0, 120))).toBe('2026-11-21T12:00:00.12Z');
    expect(canonicalJSON({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});
