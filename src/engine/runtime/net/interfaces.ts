// The interfaces `ip addr` and `ifconfig` list in a network namespace. A pod gets what kindnet's
// CNI chain (ptp + host-local) creates: lo and eth0, one end of a veth pair whose other end sits
// in the node's namespace (`eth0@if<host ifindex>`), MAC 0a:58 + the IPv4 bytes (containernetworking
// plugins pkg/utils/hwaddr GenerateHardwareAddr4), MTU 1500, the node's pod /24. The node (and its
// hostNetwork pods) sees lo and the eth0 the docker driver gives the minikube container: MAC
// 02:42 + the IPv4 bytes (docker's GenerateMACFromIP).
import type { NetInterface } from '../commands/network';
import { ipToInt } from '../commands/network';

export const LOOPBACK: NetInterface = {
  name: 'lo', index: 1, mac: '00:00:00:00:00:00', mtu: 65536, loopback: true, addresses: [{ ip: '127.0.0.1', prefix: 8 }],
};

function macOf(prefix: string, ip: string): string {
  const n = ipToInt(ip);
  const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return [prefix, ...bytes.map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** A pod's interfaces: lo and eth0 (ifindex 2) paired with the host's veth `hostIfindex`. */
export function podInterfaces(ip: string, prefix: number, hostIfindex: number): NetInterface[] {
  return [
    LOOPBACK,
    { name: 'eth0', index: 2, peerIndex: hostIfindex, mac: macOf('0a:58', ip), mtu: 1500, loopback: false, addresses: [{ ip, prefix }] },
  ];
}

/**
 * The node's interfaces: lo and eth0 on the docker network (/24). eth0's peer is a veth in the
 * docker host's namespace, outside the simulation; Podlab gives it a fixed index.
 */
export function nodeInterfaces(ip: string): NetInterface[] {
  if (!ip) return [LOOPBACK];
  return [
    LOOPBACK,
    { name: 'eth0', index: 2, peerIndex: 5, mac: macOf('02:42', ip), mtu: 1500, loopback: false, addresses: [{ ip, prefix: 24 }] },
  ];
}
