// PATCH for the simulated API server: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
// strategic merge patch, ported from what the v1.32 apiserver runs:
//   gopkg.in/evanphx/json-patch.v4 (merge.go MergePatch, patch.go Apply),
//   k8s.io/apimachinery pkg/util/strategicpatch/patch.go (StrategicMergeMapPatch, mergeMap, mergeSlice),
//   k8s.io/apiserver pkg/endpoints/handlers/patch.go (applyJSPatch, interpretStrategicMergePatchError).
// Inputs are never mutated (stored objects are deep-frozen); every call returns a new object.


import { mergePatch } from './merge-patch';
import { jsonPatch } from './json-patch';
import { strategicMergePatch } from './strategic-patch';
import { serverError } from './patch-util';

export type PatchType = 'merge' | 'strategic' | 'json';
export { goFormat } from './patch-util';

export function applyPatch(type: PatchType, kind: string, obj: unknown, patch: unknown): unknown {
  switch (type) {
    case 'merge': return mergePatch(obj, patch);
    case 'json': return jsonPatch(obj, patch);
    case 'strategic': return strategicMergePatch(kind, obj, patch);
    default:
      // handlers/patch.go applyJSPatch: "unknown Content-Type header for patch: %v"
      throw serverError(`unknown Content-Type header for patch: ${String(type)}`);
  }
}
