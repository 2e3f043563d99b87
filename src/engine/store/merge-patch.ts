// JSON merge patch (RFC 7386) as the apiserver runs it: gopkg.in/evanphx/json-patch.v4 merge.go.
import { newBadRequest } from '../errors';
import { deepClone } from './clone';
import { isMap, type JsonMap } from './patch-util';


export function mergePatch(doc: unknown, patch: unknown): unknown {
  // a null, scalar or array patch is ErrBadJSONPatch, answered with NewBadRequest (applyJSPatch)
  if (!isMap(patch)) throw newBadRequest('Invalid JSON Patch');
  const out = isMap(doc) ? deepClone(doc) : {};
  mergeDocs(out, deepClone(patch));
  return out;
}

function mergeDocs(doc: JsonMap, patch: JsonMap): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (isMap(cur) && isMap(v)) mergeDocs(cur, v);
    else if (isMap(cur)) doc[k] = v; // a non-object patch value replaces the object as is
    else doc[k] = pruneNulls(v); // new or non-object target: nulls inside the patch value mean nothing
  }
}

function pruneNulls<T>(v: T): T {
  if (Array.isArray(v)) for (const x of v) pruneNulls(x);
  else if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else pruneNulls(x);
    }
  }
  return v;
}
