// The container cgroups the runtime enforces: memory (the sum of a container's resident sets,
// checked against limits.memory and the node's memory, with the kernel's OOM killer choosing the
// victim) and CPU (demand capped by limits.cpu: throttled, never killed; requests cap nothing).
//
// Kubernetes v1.32 on cgroup v2 (minikube's kicbase) sets memory.oom.group on every container
// cgroup, so an OOM kill takes the whole container down, PID 1 included; the kubelet's
// singleProcessOOMKill option (cgroup v1 behaviour) kills only the chosen process.
import type { Container, StoredPod } from '../api/types';
import { tryParseQuantity } from '../../shared/quantity';
import { getPodQOS } from '../registry/pod/qos';
import { basename } from './fs/path';
import type { ProcessInfo } from './process/types';

const MiB = 1024 * 1024;

/** cpu and memory limits of a container (undefined: unlimited). */
export interface CgroupLimits {
  memoryBytes?: number;
  cpuMillis?: number;
}

export function limitsOf(container: Container): CgroupLimits {
  const mem = tryParseQuantity(container.resources?.limits?.memory);
  const cpu = tryParseQuantity(container.resources?.limits?.cpu);
  return {
    memoryBytes: mem && mem.sign() > 0 ? mem.value() : undefined,
    cpuMillis: cpu && cpu.sign() > 0 ? cpu.milliValue() : undefined,
  };
}

/**
 * What a process that reports nothing (Proc.setRss/setCpu) uses: typical idle figures of the
 * binaries Podlab's images run, so `kubectl top` of a fresh cluster looks like minikube's.
 * [working set bytes, millicores]
 */
const TYPICAL: Record<string, [number, number]> = {
  'kube-apiserver': [262 * MiB, 38],
  etcd: [46 * MiB, 18],
  'kube-controller-manager': [52 * MiB, 14],
  'kube-scheduler': [22 * MiB, 3],
  'kube-proxy': [18 * MiB, 1],
  coredns: [16 * MiB, 2],
  'storage-provisioner': [10 * MiB, 1],
  // Go servers idle at about a millicore (their runtime's timers and GC)
  kuard: [9 * MiB, 1],
  'hello-app': [5 * MiB, 1],
  nginx: [6 * MiB, 0],
  pause: [MiB / 2, 0],
};
const DEFAULT_TYPICAL: [number, number] = [MiB, 0];

const PAGE = 4096;

/** A process's working set, in whole pages: what it reported, or the typical figure of its binary. */
export function workingSetOf(p: ProcessInfo): number {
  const bytes = p.rss > 0 ? p.rss : (TYPICAL[commOf(p)] ?? DEFAULT_TYPICAL)[0];
  return Math.ceil(bytes / PAGE) * PAGE;
}

/** A process's CPU demand in millicores: what it reported, or its binary's idle figure. */
export function cpuDemandOf(p: ProcessInfo): number {
  return p.cpu > 0 ? p.cpu : (TYPICAL[commOf(p)] ?? DEFAULT_TYPICAL)[1];
}

/** The task's comm: the executable's basename, 15 characters at most (TASK_COMM_LEN). */
export function commOf(p: ProcessInfo): string {
  return basename(p.argv[0] ?? '').slice(0, 15);
}

/** A container's memory and CPU demand from its live processes. */
export function cgroupUsage(procs: readonly ProcessInfo[]): { memoryBytes: number; cpuDemandMillis: number } {
  let memoryBytes = 0;
  let cpuDemandMillis = 0;
  for (const p of procs) {
    if (p.state === 'Z') continue;
    memoryBytes += workingSetOf(p);
    cpuDemandMillis += cpuDemandOf(p);
  }
  return { memoryBytes, cpuDemandMillis };
}

/** CFS quota: a container never runs more than its limit, whatever it demands. */
export function throttledCpu(demandMillis: number, limits: CgroupLimits): number {
  return limits.cpuMillis === undefined ? demandMillis : Math.min(demandMillis, limits.cpuMillis);
}

const GUARANTEED_OOM_SCORE_ADJ = -997;
const BESTEFFORT_OOM_SCORE_ADJ = 1000;

/**
 * pkg/kubelet/qos/policy.go GetContainerOOMScoreAdjust: node-critical and Guaranteed pods -997,
 * BestEffort 1000, Burstable 1000 - 1000 × memory request / node memory, kept above a
 * Guaranteed pod's effective score (3) and below BestEffort (999).
 */
export function oomScoreAdj(pod: StoredPod, container: Container, nodeMemoryBytes: number): number {
  if (pod.spec.priorityClassName === 'system-node-critical') return GUARANTEED_OOM_SCORE_ADJ;
  const qos = getPodQOS(pod);
  if (qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BESTEFFORT_OOM_SCORE_ADJ;
  const req = tryParseQuantity(container.resources?.requests?.memory)?.value() ?? 0;
  const adj = 1000 - Math.trunc((1000 * req) / nodeMemoryBytes);
  if (adj < 1000 + GUARANTEED_OOM_SCORE_ADJ) return 1000 + GUARANTEED_OOM_SCORE_ADJ;
  if (adj === BESTEFFORT_OOM_SCORE_ADJ) return adj - 1;
  return adj;
}

/** A candidate for the OOM killer. */
export interface OomCandidate<T> {
  ref: T;
  pid: number;
  workingSet: number;
  /** /proc/<pid>/oom_score_adj */
  adj: number;
}

/**
 * mm/oom_kill.c oom_badness and select_bad_process: points = resident memory + oom_score_adj ×
 * totalpages / 1000; the highest wins, the first found on a tie; -1000 is never killed.
 */
export function chooseOomVictim<T>(candidates: readonly OomCandidate<T>[], totalBytes: number): OomCandidate<T> | undefined {
  let best: OomCandidate<T> | undefined;
  let bestPoints = -Infinity;
  for (const c of candidates) {
    if (c.adj === -1000) continue;
    const points = c.workingSet + (c.adj * totalBytes) / 1000;
    if (points > bestPoints) {
      best = c;
      bestPoints = points;
    }
  }
  return best;
}

/** pkg/kubelet/oom/oom_watcher_linux.go Start: the node event for an OOM kill the kernel logged. */
export function systemOomMessage(processName: string, hostPid: number): string {
  if (!processName || hostPid === 0) return 'System OOM encountered';
  return `System OOM encountered, victim process: ${processName}, pid: ${hostPid}`;
}

/** Cumulative CPU time of a container (what the CRI reports as usageCoreNanoSeconds). */
export interface CpuAccount {
  /** core-nanoseconds used so far */
  coreNanos: number;
  /** virtual ms of the last update */
  at: number;
  /** millicores in use since `at` */
  rateMillis: number;
}

/** Advance the account to `now` at its current rate, then switch to `rateMillis`. */
export function chargeCpu(acc: CpuAccount, now: number, rateMillis: number): void {
  // millicores × ms = 1e-3 cores × 1e6 ns = 1e3 core-ns
  acc.coreNanos += acc.rateMillis * Math.max(0, now - acc.at) * 1000;
  acc.at = now;
  acc.rateMillis = rateMillis;
}

/**
 * What the node itself uses besides its pods (kubelet, containerd, dockerd, systemd in minikube's
 * kicbase): counted in node usage and against the node's memory.
 */
export const NODE_SYSTEM_OVERHEAD = { memoryBytes: 386 * MiB, cpuMillis: 58 };

/** The node's memory in use: the system daemons plus every running container's working set (metrics-server counts the same). */
export function nodeMemoryInUse(cgroups: Iterable<{ procs: readonly ProcessInfo[] }>): number {
  let total = NODE_SYSTEM_OVERHEAD.memoryBytes;
  for (const c of cgroups) total += cgroupUsage(c.procs).memoryBytes;
  return total;
}

/** A running container's cgroup as the OOM killer sees it. */
export interface CgroupView {
  id: string;
  pod: StoredPod;
  container: Container;
  procs: readonly ProcessInfo[];
}

export interface OomKill {
  containerId: string;
  victim: ProcessInfo;
  /** memcg: the container crossed limits.memory; global: the node ran out of memory */
  scope: 'memcg' | 'global';
}

/**
 * The OOM kill a usage change in container `changed` triggers, if any: first its own memory
 * cgroup against limits.memory (mm/memcontrol.c mem_cgroup_out_of_memory), then the node as a
 * whole against its memory (mm/oom_kill.c out_of_memory), victims chosen by oom_badness.
 */
export function findOomKill(changed: string, cgroups: readonly CgroupView[], nodeMemoryBytes: number): OomKill | undefined {
  const own = cgroups.find((c) => c.id === changed);
  if (own) {
    const limit = limitsOf(own.container).memoryBytes;
    if (limit !== undefined && cgroupUsage(own.procs).memoryBytes > limit) {
      const adj = oomScoreAdj(own.pod, own.container, nodeMemoryBytes);
      const victim = chooseOomVictim(candidates(own, adj), limit);
      if (victim) return { containerId: own.id, victim: victim.ref, scope: 'memcg' };
    }
  }
  if (nodeMemoryInUse(cgroups) <= nodeMemoryBytes) return undefined;
  const all = cgroups.flatMap((c) => candidates(c, oomScoreAdj(c.pod, c.container, nodeMemoryBytes)).map((x) => ({ ...x, ref: { c, p: x.ref } })));
  const victim = chooseOomVictim(all, nodeMemoryBytes);
  return victim && { containerId: victim.ref.c.id, victim: victim.ref.p, scope: 'global' };
}

function candidates(c: CgroupView, adj: number): OomCandidate<ProcessInfo>[] {
  return c.procs.filter((p) => p.state !== 'Z').map((p) => ({ ref: p, pid: p.pid, workingSet: workingSetOf(p), adj }));
}
