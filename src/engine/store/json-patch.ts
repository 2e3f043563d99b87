// JSON patch (RFC 6902) as the apiserver runs it: gopkg.in/evanphx/json-patch.v4 patch.go.
import { newBadRequest } from '../errors';
import { deepClone, deepEqual } from './clone';
import { isMap, jsonKind, rejected, type JsonMap } from './patch-util';


type Container = JsonMap | unknown[];
const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';

/** A library error; wrapped messages read "outer: inner" like github.com/pkg/errors Wrapf. */
class OpError extends Error {}
const MISSING = 'missing value'; // ErrMissing
const INVALID_INDEX = 'invalid index referenced'; // ErrInvalidIndex

export function jsonPatch(doc: unknown, patch: unknown): unknown {
  // DecodePatch: json.Unmarshal into jsonpatch.Patch ([]Operation); a null patch is empty
  if (patch === null || patch === undefined) return deepClone(doc);
  if (!Array.isArray(patch)) throw newBadRequest(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type jsonpatch.Patch`);
  for (const op of patch) {
    if (op !== null && !isMap(op)) throw newBadRequest(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`);
  }
  const root = { doc: deepClone(doc) };
  try {
    for (const op of patch as Array<JsonMap | null>) applyOperation(root, op ?? {});
  } catch (e) {
    if (e instanceof OpError) throw rejected(e.message);
    throw e;
  }
  return root.doc;
}

function applyOperation(root: { doc: unknown }, op: JsonMap): void {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  const value = op.value === undefined ? null : deepClone(op.value);
  switch (kind) {
    case 'add': {
      const path = opPath(op, 'add operation failed to decode path');
      const found = findObject(root.doc, path);
      if (!found) throw new OpError(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in add for path: '${path}'`, () => containerAdd(found[0], found[1], value));
      return;
    }
    case 'remove': {
      const path = opPath(op, 'remove operation failed to decode path');
      const found = findObject(root.doc, path);
      if (!found) throw new OpError(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in remove for path: '${path}'`, () => containerRemove(found[0], found[1]));
      return;
    }
    case 'replace': {
      const path = opPath(op, 'replace operation failed to decode path');
      if (path === '') {
        if (!isContainer(value)) throw new OpError('replace operation value must be object or array');
        root.doc = value;
        return;
      }
      const found = findObject(root.doc, path);
      if (!found) throw new OpError(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      try {
        containerGet(found[0], found[1]);
      } catch {
        throw new OpError(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
      }
      wrap(`error in remove for path: '${path}'`, () => containerSet(found[0], found[1], value));
      return;
    }
    case 'move': {
      const from = opField(op, 'from', 'move operation failed to decode from');
      const src = findObject(root.doc, from);
      if (!src) throw new OpError(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      const val = wrap(`error in move for path: '${src[1]}'`, () => containerGet(src[0], src[1]));
      wrap(`error in move for path: '${src[1]}'`, () => containerRemove(src[0], src[1]));
      const path = opPath(op, 'move operation failed to decode path');
      const dst = findObject(root.doc, path);
      if (!dst) throw new OpError(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      wrap(`error in move for path: '${path}'`, () => containerAdd(dst[0], dst[1], val ?? null));
      return;
    }
    case 'copy': {
      const from = opField(op, 'from', 'copy operation failed to decode from');
      const src = findObject(root.doc, from);
      if (!src) throw new OpError(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      const val = wrap(`error in copy for from: '${from}'`, () => containerGet(src[0], src[1]));
      const path = opPath(op, 'copy operation failed to decode path');
      const dst = findObject(root.doc, path);
      if (!dst) throw new OpError(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      wrap('error while adding value during copy', () => containerAdd(dst[0], dst[1], deepClone(val ?? null)));
      return;
    }
    case 'test': {
      const path = opPath(op, 'test operation failed to decode path');
      const failed = new OpError(`testing value ${path} failed: test failed`);
      if (path === '') {
        if (!deepEqual(root.doc, value)) throw failed;
        return;
      }
      const found = findObject(root.doc, path);
      if (!found) throw new OpError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      const val = wrap(`error in test for path: '${path}'`, () => containerGet(found[0], found[1]));
      // a missing (or null) value matches a null or absent "value"
      if (val === undefined || val === null) {
        if (value !== null) throw failed;
        return;
      }
      if (!deepEqual(val, value)) throw failed;
      return;
    }
    default:
      throw new OpError(`Unexpected kind: ${kind}`);
  }
}

function opField(op: JsonMap, name: 'path' | 'from', failMessage: string): string {
  const v = op[name];
  if (typeof v !== 'string') throw new OpError(`${failMessage}: ${MISSING}`);
  return v;
}

const opPath = (op: JsonMap, failMessage: string) => opField(op, 'path', failMessage);

function wrap<T>(context: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpError) throw new OpError(`${context}: ${e.message}`);
    throw e;
  }
}

// RFC 6901 unescaping: ~1 is "/", ~0 is "~" (decodePatchKey)
const decodePatchKey = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

/** The container holding the last path segment, and that segment. Undefined when the path does not exist. */
function findObject(doc: unknown, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2 || !isContainer(doc)) return undefined;
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = containerGet(cur, decodePatchKey(part));
    } catch {
      return undefined;
    }
    if (!isContainer(next)) return undefined; // missing, null or a scalar
    cur = next;
  }
  return [cur, decodePatchKey(split[split.length - 1]!)];
}

// strconv.Atoi, with its error text
function atoi(key: string): number {
  if (!/^[+-]?[0-9]+$/.test(key)) throw new OpError(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

/** Negative indices count from the end (json-patch.v4 SupportNegativeIndices defaults to true). */
function arrayIndex(key: string, len: number, upper: number): number {
  let idx = atoi(key);
  if (idx >= upper) throw new OpError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  if (idx < 0) {
    if (idx < -len) throw new OpError(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += len;
  }
  return idx;
}

function containerGet(con: Container, key: string): unknown {
  if (!Array.isArray(con)) return con[key];
  return con[arrayIndex(key, con.length, con.length)];
}

function containerSet(con: Container, key: string, val: unknown): void {
  if (!Array.isArray(con)) con[key] = val;
  else con[arrayIndex(key, con.length, Number.POSITIVE_INFINITY)] = val;
}

function containerAdd(con: Container, key: string, val: unknown): void {
  if (!Array.isArray(con)) {
    con[key] = val;
    return;
  }
  if (key === '-') {
    con.push(val);
    return;
  }
  let idx: number;
  try {
    idx = arrayIndex(key, con.length + 1, con.length + 1);
  } catch (e) {
    if (e instanceof OpError && e.message.startsWith('strconv')) throw new OpError(`value was not a proper array index: '${key}': ${e.message}`);
    throw e;
  }
  con.splice(idx, 0, val);
}

function containerRemove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!(key in con)) throw new OpError(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete con[key];
    return;
  }
  con.splice(arrayIndex(key, con.length, con.length), 1);
}
