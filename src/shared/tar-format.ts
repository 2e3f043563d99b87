// The tar archive format as GNU tar 1.34 and busybox write it (the old-GNU flavour of ustar:
// 512-byte headers, octal fields, magic "ustar  \0", `././@LongLink` records for names over 100
// bytes) and as they and Go's archive/tar read it (POSIX "ustar\0" + "00" with a name prefix too).
// Archives are byte strings: one char per byte (0-255), which is how pipes and files carry them.
// File contents go in as their UTF-8 bytes and come out decoded, so text survives a round trip.
import { utf8Decode, utf8Encode } from './base64';

export const BLOCK = 512;

/** One archive member. */
export interface TarEntry {
  /** member name; directories end with '/' as GNU tar and busybox write them */
  name: string;
  type: 'file' | 'dir';
  /** permission bits (07777) */
  mode: number;
  /** seconds since the epoch */
  mtime: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  /** the content as text (UTF-8 decoded); '' for directories */
  text: string;
}

/** Bytes of a JS string as a byte string (one char per byte). */
export function toBytes(text: string): string {
  const bytes = utf8Encode(text);
  let out = '';
  // in slices: spreading a large file into one call would overflow the stack
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.slice(i, i + 8192));
  return out;
}

function fromBytes(bytes: string): string {
  const arr: number[] = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) arr[i] = bytes.charCodeAt(i) & 0xff;
  return utf8Decode(arr);
}

// GNU tar create.c to_octal / busybox tar.c PUT_OCTAL: zero-padded octal, NUL-terminated
function octal(n: number, width: number): string {
  return `${Math.max(0, Math.floor(n)).toString(8).padStart(width - 1, '0')}\0`;
}

function field(s: string, width: number): string {
  return s.slice(0, width).padEnd(width, '\0');
}

// the header checksum: the byte sum with the checksum field counted as eight spaces
function checksum(header: string): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header.charCodeAt(i) & 0xff;
  return sum;
}

const pad = (n: number): string => '\0'.repeat((BLOCK - (n % BLOCK)) % BLOCK);

function header(name: string, e: Omit<TarEntry, 'name' | 'text'>, size: number, typeflag: string): string {
  const h = field(name, 100) + octal(e.mode & 0o7777, 8) + octal(e.uid, 8) + octal(e.gid, 8) + octal(size, 12) + octal(e.mtime, 12)
    + ' '.repeat(8) + typeflag + field('', 100)
    // GNU tar create.c start_header (OLDGNU_FORMAT/GNU_FORMAT) and busybox tar.c: "ustar  " with a NUL
    + 'ustar  \0' + field(e.uname, 32) + field(e.gname, 32) + field('', 8) + field('', 8) + field('', 155) + field('', 12);
  // GNU tar create.c finish_header: "%6o" then NUL and a space
  const sum = `${checksum(h).toString(8).padStart(6, '0')}\0 `;
  return h.slice(0, 148) + sum + h.slice(156);
}

/** One member as archive bytes (a `././@LongLink` record first when the name needs more than 100 bytes). */
export function encodeEntry(e: TarEntry): string {
  const name = toBytes(e.name);
  const data = e.type === 'file' ? toBytes(e.text) : '';
  let out = '';
  if (name.length > 100) {
    // GNU tar create.c write_long_name (GNU_FORMAT): a 'L' member named ././@LongLink holding the name
    const long = `${name}\0`;
    out += header('././@LongLink', { ...e, mode: 0o644, mtime: 0, uid: 0, gid: 0 }, long.length, 'L') + long + pad(long.length);
  }
  out += header(name, e, data.length, e.type === 'dir' ? '5' : '0') + data + pad(data.length);
  return out;
}

/** The end of an archive: two zero blocks (GNU tar pads to a 10 KiB record; readers do not care). */
export function endOfArchive(): string {
  return '\0'.repeat(2 * BLOCK);
}

/** Why an archive cannot be read, for each tool to word its own way. */
export type TarReadError = 'empty' | 'not-tar' | 'checksum' | 'truncated';

export interface ReadArchive {
  entries: TarEntry[];
  /** set when reading stopped early; `entries` holds what came before */
  error?: TarReadError;
}

function cstr(block: string, at: number, width: number): string {
  const s = block.slice(at, at + width);
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function parseOctal(block: string, at: number, width: number): number {
  const s = cstr(block, at, width).trim();
  return s ? parseInt(s, 8) || 0 : 0;
}

/** Read every member of an archive (byte string). */
export function readArchive(bytes: string): ReadArchive {
  const entries: TarEntry[] = [];
  if (!bytes.length) return { entries, error: 'empty' };
  let longName: string | undefined;
  for (let at = 0; ; ) {
    if (at >= bytes.length) return { entries };
    if (bytes.length - at < BLOCK) return { entries, error: entries.length ? 'truncated' : 'not-tar' };
    const block = bytes.slice(at, at + BLOCK);
    if (/^\0*$/.test(block)) return { entries };
    // "ustar\0" (POSIX, Go) or "ustar " (GNU, busybox)
    if (!block.startsWith('ustar', 257)) return { entries, error: 'not-tar' };
    if (parseOctal(block, 148, 8) !== checksum(block)) return { entries, error: 'checksum' };
    const size = parseOctal(block, 124, 12);
    const typeflag = block[156]!;
    const data = bytes.slice(at + BLOCK, at + BLOCK + size);
    if (data.length < size) return { entries, error: 'truncated' };
    at += BLOCK + size + pad(size).length;
    if (typeflag === 'L') {
      longName = fromBytes(cstr(data, 0, data.length));
      continue;
    }
    const prefix = block.slice(257, 263) === 'ustar\0' ? cstr(block, 345, 155) : '';
    const raw = longName ?? fromBytes(prefix ? `${prefix}/${cstr(block, 0, 100)}` : cstr(block, 0, 100));
    longName = undefined;
    // regular files ('0', old '\0', contiguous '7') and directories; links, devices and pax
    // records have nothing to become in Podlab's filesystems
    const type = typeflag === '5' || (typeflag === '\0' && raw.endsWith('/')) ? 'dir' : '0\x007'.includes(typeflag) ? 'file' : undefined;
    if (!type) continue;
    entries.push({
      name: raw, type, mode: parseOctal(block, 100, 8) & 0o7777, mtime: parseOctal(block, 136, 12),
      uid: parseOctal(block, 108, 8), gid: parseOctal(block, 116, 8),
      uname: fromBytes(cstr(block, 265, 32)), gname: fromBytes(cstr(block, 297, 32)),
      text: type === 'file' ? fromBytes(data) : '',
    });
  }
}

/**
 * Strip what makes a member name unsafe to extract or absolute: leading slashes (GNU tar names.c
 * safer_name_suffix, busybox unsafe_prefix.c strip_unsafe_prefix). Returns the name and the prefix
 * removed ('' when none).
 */
export function stripLeadingSlashes(name: string): { name: string; removed: string } {
  const m = /^\/+/.exec(name);
  if (!m || m[0] === name) return { name, removed: '' };
  return { name: name.slice(m[0].length), removed: m[0] };
}
