// Pod IP allocation for one node, the way the host-local IPAM plugin (containernetworking/plugins
// plugins/ipam/host-local/backend/allocator) hands out addresses from the node's podCIDR: the
// gateway takes .1, pods get the next free address after the last one handed out, wrapping
// around, so a released address is not reused at once.

export interface IpamState {
  allocated: [string, string][]; // ip -> owner (pod uid)
  last?: string;
}

export class Ipam {
  private readonly first: number; // first assignable address (network + 2)
  private readonly lastAddr: number; // last assignable address (broadcast - 1)
  private allocated = new Map<string, string>();
  /** owner -> ip: the reverse of `allocated`, so that lookups by owner do not scan every address */
  private byOwner = new Map<string, string>();
  private lastReserved?: number;

  constructor(readonly cidr: string) {
    const [base, bitsText] = cidr.split('/');
    const bits = Number(bitsText);
    if (!base || !Number.isInteger(bits) || bits < 8 || bits > 30) throw new Error(`ipam: unsupported podCIDR ${cidr}`);
    const size = 2 ** (32 - bits);
    const network = Math.floor(ipToInt(base) / size) * size;
    this.first = network + 2;
    this.lastAddr = network + size - 2;
  }

  /** The gateway address (the bridge), network + 1. */
  gateway(): string {
    return intToIp(this.first - 1);
  }

  /** Reserve an address for `owner`; an owner that already has one gets it again. */
  allocate(owner: string): string {
    const held = this.byOwner.get(owner);
    if (held !== undefined) return held;
    const count = this.lastAddr - this.first + 1;
    const start = this.lastReserved === undefined ? this.first : this.lastReserved + 1;
    for (let i = 0; i < count; i++) {
      let n = start + i;
      if (n > this.lastAddr) n -= count;
      const ip = intToIp(n);
      if (this.allocated.has(ip)) continue;
      this.allocated.set(ip, owner);
      this.byOwner.set(owner, ip);
      this.lastReserved = n;
      return ip;
    }
    // host-local allocator.go: "no IP addresses available in range set: %s"
    throw new Error(`no IP addresses available in range set: ${intToIp(this.first - 1)}-${intToIp(this.lastAddr)}`);
  }

  /** Release whatever `owner` holds. */
  release(owner: string): void {
    const ip = this.byOwner.get(owner);
    if (ip === undefined) return;
    this.byOwner.delete(owner);
    this.allocated.delete(ip);
  }

  inUse(): number {
    return this.allocated.size;
  }

  snapshot(): IpamState {
    return { allocated: [...this.allocated], last: this.lastReserved === undefined ? undefined : intToIp(this.lastReserved) };
  }

  restore(state: IpamState): void {
    this.allocated = new Map(state.allocated);
    // The first address an owner holds is the one allocate() would have found.
    this.byOwner = new Map();
    for (const [ip, owner] of this.allocated) if (!this.byOwner.has(owner)) this.byOwner.set(owner, ip);
    this.lastReserved = state.last ? ipToInt(state.last) : undefined;
  }
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`ipam: bad IPv4 address ${ip}`);
  return ((parts[0]! * 256 + parts[1]!) * 256 + parts[2]!) * 256 + parts[3]!;
}

export function intToIp(n: number): string {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join('.');
}
