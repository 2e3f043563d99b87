// ClusterIP and NodePort allocation, done by the Service REST storage before validation
// (pkg/registry/core/service/storage/alloc.go, ipallocator/bitmap.go, portallocator/allocator.go).
// What is allocated is derived from the stored Services, so there is no allocator state to save.
import type { StoredService, ServicePort } from '../api/types';
import type { ApiStore } from '../store/store';
import type { SeededRandom } from '../../shared/random';
import { newInvalid } from '../errors';
import { goField, goStringSlice } from './gofmt';

/** minikube's --service-cluster-ip-range. */
export const SERVICE_CIDR = '10.96.0.0/12';
/** The apiserver's --service-node-port-range default. */
export const NODE_PORT_RANGE = { base: 30000, size: 2768 };

const CIDR_BASE = ipToInt('10.96.0.0');
const CIDR_SIZE = 1 << 20;
// bitmap.go: the network and broadcast addresses are never handed out.
const IP_MAX = CIDR_SIZE - 2;
// ipallocator/bitmap.go calculateRangeOffset: min(max(16, size/16), 256) addresses are kept for static use.
const IP_OFFSET = Math.min(Math.max(16, CIDR_SIZE / 16), 256);
// portallocator/allocator.go calculateRangeOffset: min(max(16, size/32), 128).
const PORT_OFFSET = Math.min(Math.max(16, Math.floor(NODE_PORT_RANGE.size / 32)), 128);

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** netutils.ParseIPSloppy for IPv4 and the simple IPv6 forms a learner types. */
export function isValidIP(s: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return s.split('.').every((x) => Number(x) <= 255);
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(':') && (s.match(/::/g) ?? []).length <= 1;
}

function inServiceRange(ip: string): boolean {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return false;
  const off = ipToInt(ip) - CIDR_BASE - 1;
  return off >= 0 && off < IP_MAX;
}

function usedClusterIPs(store: ApiStore, except?: string): Set<string> {
  const used = new Set<string>();
  for (const s of store.list('services')) {
    if (except && s.metadata.uid === except) continue;
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) used.add(ip);
  }
  return used;
}

function usedNodePorts(store: ApiStore, except?: string): Set<number> {
  const used = new Set<number>();
  for (const s of store.list('services')) {
    if (except && s.metadata.uid === except) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) used.add(s.spec.healthCheckNodePort);
  }
  return used;
}

/** Random start in the dynamic block, then a forward scan that wraps (randomScanStrategyWithOffset). */
function allocateNext(random: SeededRandom, offset: number, max: number, taken: (i: number) => boolean): number | undefined {
  const scan = (lo: number, hi: number): number | undefined => {
    const n = hi - lo;
    if (n <= 0) return undefined;
    const start = random.int(n);
    for (let k = 0; k < n; k++) {
      const i = lo + ((start + k) % n);
      if (!taken(i)) return i;
    }
    return undefined;
  };
  return scan(offset, max) ?? scan(0, offset);
}

type Svc = Pick<StoredService, 'metadata' | 'spec'> & { metadata: { name: string; uid?: string } };

/** alloc.go needsClusterIP / needsNodePort. */
export const needsClusterIP = (s: Svc) => s.spec?.type !== 'ExternalName';
export const needsNodePort = (s: Svc) =>
  s.spec?.type === 'NodePort' || (s.spec?.type === 'LoadBalancer' && s.spec?.allocateLoadBalancerNodePorts !== false);

/**
 * alloc.go allocateCreate / initIPFamilyFields / allocClusterIPs: fill clusterIP(s), ipFamilies and
 * ipFamilyPolicy. Throws the Invalid error the API server returns before validation runs.
 */
export function allocateClusterIP(svc: Svc, store: ApiStore, random: SeededRandom, uid?: string): void {
  const spec = svc.spec!;
  if (!needsClusterIP(svc)) return;
  const headless = spec.clusterIP === 'None';
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (!headless) {
    const used = usedClusterIPs(store, uid);
    if (!spec.clusterIP) {
      const i = allocateNext(random, IP_OFFSET, IP_MAX, (n) => used.has(intToIp(CIDR_BASE + 1 + n)));
      if (i === undefined) throw allocError(svc, spec.clusterIPs ?? [], '', 'range is full');
      spec.clusterIP = intToIp(CIDR_BASE + 1 + i);
    } else if (isValidIP(spec.clusterIP)) {
      const ip = spec.clusterIP;
      const ips = spec.clusterIPs?.length ? spec.clusterIPs : [ip];
      // ipallocator ErrNotInRange.Error / ErrAllocated
      if (!inServiceRange(ip)) {
        throw allocError(svc, ips, ip, `provided IP is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
      }
      if (used.has(ip)) throw allocError(svc, ips, ip, 'provided IP is already allocated');
    }
  }
  spec.clusterIPs ??= [spec.clusterIP!];
  if (!spec.clusterIPs.length) spec.clusterIPs = [spec.clusterIP!];
  // alloc.go initIPFamilyFields: a single-stack IPv4 cluster; headless services without a selector
  // get RequireDualStack (they may hold endpoints of both families).
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= headless && !spec.selector ? 'RequireDualStack' : 'SingleStack';
}

// alloc.go allocIPs: field.Invalid(spec.clusterIPs, ClusterIPs, "failed to allocate IP %v: %v")
function allocError(svc: Svc, ips: readonly string[], ip: string, detail: string) {
  const err = goField.invalid('spec.clusterIPs', goStringSlice(ips), ip ? `failed to allocate IP ${ip}: ${detail}` : `failed to allocate a serviceIP: ${detail}`);
  return newInvalid('Service', svc.metadata.name, [err]);
}

/** alloc.go initNodePorts: ports with the same port number share one node port. */
export function allocateNodePorts(svc: Svc, store: ApiStore, random: SeededRandom, uid?: string): void {
  if (!needsNodePort(svc)) return;
  const used = usedNodePorts(store, uid);
  const mine = new Set<number>();
  const byServicePort = new Map<number, number>();
  const ports: ServicePort[] = svc.spec!.ports ?? [];
  ports.forEach((p, i) => {
    if (!p.nodePort) {
      const shared = byServicePort.get(p.port);
      if (shared) {
        p.nodePort = shared;
        return;
      }
      const n = allocateNext(random, PORT_OFFSET, NODE_PORT_RANGE.size, (k) => used.has(NODE_PORT_RANGE.base + k) || mine.has(NODE_PORT_RANGE.base + k));
      if (n === undefined) throw portError(svc, i, 0, 'range is full');
      p.nodePort = NODE_PORT_RANGE.base + n;
      mine.add(p.nodePort);
      byServicePort.set(p.port, p.nodePort);
    } else if (!mine.has(p.nodePort)) {
      // portallocator ErrNotInRange.Error / ErrAllocated
      const off = p.nodePort - NODE_PORT_RANGE.base;
      if (off < 0 || off >= NODE_PORT_RANGE.size) {
        throw portError(svc, i, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}`);
      }
      if (used.has(p.nodePort)) throw portError(svc, i, p.nodePort, 'provided port is already allocated');
      mine.add(p.nodePort);
    }
  });
}

function portError(svc: Svc, i: number, port: number, detail: string) {
  return newInvalid('Service', svc.metadata.name, [goField.invalid(`spec.ports[${i}].nodePort`, String(port), detail)]);
}
