// Strategic merge patch: k8s.io/apimachinery pkg/util/strategicpatch/patch.go (StrategicMergeMapPatch,
// mergeMap, mergeSlice), with the patchMergeKey tags of the types Podlab serves.
import { newBadRequest } from '../errors';
import { deepClone } from './clone';
import { goFormat, goTypeName, isMap, jsonKind, rejected, serverError, type JsonMap } from './patch-util';


// The patchStrategy / patchMergeKey struct tags of the types we serve, by Go type name.
// Lists not listed here are replaced; maps and structs are merged key by key.
interface PatchMeta {
  type?: string; // the Go type of the field (or of a list's elements) when it has tagged fields of its own
  strategy?: string; // patchStrategy tag
  mergeKey?: string; // patchMergeKey tag
}
const mergeBy = (mergeKey: string, type?: string): PatchMeta => ({ strategy: 'merge', mergeKey, type });
const conditions = { conditions: mergeBy('type') };
const withMeta = (fields: Record<string, PatchMeta> = {}) => ({ metadata: { type: 'ObjectMeta' }, ...fields });

const PATCH_SCHEMA: Record<string, Record<string, PatchMeta>> = {
  // apimachinery pkg/apis/meta/v1/types.go ObjectMeta
  ObjectMeta: { ownerReferences: mergeBy('uid'), finalizers: { strategy: 'merge' } },

  // k8s.io/api core/v1/types.go
  Pod: withMeta({ spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } }),
  PodTemplateSpec: withMeta({ spec: { type: 'PodSpec' } }),
  PodSpec: {
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: mergeBy('name', 'Container'),
    containers: mergeBy('name', 'Container'),
    ephemeralContainers: mergeBy('name', 'Container'), // EphemeralContainerCommon carries the same tags
    imagePullSecrets: mergeBy('name'),
    hostAliases: mergeBy('ip'),
    topologySpreadConstraints: mergeBy('topologyKey'),
    schedulingGates: mergeBy('name'),
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    // tolerations, affinity, nodeSelector terms: no tags (tolerations are replaced whole)
  },
  Container: {
    ports: mergeBy('containerPort'),
    env: mergeBy('name'),
    volumeMounts: mergeBy('mountPath'),
    volumeDevices: mergeBy('devicePath'),
    // envFrom, resizePolicy: no tags
  },
  PodStatus: {
    ...conditions,
    hostIPs: mergeBy('ip'),
    podIPs: mergeBy('ip'),
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    // container statuses have no tags upstream: a patch replaces the whole list
    containerStatuses: { type: 'ContainerStatus' },
    initContainerStatuses: { type: 'ContainerStatus' },
    ephemeralContainerStatuses: { type: 'ContainerStatus' },
  },
  ContainerStatus: { volumeMounts: mergeBy('mountPath'), allocatedResourcesStatus: mergeBy('name') },
  Node: withMeta({ spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } }),
  NodeSpec: { podCIDRs: { strategy: 'merge' } }, // taints: no tags
  NodeStatus: { ...conditions, addresses: mergeBy('type') },
  Service: withMeta({ spec: { type: 'ServiceSpec' }, status: { type: 'ServiceStatus' } }),
  ServiceSpec: { ports: mergeBy('port') },
  ServiceStatus: conditions,
  PersistentVolumeClaim: withMeta({ status: { type: 'PersistentVolumeClaimStatus' } }),
  PersistentVolumeClaimStatus: conditions,
  Namespace: withMeta({ status: { type: 'NamespaceStatus' } }),
  NamespaceStatus: conditions,
  ServiceAccount: withMeta({ secrets: mergeBy('name') }),

  // k8s.io/api apps/v1/types.go
  Deployment: withMeta({ spec: { type: 'DeploymentSpec' }, status: { type: 'DeploymentStatus' } }),
  DeploymentSpec: { template: { type: 'PodTemplateSpec' }, strategy: { strategy: 'retainKeys' } },
  DeploymentStatus: conditions,
  ReplicaSet: withMeta({ spec: { type: 'ReplicaSetSpec' }, status: { type: 'ReplicaSetStatus' } }),
  ReplicaSetSpec: { template: { type: 'PodTemplateSpec' } },
  ReplicaSetStatus: conditions,

  // every other kind: only ObjectMeta has tags
  Object: withMeta(),
};

export interface FieldPatchMeta { type: string | undefined; strategy: string; mergeKey: string }

/** The struct type whose patch tags a kind's top-level fields use ('Object' for kinds without tags). */
export function patchSchemaOf(kind: string): string {
  return PATCH_SCHEMA[kind] ? kind : 'Object';
}

// LookupPatchMetadataForStruct/ForSlice + extractRetainKeysPatchStrategy ("merge,retainKeys" acts as "merge")
export function lookupPatchMeta(schema: string | undefined, key: string): FieldPatchMeta {
  const meta = schema ? PATCH_SCHEMA[schema]?.[key] : undefined;
  const strategies = (meta?.strategy ?? '').split(',').filter((s) => s && s !== RETAIN_KEYS_STRATEGY);
  return { type: meta?.type, strategy: strategies[0] ?? '', mergeKey: meta?.mergeKey ?? '' };
}

const DIRECTIVE = '$patch';
const DELETE_DIRECTIVE = 'delete';
const REPLACE_DIRECTIVE = 'replace';
const MERGE_DIRECTIVE = 'merge';
const RETAIN_KEYS_STRATEGY = 'retainKeys';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

// mergepatch/errors.go, with the status the apiserver gives each (interpretStrategicMergePatchError)
const errBadPatchFormatForPrimitiveList = () => newBadRequest('invalid patch format of primitive list');
const errBadPatchFormatForRetainKeys = () => newBadRequest('invalid patch format of retainKeys');
const errBadPatchFormatForSetElementOrderList = () => newBadRequest('invalid patch format of setElementOrder list');
const errNoListOfLists = () => rejected('lists of lists are not supported');
const errNoMergeKey = (m: JsonMap, k: string) => serverError(`map: ${goFormat(m)} does not contain declared merge key: ${k}`);
const errBadArgType = (expected: string, actual: unknown) => serverError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const errBadPatchType = (t: unknown, m: JsonMap) => serverError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);

export function strategicMergePatch(kind: string, obj: unknown, patch: unknown): unknown {
  // handlers/patch.go strategicPatchObject: the body is unmarshalled into a map; null leaves it empty
  if (patch === null || patch === undefined) return deepClone(obj);
  if (!isMap(patch)) throw newBadRequest(`json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`);
  const original = isMap(obj) ? deepClone(obj) : {};
  const schema = patchSchemaOf(kind);
  // StrategicMergeMapPatch uses MergeParallelList and IgnoreUnmatchedNulls
  const merged = mergeMap(original, deepClone(patch), schema);
  return stripDirectives(merged);
}

function mergeMap(original: JsonMap, patch: JsonMap, schema: string | undefined): JsonMap {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  applyRetainKeysDirective(original, patch);
  mergePatchIntoOriginal(original, patch, schema);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    let k = rawKey;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }
    // null deletes the key
    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!(k in original) || goTypeName(original[k]) !== goTypeName(patchV)) {
      // not in the original (or a different type): take the patch value, minus nulls and directives
      if (!isDeleteList) {
        discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) original[k] = v;
        else delete original[k];
      }
      continue;
    }
    const meta = lookupPatchMeta(schema, k);
    const cur = original[k];
    if (isMap(cur)) {
      original[k] = meta.strategy !== REPLACE_DIRECTIVE ? mergeMap(cur, patchV as JsonMap, meta.type) : patchV;
    } else if (Array.isArray(cur)) {
      original[k] = mergeSliceHandler(cur, patchV as unknown[], meta, isDeleteList);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) original[k] = v;
      else delete original[k];
    }
  }
  return original;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

// extractKey: "$setElementOrder/containers" -> "containers"
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX ? errBadPatchFormatForPrimitiveList() : errBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

// applyRetainKeysDirective: clear the original's keys that are not listed in $retainKeys
function applyRetainKeysDirective(original: JsonMap, patch: JsonMap): void {
  if (!(RETAIN_KEYS_DIRECTIVE in patch)) return;
  const list = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(list)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

// mergePatchIntoOriginal: merge each list that has a $setElementOrder directive, then order it
// by $setElementOrder, then the patch, then the live list.
function mergePatchIntoOriginal(original: JsonMap, patch: JsonMap, schema: string | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('[]interface {}', order);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = originalKey in original;
    const foundPatch = originalKey in patch;
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('[]interface {}', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('[]interface {}', patchList);
    const originalValue = (originalList ?? []) as unknown[];
    const patchValue = (patchList ?? []) as unknown[];
    const meta = lookupPatchMeta(schema, originalKey);
    validatePatchWithSetOrderList(patchValue, order, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchValue)[0] as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalValue, patchValue, meta, false);
    else continue;

    const [patchItems, serverOnly] = meta.mergeKey === ''
      ? partitionPrimitivesByPresentInList(merged, order)
      : partitionMapsByPresentInList(merged, order, meta.mergeKey);
    const kind = sliceElementType([originalValue, patchValue]);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, order, originalValue, meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

// validatePatchWithSetOrderList: the patch list must follow the $setElementOrder order
function validatePatchWithSetOrderList(patchList: unknown[], setOrderList: unknown[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrderList.length) {
    if (isMap(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as JsonMap)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrderList[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrderList.length) {
    throw serverError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goFormat(setOrderList)}\n`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw errBadArgType('map[string]interface {}', left);
  if (!isMap(right)) throw errBadArgType('map[string]interface {}', right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

// mergeSliceHandler: merge lists tagged patchStrategy=merge (and $deleteFromPrimitiveList lists); replace the rest
function mergeSliceHandler(original: unknown[], patch: unknown[], meta: FieldPatchMeta, isDeleteList: boolean): unknown[] {
  if (meta.strategy === MERGE_DIRECTIVE || isDeleteList) return mergeSlice(original, patch, meta, isDeleteList);
  return patch;
}

function mergeSlice(original: unknown[], patch: unknown[], meta: FieldPatchMeta, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType([original, patch]);
  const mergeKey = meta.mergeKey;
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw serverError(`cannot merge lists without merge key for ${meta.type ?? ''}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, meta.type);
  }
  const [patchItems, serverOnly] = mergeKey === ''
    ? partitionPrimitivesByPresentInList(merged, patch)
    : partitionMapsByPresentInList(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

// mergeSliceWithSpecialElements: apply `$patch: delete` / `$patch: replace` list items
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(DIRECTIVE in m)) {
      rest.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === DELETE_DIRECTIVE) {
      if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
      original = original.filter((o) => !(isMap(o) && mergeKey in o && o[mergeKey] === m[mergeKey]));
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true; // keep going to drop the other directive items
    } else if (directive === MERGE_DIRECTIVE) {
      throw serverError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  return replace ? [rest, []] : [original, rest];
}

// mergeSliceWithoutSpecialElements: merge items with the same merge key, append the others
function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, type: string | undefined): unknown[] {
  const out = original.slice(); // the caller keeps `original` as the live order
  for (const v of patch) {
    const m = v as JsonMap;
    if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
    const i = findMapInSlice(out, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JsonMap, m, type);
    else out.push(v);
  }
  return out;
}

function findMapInSlice(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isMap(v)) throw serverError(`value for key ${i} is not a map`);
    if (key in v && v[key] === value) return i;
  }
  return -1;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

// deduplicateScalars: Go's in-place algorithm (a duplicate is overwritten by the last element)
function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

type ElementKind = 'map' | 'scalar';

// sliceElementType: all items must share one type, and lists of lists are not supported
function sliceElementType(slices: unknown[][]): ElementKind {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const cur = goTypeName(v);
      if (prev === undefined) {
        prev = cur;
        if (Array.isArray(v)) throw errNoListOfLists();
      } else if (prev !== cur) {
        throw serverError(`list element types are not identical: ${goFormat(slices)}`);
      }
    }
  }
  if (prev === undefined) throw serverError('no elements in any of the given slices');
  return prev === 'map[string]interface {}' ? 'map' : 'scalar';
}

function partitionPrimitivesByPresentInList(original: unknown[], partitionBy: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(partitionBy);
  return [original.filter((v) => inPatch.has(v)), original.filter((v) => !inPatch.has(v))];
}

function partitionMapsByPresentInList(original: unknown[], partitionBy: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    (findMapInSlice(partitionBy, mergeKey, v[mergeKey]) >= 0 ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw errBadArgType('map[string]interface {}', v);
    (v[DIRECTIVE] === DELETE_DIRECTIVE ? del : keep).push(v);
  }
  return [keep, del];
}

// normalizeElementOrder: patch items in patch order, live-only items in live order, interleaved
function normalizeElementOrder(
  patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElementKind,
): unknown[] {
  const sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const sortedServer = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
}

// normalizeSliceOrder: a stable sort by position in `order`; `$patch: delete` items go last.
// (Every item is in `order` on the paths that reach here, so Go's partial "less" is a plain order.)
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const list of [toSort, order]) {
      for (const item of list) {
        if (!isMap(item)) throw errBadArgType('map[string]interface {}', item);
        if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      }
    }
    [items, toDelete] = extractToDeleteItems(toSort);
  }
  const pos = (v: unknown) => {
    const i = indexOf(order, v, mergeKey, kind);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  const sorted = items.map((v, i) => ({ v, i, p: pos(v) })).sort((a, b) => (a.p - b.p) || (a.i - b.i)).map((x) => x.v);
  return [...sorted, ...toDelete];
}

// mergeSortedSlice: insert each live-only item before the first patch item that follows it in the live list
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]); // a patch item not in the live list comes first
    }
  }
  return out;
}

function indexOf(list: unknown[], item: unknown, mergeKey: string, kind: ElementKind): number {
  const val = (v: unknown) => (kind === 'map' ? (isMap(v) ? v[mergeKey] : undefined) : v);
  const want = val(item);
  for (let i = 0; i < list.length; i++) if (val(list[i]) === want) return i;
  return -1;
}

// removeDirectives: drop maps carrying `$patch` from a value taken as is
function removeDirectives(obj: unknown): [unknown, boolean] {
  if (isMap(obj)) {
    if (DIRECTIVE in obj) return [null, false];
    for (const [k, v] of Object.entries(obj)) {
      const [nv, keep] = removeDirectives(v);
      if (keep) obj[k] = nv;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [obj, true];
}

function discardNullValuesFromPatch(v: unknown): void {
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else discardNullValuesFromPatch(x);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNullValuesFromPatch(x);
  }
}

// Values taken from the patch as is (new list items, replaced lists) can still hold directive keys
// and nulls. The apiserver decodes the result into the typed object (FromUnstructured), which
// drops unknown fields and turns nulls into omitted zero values; the simulator stores plain JSON,
// so it drops both here.
function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) v.forEach(stripDirectives);
  else if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null || k === DIRECTIVE || k === RETAIN_KEYS_DIRECTIVE || k.startsWith(`${SET_ELEMENT_ORDER_PREFIX}/`) || k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/`)) delete v[k];
      else stripDirectives(x);
    }
  }
  return v;
}
