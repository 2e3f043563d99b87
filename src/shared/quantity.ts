// Resource quantities (`500m`, `1536Mi`, `129e6`): a port of k8s.io/apimachinery
// pkg/api/resource (quantity.go, amount.go, suffix.go), v0.32.
// Values are exact: a BigInt count of nano-units (10^-9), because ParseQuantity keeps
// nothing finer than nano (it rounds finer values away from zero).

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

// quantity.go splitREString and the three parse errors (ErrFormatWrong, ErrNumeric, ErrSuffix).
const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const NANO = 1_000_000_000n;
const MILLI_IN_NANO = 1_000_000n;
// quantity.go ParseQuantity: a BinarySI value is silently capped at 2^63-1 (maxAllowed).
const MAX_BINARY_NANO = ((1n << 63n) - 1n) * NANO;
const BINARY_1024_NANO = 1024n * NANO;
// Exponents beyond this would build astronomically large BigInts; Go's inf.Dec copes, we refuse.
const MAX_EXPONENT = 1000;

/** A resource quantity. Immutable: arithmetic returns new instances. */
export class Quantity {
  /** The value in nano-units (value × 10^9), exact. */
  readonly nano: bigint;
  readonly format: QuantityFormat;
  private str: string | undefined;
  private milli: number | undefined;
  private whole: number | undefined;

  private constructor(nano: bigint, format: QuantityFormat, str?: string) {
    this.nano = nano;
    this.format = format;
    this.str = str;
  }

  /** ParseQuantity; throws QuantityError with the upstream message. Results are memoised. */
  static parse(s: string): Quantity {
    const hit = memo.get(s);
    if (hit) return hit;
    const r = parseUncached(s);
    const q = new Quantity(r.nano, r.format, r.str);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(s, q);
    return q;
  }

  /** NewMilliQuantity: `m` thousandths, DecimalSI unless told otherwise. */
  static fromMilli(m: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(numberToNano(m, 6), format);
  }

  /** NewQuantity: `n` whole units (fractions are kept to the nano, rounded up). */
  static fromNumber(n: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(numberToNano(n, 9), format);
  }

  /** A quantity from an exact nano count. */
  static fromNano(nano: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nano, format);
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  isZero(): boolean {
    return this.nano === 0n;
  }

  sign(): number {
    return this.nano === 0n ? 0 : this.nano > 0n ? 1 : -1;
  }

  /** MilliValue: ceil(q × 1000), rounding away from zero. */
  milliValue(): number {
    if (this.milli === undefined) this.milli = Number(divAwayFromZero(this.nano, MILLI_IN_NANO));
    return this.milli;
  }

  /** Value: q rounded up to an integer, away from zero. */
  value(): number {
    // Remembered like milliValue: the scheduler reads the same parsed quantities for every pod.
    if (this.whole === undefined) this.whole = Number(divAwayFromZero(this.nano, NANO));
    return this.whole;
  }

  /** AsApproximateFloat64. */
  asApproximateFloat64(): number {
    return Number(this.nano) / 1e9;
  }

  cmp(o: Quantity): number {
    return this.nano === o.nano ? 0 : this.nano < o.nano ? -1 : 1;
  }

  equal(o: Quantity): boolean {
    return this.nano === o.nano;
  }

  // Quantity.Add / Sub: a zero receiver takes the other operand's format.
  add(o: Quantity): Quantity {
    return new Quantity(this.nano + o.nano, this.nano === 0n ? o.format : this.format);
  }

  sub(o: Quantity): Quantity {
    return new Quantity(this.nano - o.nano, this.nano === 0n ? o.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nano, this.format);
  }

  /** The canonical form (Quantity.String), e.g. `500m`, `1536Mi`, `129e6`. */
  toString(): string {
    if (this.str === undefined) this.str = canonicalize(this.nano, this.format);
    return this.str;
  }

  /** Serialises as the canonical string, like Quantity.MarshalJSON. */
  toJSON(): string {
    return this.toString();
  }
}

const MEMO_LIMIT = 4096;
const memo = new Map<string, Quantity>();

export function parseQuantity(s: string): Quantity {
  return Quantity.parse(s);
}

/**
 * A quantity from what a manifest holds: a string, or a number as YAML/JSON gives it
 * (`cpu: 1`, `cpu: 0.5`). Strings are trimmed as Quantity.UnmarshalJSON does.
 * Returns undefined for anything that does not parse.
 */
export function tryParseQuantity(s: unknown): Quantity | undefined {
  if (s instanceof Quantity) return s;
  let str: string;
  if (typeof s === 'string') str = s.trim();
  else if (typeof s === 'number' && Number.isFinite(s)) str = String(s); // "1e+21" parses as DecimalExponent
  else return undefined;
  try {
    return Quantity.parse(str);
  } catch {
    return undefined;
  }
}

// ---- parsing (quantity.go parseQuantityString, ParseQuantity) ----

interface Parts {
  positive: boolean;
  value: string; // sign + number, as inf.Dec would read it
  num: string; // integer digits, leading zeros stripped ("0" when none)
  denom: string; // fraction digits
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const SUFFIX_CHARS = 'eEinumkKMGTP';

// quantity.go parseQuantityString: a fast scanner; deliberately lax, the suffix is checked later.
function parseQuantityString(str: string): Parts {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') { positive = false; pos++; } else if (str[0] === '+') pos++;

  // strip leading zeros; a string of only zeros (or a bare sign) is zero
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };

  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num || '0', denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';

  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);

  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(ERR_FORMAT_WRONG); // a non-digit after the exponent
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

interface SuffixInfo { base: 2 | 10; exponent: number; format: QuantityFormat }

// suffix.go newSuffixer / interpret.
const SUFFIXES: Record<string, SuffixInfo> = {
  '': { base: 10, exponent: 0, format: 'DecimalSI' },
  n: { base: 10, exponent: -9, format: 'DecimalSI' },
  u: { base: 10, exponent: -6, format: 'DecimalSI' },
  m: { base: 10, exponent: -3, format: 'DecimalSI' },
  k: { base: 10, exponent: 3, format: 'DecimalSI' },
  M: { base: 10, exponent: 6, format: 'DecimalSI' },
  G: { base: 10, exponent: 9, format: 'DecimalSI' },
  T: { base: 10, exponent: 12, format: 'DecimalSI' },
  P: { base: 10, exponent: 15, format: 'DecimalSI' },
  E: { base: 10, exponent: 18, format: 'DecimalSI' },
  Ki: { base: 2, exponent: 10, format: 'BinarySI' },
  Mi: { base: 2, exponent: 20, format: 'BinarySI' },
  Gi: { base: 2, exponent: 30, format: 'BinarySI' },
  Ti: { base: 2, exponent: 40, format: 'BinarySI' },
  Pi: { base: 2, exponent: 50, format: 'BinarySI' },
  Ei: { base: 2, exponent: 60, format: 'BinarySI' },
};

function interpretSuffix(s: string): SuffixInfo {
  const known = SUFFIXES[s];
  if (known) return known;
  // suffix.go interpret: "e<int>" / "E<int>" is a decimal exponent (strconv.ParseInt base 10)
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const exponent = Number(s.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) throw new QuantityError(ERR_NUMERIC);
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(ERR_SUFFIX);
}

interface Parsed { nano: bigint; format: QuantityFormat; str: string | undefined }

function parseUncached(str: string): Parsed {
  if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
  if (str === '0') return { nano: 0n, format: 'DecimalSI', str: '0' };

  const p = parseQuantityString(str);
  const suffix = interpretSuffix(p.suffix);
  const { base, exponent } = suffix;
  let format = suffix.format;
  const fast = fastPath(p, base, exponent);

  // The slow path (inf.Dec SetString) reads the whole number, which needs a digit (".e-10" does not parse).
  if (!fast && !/[0-9]/.test(p.value)) throw new QuantityError(ERR_NUMERIC);

  const digits = BigInt(p.num + p.denom);
  let nano: bigint;
  if (base === 10) {
    nano = shift10(digits, exponent - p.denom.length + 9);
  } else {
    nano = shift10(digits * (1n << BigInt(exponent)), 9 - p.denom.length);
  }
  if (!p.positive) nano = -nano;

  if (format === 'BinarySI') {
    if (nano > MAX_BINARY_NANO) nano = MAX_BINARY_NANO;
    else if (nano < -MAX_BINARY_NANO) nano = -MAX_BINARY_NANO;
    // ParseQuantity: a binary value strictly between 0 and 1 is shown as DecimalSI
    const abs = nano < 0n ? -nano : nano;
    if (abs > 0n && abs < NANO) format = 'DecimalSI';
  }
  return { nano, format, str: fast ? reusableString(str, p, base, exponent) : undefined };
}

// ParseQuantity's int64 fast path: few enough digits, no finer than nano, no int64 overflow.
function fastPath(p: Parts, base: 2 | 10, exponent: number): boolean {
  if (base === 10) {
    const precision = 18 - p.num.length - p.denom.length; // maxInt64Factors
    return precision >= 0 && exponent - p.denom.length >= -9;
  }
  if (p.denom.length !== 0 || exponent < 0) return false;
  const precision = 15 - p.num.length - Math.trunc((exponent * 3) / 10) - 1;
  return precision >= 0 && BigInt(p.num) * (1n << BigInt(exponent)) <= (1n << 63n) - 1n; // int64Multiply
}

// The fast path keeps the input string when it is already in canonical form.
function reusableString(str: string, p: Parts, base: 2 | 10, exponent: number): string | undefined {
  const shifted = p.num + p.denom;
  if (base === 10) {
    const scale = exponent - p.denom.length;
    return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0' ? str : undefined;
  }
  return exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n ? str : undefined;
}

/** v × 10^shift, rounding away from zero when shift is negative (inf.RoundUp). */
function shift10(v: bigint, shift: number): bigint {
  if (shift >= 0) return v * 10n ** BigInt(shift);
  return divAwayFromZero(v, 10n ** BigInt(-shift));
}

function divAwayFromZero(v: bigint, d: bigint): bigint {
  const q = v / d;
  if (v % d === 0n) return q;
  return v > 0n ? q + 1n : q - 1n;
}

/** An exact nano count for n × 10^(shiftToNano-9) units, read from the number's decimal form. */
function numberToNano(n: number, shiftToNano: number): bigint {
  if (!Number.isFinite(n)) throw new QuantityError(ERR_NUMERIC);
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return BigInt(n) * 10n ** BigInt(shiftToNano);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(n));
  if (!m) throw new QuantityError(ERR_NUMERIC);
  const frac = m[3] ?? '';
  const v = shift10(BigInt(m[2]! + frac), Number(m[4] ?? 0) - frac.length + shiftToNano);
  return m[1] ? -v : v;
}

// ---- formatting (quantity.go CanonicalizeBytes, amount.go AsCanonicalBytes) ----

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function canonicalize(nano: bigint, format: QuantityFormat): string {
  if (nano === 0n) return '0';
  let fmt = format;
  if (fmt === 'BinarySI') {
    // Small or fractional binary values print in DecimalSI rather than being rounded.
    if ((nano > -BINARY_1024_NANO && nano < BINARY_1024_NANO) || nano % NANO !== 0n) fmt = 'DecimalSI';
  }
  const negative = nano < 0n;
  let mantissa = negative ? -nano : nano;
  const sign = negative ? '-' : '';

  if (fmt === 'BinarySI') {
    // AsCanonicalBase1024Bytes: move factors of 1024 into the suffix
    mantissa /= NANO;
    let times = 0;
    while (mantissa >= 1024n && mantissa % 1024n === 0n && times < BINARY_SUFFIX.length - 1) {
      mantissa /= 1024n;
      times++;
    }
    return `${sign}${mantissa}${BINARY_SUFFIX[times]}`;
  }

  // AsCanonicalBytes: strip factors of 10, then lower the exponent to a multiple of 3
  let exponent = -9;
  while (mantissa >= 10n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  // suffix.go constructBytes. DecimalSI has no suffix above E (10^18); v1.32 then prints no
  // suffix at all ("1000E" prints as "1", checked with kubectl 1.32.5). Later releases fall back to "e21".
  const suffix = fmt === 'DecimalSI' ? (DECIMAL_SUFFIX[exponent] ?? '') : exponent === 0 ? '' : `e${exponent}`;
  return `${sign}${mantissa}${suffix}`;
}

// ---- resource lists (k8s.io/api core/v1 ResourceList helpers) ----

export type QuantityLike = Quantity | string | number;
export type ResourceListLike = Record<string, QuantityLike | undefined>;

/** Sum of resource lists, per resource name (keys in first-seen order). Unparsable values are skipped. */
export function sumResourceLists(lists: Array<ResourceListLike | undefined>): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const list of lists) {
    if (!list) continue;
    for (const [name, raw] of Object.entries(list)) {
      const q = tryParseQuantity(raw);
      if (!q) continue;
      const cur = out[name];
      out[name] = cur ? cur.add(q) : q;
    }
  }
  return out;
}

/** Per-resource maximum of two lists (pkg/api/v1/resource maxResourceList). */
export function maxResourceLists(a: ResourceListLike | undefined, b: ResourceListLike | undefined): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const list of [a, b]) {
    if (!list) continue;
    for (const [name, raw] of Object.entries(list)) {
      const q = tryParseQuantity(raw);
      if (!q) continue;
      const cur = out[name];
      if (!cur || q.cmp(cur) > 0) out[name] = q;
    }
  }
  return out;
}

/** Canonical strings for a list of quantities, e.g. for writing into an object. */
export function resourceListToStrings(list: Record<string, Quantity>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, q] of Object.entries(list)) out[name] = q.toString();
  return out;
}
