// Base64 as the API server's JSON decoder sees []byte fields (Secret.data, ConfigMap.binaryData):
// Go's encoding/base64 StdEncoding, which skips \r and \n and reports the first bad byte. Used by
// the strict decoder (api/strict.ts) and the Secret and ConfigMap strategies.
// No Buffer/atob here: this runs headless in the browser, a worker or Node.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * The offset Go's base64.StdEncoding.DecodeString reports as CorruptInputError, or -1 when the
 * input decodes (encoding/base64/base64.go decodeQuantum).
 */
export function base64ErrorOffset(src: string): number {
  let si = 0;
  while (si < src.length) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return -1;
        return si - j; // j == 1, or padding is required
      }
      const ch = src[si]!;
      si++;
      if (DECODE.has(ch)) continue;
      if (ch === '\n' || ch === '\r') {
        j--;
        continue;
      }
      if (ch !== '=') return si - 1;
      // Padding: only valid as the third or fourth character of a quantum.
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
        if (si === src.length) return src.length;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
      return si < src.length ? si : -1;
    }
  }
  return -1;
}

/** encoding/base64 CorruptInputError.Error. */
export function base64ErrorMessage(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}

/** Standard base64 of a string's UTF-8 bytes (what stringData becomes in data). */
export function base64EncodeUtf8(s: string): string {
  return base64Encode(utf8Encode(s));
}

/** Standard base64 (with padding) of bytes. */
export function base64Encode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

/** A string's UTF-8 bytes (no TextEncoder: lib is ES2023 only). */
export function utf8Encode(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** Bytes a base64 value decodes to (for size limits); assumes base64ErrorOffset said it is valid. */
export function base64DecodedLength(src: string): number {
  const clean = src.replace(/[\r\n]/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

// Decoding for volume files (Secret data is base64 of bytes, files hold UTF-8 text) and base64url
// for service-account tokens.
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Standard base64 to bytes (padding optional, CR/LF skipped as Go's decoder does; stops at a bad byte). */
export function base64ToBytes(s: string): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    if (ch === '\n' || ch === '\r') continue;
    const v = DECODE.get(ch);
    if (v === undefined) break; // '=' or garbage: the API server rejected garbage already
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

/** UTF-8 bytes to a string; a byte that starts no valid sequence becomes U+FFFD (as Go's range over a string does). */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const need = b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : 0;
    let cp = b & (0x3f >> need);
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) ok = false;
      cp = (cp << 6) | (c & 0x3f);
    }
    // overlong forms, surrogates and values past U+10FFFF are not UTF-8
    if (ok && ((need === 2 && cp < 0x800) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** A Secret value as file text. */
export function base64DecodeUtf8(s: string): string {
  return utf8Decode(base64ToBytes(s));
}

/** base64url without padding (RFC 7515 §2, as JWTs use it). */
export function base64UrlEncode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += URL_ALPHABET[(n >> 18) & 63]! + URL_ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += URL_ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += URL_ALPHABET[n & 63]!;
  }
  return out;
}
