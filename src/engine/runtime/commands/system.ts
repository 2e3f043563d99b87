// What commands learn about the machine: the kernel (uname), memory (ps %MEM), mounts (df), users
// and groups (id, ls -l, ps), the hostname, and which distribution's busybox this is. A container
// sees the node's kernel, so defaults come from the node's status; the runtime may refine them per
// container through the pseudo-files a real kernel offers (/proc/sys/kernel/*, /proc/meminfo), and a
// filesystem view that knows its mounts implements MountTable.
import { DEFAULT_EPHEMERAL_STORAGE, DEFAULT_MEMORY, KERNEL_VERSION } from '../../kubelet/node-status';
import type { Vfs } from '../process/types';
import type { NetworkStack } from './network';
import { NO_NETWORK } from './network';

/** Kernel and machine facts a container shares with its node. */
export interface SystemInfo {
  /** uname -r */
  kernelRelease: string;
  /** uname -v */
  kernelVersion: string;
  /** uname -m */
  machine: string;
  /** MemTotal, kB (ps %MEM, free) */
  memTotalKb: number;
  /** the node's root disk (df of the overlay root), 1K blocks */
  diskKb: number;
  diskUsedKb: number;
}

// The node's kernel: kubelet/node-status.ts reports 5.15.0-1064-gcp (a GCE host under minikube's
// docker driver). The build string is made up in Ubuntu's format (#N-Ubuntu SMP <date>).
export const DEFAULT_SYSTEM: SystemInfo = {
  kernelRelease: KERNEL_VERSION,
  kernelVersion: '#72-Ubuntu SMP Tue Jul 2 18:16:53 UTC 2024',
  machine: 'x86_64',
  memTotalKb: quantityKb(DEFAULT_MEMORY),
  diskKb: quantityKb(DEFAULT_EPHEMERAL_STORAGE),
  diskUsedKb: 11230876,
};

/** `3912Mi` / `61202244Ki` → kB. */
function quantityKb(q: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) return 0;
  const mult = m[2] === 'Gi' ? 1024 * 1024 : m[2] === 'Mi' ? 1024 : m[2] === 'Ki' ? 1 : 1 / 1024;
  return Math.round(Number(m[1]) * mult);
}

/**
 * The dependencies commands reach through: the cluster network (nslookup, wget, curl, ping, ip)
 * and the node's kernel facts. One object per registry; the runtime may replace `network` once the
 * cluster network exists (commands read it at each call).
 */
export interface CommandEnv {
  network: NetworkStack;
  system: SystemInfo;
  /** bytes of the node's memory its processes hold now (free's "used"); none: 0 */
  memoryInUse?: () => number;
}

export function createCommandEnv(overrides: Partial<CommandEnv> = {}): CommandEnv {
  const env: CommandEnv = { network: overrides.network ?? NO_NETWORK, system: overrides.system ?? { ...DEFAULT_SYSTEM } };
  if (overrides.memoryInUse) env.memoryInUse = overrides.memoryInUse;
  return env;
}

function tryRead(fs: Vfs, path: string): string | undefined {
  try {
    return fs.readFile(path);
  } catch {
    return undefined;
  }
}

/** uname's nodename: the UTS hostname, which the kubelet also writes to /etc/hostname (= pod name). */
export function hostnameOf(fs: Vfs, env: Readonly<Record<string, string>>): string {
  const proc = tryRead(fs, '/proc/sys/kernel/hostname');
  if (proc) return proc.trim();
  const etc = tryRead(fs, '/etc/hostname');
  if (etc?.trim()) return etc.trim().split('\n')[0]!;
  return env.HOSTNAME || 'localhost';
}

/** Kernel facts, with /proc/sys/kernel/{osrelease,version} and /proc/meminfo taking precedence. */
export function systemOf(fs: Vfs, sys: SystemInfo): SystemInfo {
  const release = tryRead(fs, '/proc/sys/kernel/osrelease')?.trim();
  const version = tryRead(fs, '/proc/sys/kernel/version')?.trim();
  const meminfo = tryRead(fs, '/proc/meminfo');
  const mem = meminfo ? /^MemTotal:\s+(\d+) kB/m.exec(meminfo) : null;
  if (!release && !version && !mem) return sys;
  return { ...sys, kernelRelease: release || sys.kernelRelease, kernelVersion: version || sys.kernelVersion, memTotalKb: mem ? Number(mem[1]) : sys.memTotalKb };
}

// ---------- distributions ----------

export type Distro = 'debian' | 'ubuntu' | 'alpine' | 'busybox';

/** Which distribution a root filesystem is: /etc/alpine-release, /etc/os-release's ID, or bare busybox. */
export function distroOf(fs: Vfs): Distro {
  if (fs.exists('/etc/alpine-release')) return 'alpine';
  const os = tryRead(fs, '/etc/os-release') ?? tryRead(fs, '/usr/lib/os-release');
  if (os) {
    const id = /^ID=("?)([^"\n]*)\1$/m.exec(os)?.[2];
    if (id === 'ubuntu') return 'ubuntu';
    if (id === 'alpine') return 'alpine';
    return 'debian';
  }
  return 'busybox';
}

/**
 * The banner busybox prints before its usage (libbb/messages.c bb_banner + " multi-call binary."):
 * the version and build date of the image's binary. Build dates are those of busybox:1.37.0 and
 * Alpine 3.21's busybox-1.37.0-r12 (approximate).
 */
export function busyboxBanner(fs: Vfs): string {
  if (distroOf(fs) === 'alpine') return 'BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.';
  return 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';
}

// ---------- users and groups ----------

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function readPasswd(fs: Vfs): PasswdEntry[] {
  const text = tryRead(fs, '/etc/passwd') ?? '';
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]!, shell: f[6]! });
  }
  return out;
}

export function readGroups(fs: Vfs): GroupEntry[] {
  const text = tryRead(fs, '/etc/group') ?? '';
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 4) continue;
    out.push({ name: f[0]!, gid: Number(f[2]), members: f[3] ? f[3].split(',') : [] });
  }
  return out;
}

/** A uid's name (`root`), or undefined when /etc/passwd does not list it. */
export function userName(fs: Vfs, uid: number): string | undefined {
  return readPasswd(fs).find((p) => p.uid === uid)?.name;
}

export function groupName(fs: Vfs, gid: number): string | undefined {
  return readGroups(fs).find((g) => g.gid === gid)?.name;
}

// ---------- mounts ----------

/** One line of /proc/mounts with what statfs(2) says about it. */
export interface MountEntry {
  /** the device column: `overlay`, `tmpfs`, `/dev/sda1`, `shm` */
  source: string;
  /** the mount point */
  target: string;
  fstype: string;
  /** total size in 1K blocks */
  sizeKb: number;
  usedKb: number;
  /** available to unprivileged users (default size - used) */
  availKb?: number;
}

/** A container's filesystem view knows its mounts (ContainerFs.mountTable): df lists its volumes. */
export interface MountTable {
  mountTable(): readonly { path: string; medium?: 'Memory' }[];
}

export function hasMountTable(fs: Vfs): fs is Vfs & MountTable {
  return typeof (fs as Partial<MountTable>).mountTable === 'function';
}

// the runtime's own mounts that df does not list beside the defaults (the cgroup has no blocks)
const NOT_LISTED = new Set(['/etc/hostname', '/etc/resolv.conf', '/sys/fs/cgroup']);

/**
 * What df lists in a container: the defaults, then each volume directory mounted in it — a tmpfs
 * for the memory-backed ones (emptyDir `medium: Memory`, secret, downwardAPI and projected
 * volumes, the service-account token's among them) as big as the node's memory, the node's disk
 * for the rest. File mounts (the termination-message file, subPath files) are left out.
 */
export function containerMountEntries(fs: Vfs & MountTable, sys: SystemInfo): MountEntry[] {
  const out = defaultMounts(sys);
  const disk = out.find((m) => m.target === '/etc/hosts')!;
  const listed = new Set(out.map((m) => m.target));
  for (const m of fs.mountTable()) {
    if (listed.has(m.path) || NOT_LISTED.has(m.path)) continue;
    try {
      if (fs.stat(m.path).type !== 'dir') continue;
    } catch {
      continue;
    }
    if (m.medium === 'Memory') out.push({ source: 'tmpfs', target: m.path, fstype: 'tmpfs', sizeKb: sys.memTotalKb, usedKb: usedKb(fs, m.path) });
    else out.push({ ...disk, target: m.path });
  }
  return out;
}

/** The 1K blocks a tmpfs directory's files take (whole 4K pages). */
function usedKb(fs: Vfs, dir: string): number {
  let kb = 0;
  for (const name of fs.readdir(dir)) {
    const path = `${dir}/${name}`;
    const st = fs.stat(path);
    kb += st.type === 'dir' ? usedKb(fs, path) : Math.ceil(st.size / 4096) * 4;
  }
  return kb;
}

/**
 * The mounts a container without a MountTable shows: containerd's overlay root, the runtime's
 * /dev and /dev/shm tmpfs (64 MiB), and the kubelet's /etc/hosts bind from the node's disk.
 */
export function defaultMounts(sys: SystemInfo): MountEntry[] {
  const avail = Math.max(0, Math.round(sys.diskKb * 0.95) - sys.diskUsedKb);
  return [
    { source: 'overlay', target: '/', fstype: 'overlay', sizeKb: sys.diskKb, usedKb: sys.diskUsedKb, availKb: avail },
    { source: 'tmpfs', target: '/dev', fstype: 'tmpfs', sizeKb: 65536, usedKb: 0 },
    { source: 'shm', target: '/dev/shm', fstype: 'tmpfs', sizeKb: 65536, usedKb: 0 },
    { source: '/dev/sda1', target: '/etc/hosts', fstype: 'ext4', sizeKb: sys.diskKb, usedKb: sys.diskUsedKb, availKb: avail },
  ];
}
