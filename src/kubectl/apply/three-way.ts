// kubectl apply's patch: a three-way strategic merge patch between the last-applied configuration
// (original), the file (modified) and the live object (current) — apimachinery
// pkg/util/strategicpatch/patch.go CreateThreeWayMergePatch, reduced to the cases Podlab's kinds
// have: maps recurse, lists with a patchMergeKey are merged by key, other lists are replaced.
// Additions and changes come from current→modified; deletions only from original→modified, so
// fields the server filled in (defaults, status) are never removed.
import { goFormat, lookupPatchMeta, patchSchemaOf } from '../../engine';

type JsonMap = Record<string, unknown>;

const isMap = (v: unknown): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

interface DiffOptions {
  ignoreDeletions: boolean;
  ignoreChangesAndAdditions: boolean;
}

/** The patch that takes `current` to what `modified` asks for (`{}` when nothing changes). */
export function threeWayMergePatch(kind: string, original: JsonMap | undefined, modified: JsonMap, current: JsonMap): JsonMap {
  const schema = patchSchemaOf(kind);
  // patch.go CreateThreeWayMergePatch: deltaMap ignores deletions, deletionsMap only deletes
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, ignoreChangesAndAdditions: false });
  const deletions = original ? diffMaps(original, modified, schema, { ignoreDeletions: false, ignoreChangesAndAdditions: true }) : {};
  return mergePatches(deletions, delta, schema);
}

function diffMaps(original: JsonMap, modified: JsonMap, schema: string | undefined, o: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  for (const [key, modV] of Object.entries(modified)) {
    const has = Object.prototype.hasOwnProperty.call(original, key);
    const origV = original[key];
    if (!has) {
      if (!o.ignoreChangesAndAdditions) patch[key] = modV;
      continue;
    }
    const meta = lookupPatchMeta(schema, key);
    if (isMap(origV) && isMap(modV)) {
      const sub = diffMaps(origV, modV, meta.type, o);
      if (Object.keys(sub).length) patch[key] = sub;
      continue;
    }
    if (Array.isArray(origV) && Array.isArray(modV) && meta.strategy === 'merge' && meta.mergeKey) {
      const list = diffListsOfMaps(origV, modV, meta.mergeKey, meta.type, o);
      if (list.length) {
        patch[key] = list;
        // patch.go diffLists: the order of the modified list travels with the patch
        if (!o.ignoreChangesAndAdditions) patch[`$setElementOrder/${key}`] = modV.filter(isMap).map((e) => ({ [meta.mergeKey]: e[meta.mergeKey] }));
      }
      continue;
    }
    if (!o.ignoreChangesAndAdditions && !deepEqual(origV, modV)) patch[key] = modV;
  }
  if (!o.ignoreDeletions) {
    // patch.go handleMapDiff: a field the modified object dropped is deleted with null
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  return patch;
}

/** mergepatch/errors.go ErrNoMergeKey: an element of a keyed list without its key (no patch can say which it is). */
export class MergeKeyError extends Error {
  constructor(element: JsonMap, mergeKey: string) {
    super(`map: ${goFormat(element)} does not contain declared merge key: ${mergeKey}`);
  }
}

function diffListsOfMaps(original: unknown[], modified: unknown[], mergeKey: string, schema: string | undefined, o: DiffOptions): unknown[] {
  // patch.go diffListsOfMaps → getMapAndMergeKeyValueByIndex: each side's element must carry the key
  for (let i = 0; i < Math.max(original.length, modified.length); i++) {
    for (const e of [original[i], modified[i]]) if (isMap(e) && !(mergeKey in e)) throw new MergeKeyError(e, mergeKey);
  }
  const out: unknown[] = [];
  const byKey = (list: unknown[], v: unknown) => list.find((e) => isMap(e) && deepEqual(e[mergeKey], v));
  for (const m of modified) {
    if (!isMap(m)) continue;
    const orig = byKey(original, m[mergeKey]);
    if (!orig || !isMap(orig)) {
      if (!o.ignoreChangesAndAdditions) out.push(m);
      continue;
    }
    const sub = diffMaps(orig, m, schema, o);
    if (Object.keys(sub).length) out.push({ [mergeKey]: m[mergeKey], ...sub });
  }
  if (!o.ignoreDeletions) {
    // patch.go diffListsOfMaps: removed elements become {mergeKey: v, $patch: delete}
    for (const e of original) if (isMap(e) && !byKey(modified, e[mergeKey])) out.push({ [mergeKey]: e[mergeKey], $patch: 'delete' });
  }
  return out;
}

/** patch.go mergeMap of the deletions into the delta (keys of both; maps and keyed lists combine). */
function mergePatches(a: JsonMap, b: JsonMap, schema: string | undefined): JsonMap {
  const out: JsonMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    const meta = lookupPatchMeta(schema, k);
    if (isMap(prev) && isMap(v)) out[k] = mergePatches(prev, v, meta.type);
    else if (Array.isArray(prev) && Array.isArray(v) && !k.startsWith('$setElementOrder/')) out[k] = mergeKeyedLists(prev, v, meta.mergeKey, meta.type);
    else out[k] = v;
  }
  return out;
}

/** patch.go mergeSlice: elements with the same merge key become one (a change and a deletion inside one container). */
function mergeKeyedLists(deletions: unknown[], delta: unknown[], mergeKey: string, schema: string | undefined): unknown[] {
  if (!mergeKey) return [...delta, ...deletions];
  const rest = [...deletions];
  const merged = delta.map((d) => {
    const i = isMap(d) ? rest.findIndex((e) => isMap(e) && deepEqual(e[mergeKey], d[mergeKey])) : -1;
    if (i < 0) return d;
    const [del] = rest.splice(i, 1);
    return mergePatches(del as JsonMap, d as JsonMap, schema);
  });
  return [...merged, ...rest];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
