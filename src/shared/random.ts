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
    // The state array is updated in place (state() hands out copies): no allocation per draw.
    const s = this.s;
    let a = s[0] >>> 0, b = s[1] >>> 0, c = s[2] >>> 0, d = s[3] >>> 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    s[0] = a >>> 0;
    s[1] = b;
    s[2] = c;
    s[3] = d;
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
    // Joined rather than concatenated: join builds one flat string, while `+=` leaves a tree
    // of string pieces that every stored id would keep alive.
    const words: string[] = [];
    for (let n = 0; n < length; n += 8) words.push(word(this.nextUint32()));
    const out = words.join('');
    return out.length === length ? out : out.slice(0, length);
  }

  /** An RFC 4122 version-4 UUID, as the API server assigns to metadata.uid. */
  uuid(): string {
    // hex(32), then the variant, cut as s[0:8]-s[8:12]-4s[13:16]-{variant}s[17:20]-s[20:32];
    // assembled from the byte table directly (every object gets a uid).
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = this.nextUint32();
    const d = this.nextUint32();
    const variant = '89ab'[this.int(4)]!;
    // Groups shorter than 13 characters are flat strings in V8; joining them keeps the uid flat.
    return [
      word(a),
      HEX_BYTE[b >>> 24]! + HEX_BYTE[(b >>> 16) & 255]!,
      '4' + HEX_BYTE[(b >>> 8) & 255]![1]! + HEX_BYTE[b & 255]!,
      variant + HEX_BYTE[c >>> 24]![1]! + HEX_BYTE[(c >>> 16) & 255]!,
      HEX_BYTE[(c >>> 8) & 255]! + HEX_BYTE[c & 255]! + word(d),
    ].join('-');
  }

  /** A 5-character generateName suffix (apiserver names.SimpleNameGenerator). */
  nameSuffix(length = 5): string {
    return this.string(length, NAME_SUFFIX_ALPHABET);
  }
}

/** A 32-bit draw as 8 hex digits. */
function word(n: number): string {
  return HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
