// What the generic printers (-o yaml/json/jsonpath/go-template/name) are handed: kubectl get.go
// printGeneric wraps several objects (or any list request) in a v1 List, and by default strips
// metadata.managedFields (cli-runtime pkg/printers/managedfields.go omitManagedFieldsPrinter).
import type { KubeObject } from '../../engine/index';
import { isPlainObject } from './go-format';

export interface GenericList {
  apiVersion: 'v1';
  items: unknown[];
  kind: 'List';
  metadata: { resourceVersion: '' };
}

/**
 * get.go printGeneric: a single object requested by name prints as itself; anything else (a
 * list request, several names, several kinds) prints as `kind: List` with the items.
 */
export function printableObject(objects: readonly KubeObject[], singleItemImplied: boolean, showManagedFields = false): unknown {
  const items = showManagedFields ? objects : objects.map(omitManagedFields);
  if (singleItemImplied && items.length === 1) return items[0];
  const list: GenericList = { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion: '' } };
  return list;
}

export function omitManagedFields<T>(obj: T): T {
  if (!isPlainObject(obj) || !isPlainObject(obj.metadata) || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _omit, ...metadata } = obj.metadata;
  return { ...obj, metadata } as T;
}
