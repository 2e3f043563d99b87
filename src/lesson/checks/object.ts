// `object` check: the cluster has (or no longer has) an object, by name or name pattern, that
// matches a partial spec or status; optionally how many of them.
import { isStatusError, lookupResource, type KubeObject } from '../../engine';
import type { ObjectCheck } from '../types';
import { failed, PASSED, type CheckContext, type CheckResult } from './context';
import { describeMismatch, partialMatch } from './partial';

/** A glob (`web-*`, `job-?`) as an anchored regex. */
export function globRegex(glob: string): RegExp {
  const src = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${src}$`);
}

export async function checkObject(c: ObjectCheck, ctx: CheckContext): Promise<CheckResult> {
  const info = lookupResource(c.object.kind)!;
  const namespace = info.namespaced ? c.object.namespace : undefined;
  const where = namespace && namespace !== 'default' ? ` in namespace ${namespace}` : '';
  const kind = info.singular;
  const objects = await find(c, ctx, info.resource, namespace);
  const matching = objects.filter((o) => !partialMatch(o, c.matches));
  const named = c.object.name !== undefined ? `${kind} ${c.object.name}${where}` : undefined;
  const pattern = c.object.namePattern ?? c.object.name ?? '*';
  const plural = info.resource;

  if (c.count) {
    const n = matching.length;
    const { min, max } = c.count;
    if ((min === undefined || n >= min) && (max === undefined || n <= max)) return PASSED;
    const what = c.matches !== undefined ? ` and look as the task describes` : '';
    return failed(`${n} ${n === 1 ? kind : plural} match ${pattern}${where}${what}; the task wants ${countText(min, max)}`);
  }
  if (c.absent) {
    if (!matching.length) return PASSED;
    const o = matching[0]!;
    const label = named ?? `${kind} ${o.metadata.name}${where}`;
    if (o.metadata.deletionTimestamp) return failed(`${label} is still being deleted (Terminating)`);
    if (matching.length > 1) return failed(`${matching.length} ${plural} matching ${pattern}${where} still exist; the task wants none`);
    return failed(`${label} still exists; the task wants it gone`);
  }
  if (matching.length) return PASSED;
  if (!objects.length) return failed(named ? `${named} does not exist yet` : `no ${kind} matches ${pattern}${where}`);
  const first = objects[0]!;
  return failed(describeMismatch(named ?? `${kind} ${first.metadata.name}${where}`, partialMatch(first, c.matches)!, true));
}

function countText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && min === max) return `exactly ${min}`;
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

async function find(c: ObjectCheck, ctx: CheckContext, resource: string, namespace: string | undefined): Promise<KubeObject[]> {
  try {
    if (c.object.name !== undefined) return [await ctx.api.get(resource, namespace, c.object.name)];
    const re = globRegex(c.object.namePattern ?? '*');
    const list = await ctx.api.list(resource, namespace ? { namespace } : {});
    return list.items.filter((o) => re.test(o.metadata.name));
  } catch (e) {
    // NotFound (or a namespace that does not exist): nothing there
    if (isStatusError(e)) return [];
    throw e;
  }
}
