// A container's cgroup (v2) files, as the kubelet asks for them and runc writes them: the node
// keeps them under /sys/fs/cgroup/kubepods/<qos>/pod<uid>/<container id>, and containerd mounts
// that directory read-only at /sys/fs/cgroup in the container. So `cat /sys/fs/cgroup/memory.max`
// in a container shows its memory limit, and `cpu.max` its CPU quota per 100 ms period.
// The files hold what was set when the container was created (limits cannot change in place in
// v1.32); the counters (memory.current, cpu.stat, cgroup.procs) are not kept.
import type { Container, StoredPod } from '../../api/types';
import { getPodQOS } from '../../registry/pod/qos';
import { limitsOf } from '../cgroup';
import { tryParseQuantity } from '../../../shared/quantity';
import type { MemFS } from './memfs';

// pkg/kubelet/cm/helpers_linux.go: QuotaPeriod (100 ms in µs), MinQuotaPeriod, MinShares, MaxShares
const QUOTA_PERIOD = 100_000;
const MIN_QUOTA = 1_000;
const MIN_SHARES = 2;
const MAX_SHARES = 262_144;

/** Where the node keeps a container's cgroup directory. */
export function cgroupDir(pod: StoredPod, containerId: string): string {
  const qos = getPodQOS(pod);
  // pkg/kubelet/cm/qos_container_manager_linux.go: Guaranteed pods sit right under kubepods
  const tier = qos === 'Guaranteed' ? '' : `/${qos.toLowerCase()}`;
  return `/sys/fs/cgroup/kubepods${tier}/pod${pod.metadata.uid}/${containerId}`;
}

/** Write a new container's cgroup files on the node; returns their directory (to mount). */
export function writeContainerCgroup(nodeFs: MemFS, pod: StoredPod, container: Container, containerId: string): string {
  const dir = cgroupDir(pod, containerId);
  nodeFs.mkdir(dir, { recursive: true });
  const limits = limitsOf(container);
  const files: [string, string, number][] = [
    // cgroup v2 cgroup.controllers: what the parent's subtree_control enables (read-only)
    ['cgroup.controllers', 'cpuset cpu io memory hugetlb pids rdma misc', 0o444],
    ['cpu.max', `${limits.cpuMillis === undefined ? 'max' : cpuQuota(limits.cpuMillis)} ${QUOTA_PERIOD}`, 0o644],
    ['cpu.weight', String(sharesToWeight(cpuShares(container))), 0o644],
    ['memory.high', 'max', 0o644],
    ['memory.low', '0', 0o644],
    ['memory.max', limits.memoryBytes === undefined ? 'max' : String(limits.memoryBytes), 0o644],
    ['memory.min', '0', 0o644],
    ['pids.max', 'max', 0o644],
  ];
  for (const [name, value, mode] of files) nodeFs.writeFile(`${dir}/${name}`, `${value}\n`, { mode });
  return dir;
}

/** helpers_linux.go MilliCPUToQuota: the CPU time per period, never under MinQuotaPeriod. */
function cpuQuota(milliCPU: number): number {
  return Math.max(MIN_QUOTA, Math.floor((milliCPU * QUOTA_PERIOD) / 1000));
}

/** helpers_linux.go MilliCPUToShares, from the CPU request (which the API defaults to the limit). */
function cpuShares(container: Container): number {
  const q = tryParseQuantity(container.resources?.requests?.cpu ?? container.resources?.limits?.cpu);
  const milli = q && q.sign() > 0 ? q.milliValue() : 0;
  if (milli === 0) return MIN_SHARES;
  return Math.min(MAX_SHARES, Math.max(MIN_SHARES, Math.floor((milli * 1024) / 1000)));
}

/** runc libcontainer/cgroups ConvertCPUSharesToCgroupV2Value. */
function sharesToWeight(shares: number): number {
  return 1 + Math.floor(((shares - 2) * 9999) / 262142);
}
