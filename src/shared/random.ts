// Seeded pseudo-random source: the only randomness in Podlab. Same seed + same calls => same values.
// sfc32 (Small Fast Counter) keeps four 32-bit words of state, so it snapshots as plain JSON.

export type RandomState = [number, number, number, number];

/** Characters Kubernetes uses for generated name suffixes (k8s.io/apimachinery/pkg/util/rand: alphanums). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class SeededRandom {
  private s: RandomState;

  constructor(seed: number | string = 1) {
    const n = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
    this.s = [0x9e3779b9, 0x243f6a88, 0xb7e15162, n];
    for (let i = 0; i < 15; i++) this.nextUint32(); // mix the seed in
  }

  static fromState(state: RandomState): SeededRandom {
    const r = new SeededRandom(0);
    r.s = [...state];
    return r;
  }

  state(): RandomState {
    return [...this.s];
  }

  /** Continue from a saved state, in place (components hold a reference to this instance). */
  restoreState(state: RandomState): void {
    this.s = [...state];
  }

  nextUint32(): number {
    let [a, b, c, d] = this.s;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    this.s = [a >>> 0, b, c, d];
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  hex(length: number): string {
    // 8 hex digits per 32-bit draw, through a byte table (uids are made for every object).
    let out = '';
    while (out.length < length) {
      const n = this.nextUint32();
      out += HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;
    }
    return out.length === length ? out : out.slice(0, length);
  }

  /** An RFC 4122 version-4 UUID, as the API server assigns to metadata.uid. */
  uuid(): string {
    const s = this.hex(32);
    const variant = '89ab'[this.int(4)]!;
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
  }

  /** A 5-character generateName suffix (apiserver names.SimpleNameGenerator). */
  nameSuffix(length = 5): string {
    return this.string(length, NAME_SUFFIX_ALPHABET);
  }
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
