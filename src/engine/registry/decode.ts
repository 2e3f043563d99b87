// What the API server's decoder rejects before any strategy runs: a bad quantity or bad base64
// fails the whole request with 400, not a field error.
import { newBadRequest, type StatusError } from '../errors';
import { Quantity, QuantityError } from '../../shared/quantity';
import { base64ErrorMessage, base64ErrorOffset } from '../../shared/base64';

/** apiserver endpoints/handlers/rest.go transformDecodeError: "%s in version %q cannot be handled as a %s: %v". */
export function decodeError(kind: string, apiVersion: string, detail: string): StatusError {
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  return newBadRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${detail}`);
}

/**
 * Canonicalise every quantity of a ResourceList in place, as Quantity.UnmarshalJSON + MarshalJSON do
 * (`1024Mi` is stored as `1Gi`). Throws the decode error for a value that does not parse.
 */
export function canonicalizeResourceList(list: Record<string, unknown> | undefined, kind: string, apiVersion: string): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) {
    if (v === undefined || v === null) continue;
    try {
      list[k] = Quantity.parse(typeof v === 'number' ? String(v) : String(v).trim()).toString();
    } catch (e) {
      if (e instanceof QuantityError) throw decodeError(kind, apiVersion, e.message);
      throw e;
    }
  }
}

/**
 * The values of a []byte map (Secret.data, ConfigMap.binaryData): encoding/json decodes each with
 * base64.StdEncoding, and the first bad one fails the request with its byte offset.
 */
export function checkBase64Values(map: Record<string, unknown> | undefined, kind: string, apiVersion: string): void {
  for (const v of Object.values(map ?? {})) {
    const off = base64ErrorOffset(String(v));
    if (off >= 0) throw decodeError(kind, apiVersion, base64ErrorMessage(off));
  }
}

/** A quantity already stored (canonical), or undefined. */
export function storedQuantity(v: unknown): Quantity | undefined {
  if (v === undefined || v === null) return undefined;
  try {
    return Quantity.parse(String(v));
  } catch {
    return undefined;
  }
}
