import { describe, expect, it } from 'vitest';
import { Clock, DEFAULT_START_TIME } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { EventRecorder } from '../events';
import type { EngineContext } from '../cluster/context';
import type { KubeObject, StoredPod } from '../api/types';
import type { DeleteOptions } from '../registry/strategy';
import { MemFS } from '../runtime/fs/memfs';
import { seedNodeFiles } from './node-files';
import { MirrorPodClient, isMirrorPod } from './mirror-pods';
import { StaticPodSource, type StaticPodHost } from './static-pods';

const DIR = '/etc/kubernetes/manifests';

function context(): EngineContext {
  const clock = new Clock(DEFAULT_START_TIME);
  const random = new SeededRandom(3);
  const store = new ApiStore(clock, random);
  // Pods delete gracefully (30 s unless the request says otherwise), as the pod strategy does.
  store.registerStrategy('pods', {
    gracePeriod: (_obj: KubeObject, opts: DeleteOptions) => opts.gracePeriodSeconds ?? 30,
  });
  return { clock, random, store, events: new EventRecorder(store, clock) };
}

function addNode(ctx: EngineContext, name = 'minikube'): string {
  return ctx.store.create('nodes', { metadata: { name } }).metadata.uid;
}

/** Static pods as the file source makes them, from real manifests. */
function staticPods(ctx: EngineContext, manifests: Record<string, string>, nodeName = 'minikube'): StoredPod[] {
  const fs = new MemFS(ctx.clock);
  seedNodeFiles(fs, { name: nodeName, controlPlane: false, internalIP: '192.168.49.2' });
  for (const [file, text] of Object.entries(manifests)) fs.writeFile(`${DIR}/${file}`, text);
  const pods: StoredPod[] = [];
  // A throw-away context so that building fixtures does not schedule work on the test's clock.
  const scratch = { ...ctx, clock: new Clock(ctx.clock.now()) };
  const source = new StaticPodSource(scratch, nodeName, fs, { upsertStaticPod: (p) => pods.push(p), removeStaticPod: () => {} });
  source.start();
  scratch.clock.runUntilIdle();
  return pods;
}

const WEB = (image = 'nginx:1.27') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: ${image}\n`;

function mirrorIn(ctx: EngineContext, name = 'web-minikube'): StoredPod | undefined {
  return ctx.store.tryGet('pods', 'default', name);
}

describe('MirrorPodClient', () => {
  it('creates the mirror: same spec, config.mirror = hash, owned by the Node, with its own uid', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const [sp] = staticPods(ctx, { 'web.yaml': WEB() });
    const client = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    client.ensureMirror(sp!);
    const m = mirrorIn(ctx)!;
    const hash = sp!.metadata.uid;
    expect(m.metadata.name).toBe('web-minikube');
    expect(m.metadata.annotations).toEqual({
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.seen': sp!.metadata.annotations!['kubernetes.io/config.seen'],
      'kubernetes.io/config.source': 'file',
    });
    expect(m.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'minikube', uid: nodeUid, controller: true }]);
    expect(m.metadata.uid).not.toBe(hash);
    expect(m.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(m.metadata.labels).toEqual({ app: 'web' });
    expect(m.spec).toEqual(sp!.spec);
    expect(isMirrorPod(m)).toBe(true);
    expect(client.mirrorOf(sp!)).toBe(m);
    // Asking again changes nothing.
    const rv = m.metadata.resourceVersion;
    client.ensureMirror(sp!);
    expect(mirrorIn(ctx)!.metadata.resourceVersion).toBe(rv);
  });

  it('recreates a mirror deleted through the API (graceful: the terminating one is removed at once)', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const [sp] = staticPods(ctx, { 'web.yaml': WEB() });
    const client = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    const created: string[] = [];
    client.onMirrorCreated = (s, m) => created.push(`${s.metadata.name} ${m.metadata.uid}`);
    client.ensureMirror(sp!);
    const first = mirrorIn(ctx)!;

    ctx.clock.advance(5_000);
    ctx.store.delete('pods', 'default', 'web-minikube'); // kubectl delete pod: 30 s grace
    expect(mirrorIn(ctx)!.metadata.deletionTimestamp).toBeDefined();
    ctx.clock.runUntilIdle();
    const second = mirrorIn(ctx)!;
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect(second.metadata.deletionTimestamp).toBeUndefined();
    expect(second.metadata.creationTimestamp).toBe('2026-11-21T12:00:05Z');

    ctx.store.delete('pods', 'default', 'web-minikube', { gracePeriodSeconds: 0 }); // --force --grace-period=0
    expect(mirrorIn(ctx)).toBeUndefined();
    ctx.clock.runUntilIdle();
    const third = mirrorIn(ctx)!;
    expect(third.metadata.uid).not.toBe(second.metadata.uid);
    expect(created).toEqual([first, second, third].map((m) => `web-minikube ${m.metadata.uid}`));
  });

  it('replaces a mirror whose hash no longer matches the static pod', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const [v1] = staticPods(ctx, { 'web.yaml': WEB() });
    const [v2] = staticPods(ctx, { 'web.yaml': WEB('nginx:1.28') });
    const client = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    client.ensureMirror(v1!);
    client.ensureMirror(v2!);
    const m = mirrorIn(ctx)!;
    expect(m.metadata.annotations!['kubernetes.io/config.mirror']).toBe(v2!.metadata.uid);
    expect(m.spec.containers[0]!.image).toBe('nginx:1.28');
    // Deleting the old static pod's mirror leaves the new one alone.
    client.deleteMirror(v1!);
    ctx.clock.runUntilIdle();
    expect(mirrorIn(ctx)!.metadata.uid).toBe(m.metadata.uid);
  });

  it('deleteMirror removes the mirror for good', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const [sp] = staticPods(ctx, { 'web.yaml': WEB() });
    const client = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    client.ensureMirror(sp!);
    client.deleteMirror(sp!);
    ctx.clock.runUntilIdle();
    expect(mirrorIn(ctx)).toBeUndefined();
  });

  it('waits for the Node object before creating mirrors', () => {
    const ctx = context();
    const [sp] = staticPods(ctx, { 'web.yaml': WEB() });
    let uid = '';
    const client = new MirrorPodClient(ctx, 'minikube', () => uid);
    client.ensureMirror(sp!);
    expect(mirrorIn(ctx)).toBeUndefined();
    expect(client.problems()).toEqual([
      { pod: 'default/web-minikube', message: 'No need to create a mirror pod, since failed to get node info from the cluster' },
    ]);
    uid = addNode(ctx);
    ctx.clock.runUntilIdle();
    expect(mirrorIn(ctx)!.metadata.ownerReferences![0]!.uid).toBe(uid);
    expect(client.problems()).toEqual([]);
  });

  it('leaves a regular pod of the same name alone and reports the conflict', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const [sp] = staticPods(ctx, { 'web.yaml': WEB() });
    ctx.store.create('pods', { metadata: { name: 'web-minikube' }, spec: { nodeName: 'minikube', containers: [{ name: 'x', image: 'x' }] } });
    const client = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    client.ensureMirror(sp!);
    expect(isMirrorPod(mirrorIn(ctx)!)).toBe(false);
    expect(client.problems()).toEqual([
      { pod: 'default/web-minikube', message: 'Failed creating a mirror pod for: pods "web-minikube" already exists' },
    ]);
  });

  it('deletes orphaned mirrors on this node only', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const [sp] = staticPods(ctx, { 'web.yaml': WEB() });
    const [other] = staticPods(ctx, { 'web.yaml': WEB() }, 'm02');
    const client = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    client.ensureMirror(sp!);
    const m02 = new MirrorPodClient(ctx, 'm02', () => 'uid-m02');
    addNode(ctx, 'm02');
    m02.ensureMirror(other!);
    // A restarted kubelet (its own clock handlers) whose manifest is gone.
    const fresh = new MirrorPodClient({ ...ctx, clock: new Clock(ctx.clock.now()) }, 'minikube', () => nodeUid);
    fresh.deleteOrphanedMirrorPods();
    expect(mirrorIn(ctx)).toBeUndefined();
    expect(mirrorIn(ctx, 'web-m02')).toBeDefined();
  });

  it('snapshot/restore: a restored client still recreates deleted mirrors', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const [sp] = staticPods(ctx, { 'web.yaml': WEB() });
    const a = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    a.ensureMirror(sp!);
    const snap = JSON.parse(JSON.stringify({ clock: ctx.clock.snapshot(), store: ctx.store.snapshot(), client: a.snapshot() }));

    const ctx2 = context();
    ctx2.clock.restore(snap.clock);
    ctx2.store.restore(snap.store);
    const b = new MirrorPodClient(ctx2, 'minikube', () => nodeUid);
    b.restore(snap.client);
    b.start();
    const before = mirrorIn(ctx2)!;
    ctx2.store.delete('pods', 'default', 'web-minikube', { gracePeriodSeconds: 0 });
    ctx2.clock.runUntilIdle();
    expect(mirrorIn(ctx2)!.metadata.uid).not.toBe(before.metadata.uid);
  });
});

describe('static pods end to end: manifest folder → kubelet → mirror pods', () => {
  /** The part of the kubelet that links the file source to the mirror client. */
  function wire(ctx: EngineContext, fs: MemFS, nodeUid: string) {
    const mirrors = new MirrorPodClient(ctx, 'minikube', () => nodeUid);
    const running = new Map<string, StoredPod>();
    const host: StaticPodHost = {
      upsertStaticPod(pod) {
        running.set(pod.metadata.uid, pod);
        mirrors.ensureMirror(pod);
      },
      removeStaticPod(uid) {
        const pod = running.get(uid)!;
        running.delete(uid);
        mirrors.deleteMirror(pod);
      },
    };
    const source = new StaticPodSource(ctx, 'minikube', fs, host);
    return { source, mirrors, running };
  }

  it('shows the control plane as kube-system mirror pods and follows manifest edits', () => {
    const ctx = context();
    const nodeUid = addNode(ctx);
    const fs = new MemFS(ctx.clock);
    seedNodeFiles(fs, { name: 'minikube', controlPlane: true, internalIP: '192.168.49.2' });
    const { source } = wire(ctx, fs, nodeUid);
    source.start();
    ctx.clock.runUntilIdle();
    const names = ctx.store.list('pods').map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(names).toEqual([
      'kube-system/etcd-minikube', 'kube-system/kube-apiserver-minikube',
      'kube-system/kube-controller-manager-minikube', 'kube-system/kube-scheduler-minikube',
    ]);
    const sched = ctx.store.get('pods', 'kube-system', 'kube-scheduler-minikube');
    expect(sched.spec.priority).toBe(2000001000);

    fs.writeFile(`${DIR}/kube-scheduler.yaml`, fs.readFile(`${DIR}/kube-scheduler.yaml`).replace('--leader-elect=false', '--leader-elect=true'));
    ctx.clock.runUntilIdle();
    const edited = ctx.store.get('pods', 'kube-system', 'kube-scheduler-minikube');
    expect(edited.metadata.uid).not.toBe(sched.metadata.uid);
    expect(edited.spec.containers[0]!.command).toContain('--leader-elect=true');

    fs.rm(`${DIR}/kube-scheduler.yaml`);
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('pods', 'kube-system', 'kube-scheduler-minikube')).toBeUndefined();
  });
});
