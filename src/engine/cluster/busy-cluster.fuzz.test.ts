// Random clock advances, creates and deletes over a busy two-node cluster (pods with requests,
// emptyDir writers, PVC writers, short jobs, crashers), checking after every step what Kubernetes
// guarantees: no node holds more requests than it can allocate, a pod's phase only moves forward
// (Pending → Running → Succeeded/Failed), every live pod IP is unique, and once a pod is gone its
// emptyDir is gone from the node while what it wrote to a PVC stays on the volume.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from '../../shared/fuzz-runs';
import { Quantity } from '../../shared/quantity';
import type { StoredPod } from '../api/types';
import { Cluster } from './cluster';

const TOPOLOGY = {
  nodes: [
    { name: 'minikube', cpu: '2', memory: '3912Mi', controlPlane: true, internalIP: '192.168.49.2', podCIDR: '10.244.0.0/24' },
    { name: 'minikube-m02', cpu: '2', memory: '3912Mi', internalIP: '192.168.49.3', podCIDR: '10.244.1.0/24' },
  ],
};

type Step =
  | { t: 'create'; kind: 'sleeper' | 'emptydir' | 'pvc' | 'job' | 'crasher'; cpu: number; memoryMi: number }
  | { t: 'delete'; pick: number; grace: number | undefined }
  | { t: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    t: fc.constant('create' as const),
    kind: fc.constantFrom('sleeper', 'emptydir', 'pvc', 'job', 'crasher'),
    cpu: fc.constantFrom(0, 100, 250, 500, 900, 1500),
    memoryMi: fc.constantFrom(0, 64, 256, 1024, 3000),
  }),
  fc.record({ t: fc.constant('delete' as const), pick: fc.nat(), grace: fc.constantFrom(undefined, 0, 1, 30) }),
  fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 1_000, max: 90_000 }) }),
);

const PHASE_RANK: Record<string, number> = { Pending: 0, Running: 1, Succeeded: 2, Failed: 2 };

const COMMANDS: Record<string, string> = {
  sleeper: 'sleep 3600',
  emptydir: 'echo scratch > /scratch/f; sleep 3600',
  pvc: 'echo kept > /data/f; sleep 3600',
  job: 'sleep 5',
  crasher: 'sleep 2; exit 3',
};

function podFor(name: string, s: Extract<Step, { t: 'create' }>) {
  const requests: Record<string, string> = {};
  if (s.cpu) requests.cpu = `${s.cpu}m`;
  if (s.memoryMi) requests.memory = `${s.memoryMi}Mi`;
  const mounts = s.kind === 'emptydir' ? [{ name: 'scratch', mountPath: '/scratch' }] : s.kind === 'pvc' ? [{ name: 'data', mountPath: '/data' }] : [];
  const volumes = s.kind === 'emptydir' ? [{ name: 'scratch', emptyDir: {} }] : s.kind === 'pvc' ? [{ name: 'data', persistentVolumeClaim: { claimName: `${name}-claim` } }] : [];
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: {
      restartPolicy: s.kind === 'job' ? 'Never' : 'Always',
      terminationGracePeriodSeconds: 2,
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', COMMANDS[s.kind]!], resources: { requests }, volumeMounts: mounts }],
      volumes,
    },
  };
}

function milli(v: string | undefined): number {
  return v ? Quantity.parse(v).milliValue() : 0;
}

interface Tracked {
  uid: string;
  node?: string;
  kind: string;
  rank: number;
  /** the hostPath of its PVC's volume, once it wrote there */
  pvPath?: string;
  /** when it was first seen gone from the API */
  goneAt?: number;
}

/** Checks every invariant; records what later steps compare against. */
/** What the runs got to check, so a run that checks nothing fails. */
const seen = { running: 0, pvData: 0, emptyDirGone: 0 };

function check(c: Cluster, tracked: Map<string, Tracked>): void {
  const pods = c.store.list('pods', {}) as StoredPod[];
  const live = new Map(pods.map((p) => [p.metadata.uid, p]));
  // requests of pods bound to each node that still hold resources (not Succeeded/Failed)
  for (const node of TOPOLOGY.nodes) {
    const stored = c.store.get('nodes', undefined, node.name) as { status: { allocatable: Record<string, string> } };
    let cpu = 0;
    let mem = 0;
    for (const p of pods) {
      if (p.spec.nodeName !== node.name || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
      for (const ctr of p.spec.containers) {
        cpu += milli(ctr.resources?.requests?.cpu as string | undefined);
        mem += milli(ctr.resources?.requests?.memory as string | undefined);
      }
    }
    expect(cpu, `cpu requests on ${node.name}`).toBeLessThanOrEqual(milli(stored.status.allocatable.cpu));
    expect(mem, `memory requests on ${node.name}`).toBeLessThanOrEqual(milli(stored.status.allocatable.memory));
  }
  const ips = new Map<string, string>();
  for (const p of pods) {
    const ip = p.status.podIP;
    if (!ip || p.spec.hostNetwork || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    expect(ips.get(ip), `pod IP ${ip} of ${p.metadata.name}`).toBeUndefined();
    ips.set(ip, p.metadata.name);
  }
  for (const [name, t] of tracked) {
    const p = live.get(t.uid);
    if (p) {
      const rank = PHASE_RANK[p.status.phase ?? 'Pending'] ?? 0;
      expect(rank, `phase of ${name} went back to ${p.status.phase}`).toBeGreaterThanOrEqual(t.rank);
      if (rank === 1 && t.rank === 0) seen.running++;
      t.rank = rank;
      t.node = p.spec.nodeName ?? t.node;
      if (t.kind === 'pvc' && !t.pvPath) t.pvPath = writtenPV(c, name, t.node);
      continue;
    }
    // gone from the API: its PVC data stays; its emptyDir goes with the pod's volumes — at once
    // after a graceful deletion, within the kubelet's housekeeping after a forced one (the API
    // object is removed before the kubelet even hears of it)
    if (t.pvPath) {
      expect(c.nodeFiles.get(t.node!)!.readFile(`${t.pvPath}/f`), `PVC data of deleted ${name}`).toBe('kept\n');
      if (t.goneAt === undefined) seen.pvData++;
    }
    t.goneAt ??= c.clock.now();
    if (!t.node || t.kind !== 'emptydir') tracked.delete(name);
    else if (c.clock.now() - t.goneAt >= HOUSEKEEPING_BOUND_MS) {
      expect(c.nodeFiles.get(t.node)!.exists(`/var/lib/kubelet/pods/${t.uid}/volumes/kubernetes.io~empty-dir/scratch`), `emptyDir of deleted ${name}`).toBe(false);
      seen.emptyDirGone++;
      tracked.delete(name);
    }
  }
}

// kubelet housekeeping runs every 2s (kubelet.go housekeepingPeriod); a minute is a generous bound
const HOUSEKEEPING_BOUND_MS = 60_000;

/** The PV directory (on the node) once the pod's container wrote its file there. */
function writtenPV(c: Cluster, name: string, node: string | undefined): string | undefined {
  if (!node) return undefined;
  const pvc = c.store.tryGet('persistentvolumeclaims', 'default', `${name}-claim`) as { spec?: { volumeName?: string } } | undefined;
  const pv = pvc?.spec?.volumeName && (c.store.tryGet('persistentvolumes', undefined, pvc.spec.volumeName) as { spec?: { hostPath?: { path?: string } } } | undefined);
  const path = pv ? pv.spec?.hostPath?.path : undefined;
  return path && c.nodeFiles.get(node)!.exists(`${path}/f`) ? path : undefined;
}

describe('busy cluster fuzz', { timeout: fuzzTimeout(600_000) }, () => {
  it('keeps capacity, phase order, unique IPs and volume lifetimes under random steps', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        const c = Cluster.create({ seed: `busy-${runs++}`, topology: TOPOLOGY, warmUpMs: 60_000 });
        const tracked = new Map<string, Tracked>();
        let n = 0;
        for (const s of steps) {
          if (s.t === 'create') {
            const name = `p${n++}`;
            if (s.kind === 'pvc') {
              await c.api.create('persistentvolumeclaims', {
                apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `${name}-claim`, namespace: 'default' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
              });
            }
            const created = await c.api.create('pods', podFor(name, s));
            tracked.set(name, { uid: created.object.metadata.uid, kind: s.kind, rank: 0 });
          } else if (s.t === 'delete') {
            const names = [...tracked.keys()];
            if (names.length) await c.api.delete('pods', 'default', names[s.pick % names.length]!, s.grace === undefined ? {} : { gracePeriodSeconds: s.grace }).catch(() => undefined);
          } else c.clock.advance(s.ms);
          check(c, tracked);
        }
        // let every deletion finish, then check the volumes of the pods that went away
        for (const name of tracked.keys()) await c.api.delete('pods', 'default', name, {}).catch(() => undefined);
        c.clock.advance(120_000);
        check(c, tracked);
        c.clock.advance(HOUSEKEEPING_BOUND_MS);
        check(c, tracked);
        expect([...tracked.keys()]).toEqual([]);
      }),
      { numRuns: fuzzRuns(4, 30), seed: fuzzSeed(3) },
    );
    expect(seen.running).toBeGreaterThan(0);
    expect(seen.pvData).toBeGreaterThan(0);
    expect(seen.emptyDirGone).toBeGreaterThan(0);
  });
});
