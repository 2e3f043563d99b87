// How a resource.Quantity looks to go-cmp: its unexported fields. ParseQuantity's int64 fast
// path (apimachinery pkg/api/resource/quantity.go) stores {i: int64Amount{value, scale}},
// keeps the input string `s` when it is already canonical, and records the Format; defaulting
// then rounds up to milli scale (SetDefaults_ResourceList, Quantity.RoundUp).
import type { GoType } from './gotypes';

const int64Amount: GoType = {
  k: 'struct',
  name: 'resource.int64Amount',
  fields: [
    { go: 'value', json: 'value', type: { k: 'int', bits: 64 } },
    { go: 'scale', json: 'scale', type: { k: 'int', bits: 32, name: 'resource.Scale' } },
  ],
};

const QUANTITY_STRUCT: GoType = {
  k: 'struct',
  name: 'resource.Quantity',
  fields: [
    { go: 'i', json: 'i', type: int64Amount },
    { go: 'd', json: 'd', type: { k: 'struct', name: 'resource.infDecAmount', fields: [{ go: 'Dec', json: 'Dec', type: { k: 'json' } }] } },
    { go: 's', json: 's', type: { k: 'string' } },
    { go: 'Format', json: 'Format', type: { k: 'string', name: 'resource.Format' } },
  ],
};

// suffix.go: decimal exponents and binary exponents
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = (1n << 63n) - 1n;

/** The struct go-cmp walks for a quantity given as JSON (string or number). */
export function quantityInternals(raw: unknown): { type: GoType; value: Record<string, unknown> } {
  const str = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
  return { type: QUANTITY_STRUCT, value: parse(str) };
}

function parse(str: string): Record<string, unknown> {
  if (str === '') return {};
  if (str === '0') return { s: '0', Format: 'DecimalSI' };
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?(.*)$/.exec(str);
  if (!m) return { d: { Dec: str } };
  const negative = m[1] === '-';
  const num = m[2] || '0';
  const denom = m[3] ?? '';
  const suffix = m[4] ?? '';
  let format: string;
  let exponent: number;
  let binary = false;
  if (suffix in DECIMAL) {
    format = 'DecimalSI';
    exponent = DECIMAL[suffix]!;
  } else if (suffix in BINARY) {
    format = 'BinarySI';
    exponent = BINARY[suffix]!;
    binary = true;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    exponent = Number(suffix.slice(1));
  } else {
    return { d: { Dec: str } };
  }
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (!binary) {
    scale = exponent;
    precision = 18 - (num.length + denom.length); // maxInt64Factors
  } else if (exponent >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision < 0) return { d: { Dec: str }, Format: format };
  scale -= denom.length;
  if (scale < -9) return { d: { Dec: str }, Format: format };
  const shifted = num + denom;
  let value = BigInt(shifted) * mantissa;
  if (value > MAX_INT64) return { d: { Dec: str }, Format: format };
  if (negative) value = -value;
  // "if the number is in canonical form, reuse the string"
  const canonical = binary
    ? exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n
    : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  let s = canonical ? str : '';
  // RoundUp(milliScale): finer scales are rounded away from zero and lose the cached string
  if (scale < -3) {
    const div = 10n ** BigInt(-3 - scale);
    const q = value / div;
    value = value % div === 0n ? q : value > 0n ? q + 1n : q - 1n;
    scale = -3;
    s = '';
  }
  return { i: { value, scale }, s, Format: format };
}
