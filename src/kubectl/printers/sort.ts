// `--sort-by=<jsonpath>`: kubectl pkg/cmd/get/sorter.go (RuntimeSort, TableSorter, isLess).
// Values compare by type: integers and floats numerically, strings as quantities when both
// parse as one ("10Mi" < "1Gi") and lexically otherwise; timestamps are RFC 3339 strings, so
// lexical order is time order. Objects without the field sort first. kubectl uses Go's unstable
// sort.Sort; this sort is stable, which only matters for equal keys.
import { CmdError } from '../errors';
import { tryParseQuantity } from '../../shared/quantity';
import { relaxedJSONPathExpression } from './custom-columns';
import { goQuote } from './go-format';
import { JSONPath, JSONPathExecError } from './jsonpath/eval';
import { JSONPathParseError, parseJSONPath } from './jsonpath/parser';

/**
 * Objects in --sort-by order. kubectl sorts each resource kind's table on its own for the
 * human-readable output, and all items of the List together for -o json/yaml/name/...
 */
export function sortObjects<T>(objects: readonly T[], sortBy: string): T[] {
  if (objects.length <= 1) return [...objects];
  let field: string;
  try {
    field = relaxedJSONPathExpression(sortBy);
  } catch {
    field = sortBy; // get.go NewRuntimeSorter falls back to the raw expression
  }
  let path: JSONPath;
  try {
    path = new JSONPath(parseJSONPath(field), { allowMissingKeys: true });
  } catch (e) {
    if (e instanceof JSONPathParseError) throw new CmdError(`sorting error: ${e.message}\n`);
    throw e;
  }
  const keys = objects.map((o) => {
    try {
      const groups = path.findResults(o);
      return groups.length > 0 && groups[0].length > 0 ? { value: groups[0][0] } : undefined;
    } catch (e) {
      if (e instanceof JSONPathExecError) throw new CmdError(e.message);
      throw e;
    }
  });
  if (keys.every((k) => k === undefined)) {
    throw new CmdError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  }
  const order = objects.map((_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (!ka) return kb ? -1 : 0;
    if (!kb) return 1;
    if (isLess(ka.value, kb.value, field)) return -1;
    return isLess(kb.value, ka.value, field) ? 1 : 0;
  });
  return order.map((i) => objects[i]);
}

// sorter.go isLess for the interface{} values of unstructured objects.
function isLess(a: unknown, b: unknown, field: string): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') {
    // int64 and float64 only compare with their own kind
    if (Number.isInteger(a) === Number.isInteger(b)) return a < b;
  } else if (typeof a === 'string' && typeof b === 'string') {
    const qa = tryParseQuantity(a);
    const qb = qa && tryParseQuantity(b);
    return qa && qb ? qa.cmp(qb) < 0 : a < b;
  } else if (typeof a === 'boolean' || typeof a === 'object') {
    // klog.Exitf in RuntimeSort.Less: kubectl stops with this message
    throw new CmdError(`Field ${field} in []runtime.Object is an unsortable type: interface, err: unsortable type: ${typeof a === 'boolean' ? 'bool' : Array.isArray(a) ? '[]interface {}' : 'map[string]interface {}'}`);
  }
  throw new CmdError(`Field ${field} in []runtime.Object is an unsortable type: interface, err: unsortable interface: interface`);
}
