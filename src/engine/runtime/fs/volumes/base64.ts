// Bytes for volume files: Secret data arrives base64-encoded (Go's []byte in JSON) and files
// hold JS strings, so values are decoded to bytes and read as UTF-8. Tokens need base64url.
// No Buffer/atob/TextDecoder: this runs headless in the browser, a worker or Node.

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Map([...STD].map((c, i) => [c, i]));

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

/** A Secret value as file text. */
export function base64DecodeUtf8(s: string): string {
  return utf8Decode(base64ToBytes(s));
}

/** base64url without padding (RFC 7515 §2, as JWTs use it). */
export function base64UrlEncode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += URL[(n >> 18) & 63]! + URL[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += URL[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += URL[n & 63]!;
  }
  return out;
}
