// The pod a command acts on for `TYPE/NAME` (kubectl pkg/polymorphichelpers/attachablepodforobject.go
// and GetFirstPod): a pod is itself; a deployment, replica set or service means the most active of
// the pods its selector matches, with kubectl's "Found N pods, using pod/x" notice.
import { isStatusError, type KubeObject } from '../engine';
import type { CommandContext } from './command';
import { CmdError } from './errors';
import { resolveResource } from './resource/builder';

export interface PodRef {
  pod: KubeObject;
  name: string;
}

/**
 * Resolve `arg` (`web`, `pod/web`, `deploy/web`) to a pod. `notFound` words the error for a pod
 * that does not exist (logs: "error from server (NotFound): ... in namespace ...").
 */
export async function attachablePod(ctx: CommandContext, arg: string, notFound?: (e: unknown) => Error): Promise<PodRef> {
  const api = ctx.env.api;
  const [type, name] = arg.includes('/') ? [arg.slice(0, arg.indexOf('/')), arg.slice(arg.indexOf('/') + 1)] : ['pods', arg];
  const info = resolveResource(type);
  let obj: KubeObject;
  try {
    obj = await api.get(info.resource, info.namespaced ? ctx.namespace : undefined, name);
  } catch (e) {
    if (notFound && isStatusError(e, 'NotFound')) throw notFound(e);
    throw e;
  }
  if (info.resource === 'pods') return { pod: obj, name };
  const selector = selectorOf(obj);
  // attachablepodforobject.go: kinds without a pod selector cannot be attached to
  if (!selector) throw new CmdError(`cannot attach to ${info.kind.toLowerCase()}: not implemented`);
  const list = await api.list('pods', { namespace: ctx.namespace, labelSelector: selector });
  // polymorphichelpers GetFirstPod: "timed out waiting for the condition" when no pod ever matches
  if (!list.items.length) throw new CmdError('timed out waiting for the condition');
  const pods = [...list.items].sort(moreActiveFirst);
  // GetFirstPod: the notice goes to stderr
  if (pods.length > 1) ctx.env.stderr(`Found ${pods.length} pods, using pod/${(pods[0]!.metadata as { name: string }).name}\n`);
  return { pod: pods[0]!, name: (pods[0]!.metadata as { name: string }).name };
}

function selectorOf(obj: KubeObject): string | undefined {
  const spec = (obj.spec ?? {}) as { selector?: Record<string, string> | { matchLabels?: Record<string, string> } };
  const sel = spec.selector;
  if (!sel) return undefined;
  const labels = 'matchLabels' in sel ? (sel.matchLabels as Record<string, string> | undefined) : (sel as Record<string, string>);
  if (!labels || !Object.keys(labels).length) return undefined;
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

interface PodStatusLike {
  spec?: { nodeName?: string };
  status?: { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { restartCount?: number }[] };
  metadata?: { creationTimestamp?: string };
}

/** podutils.ActivePods reversed: assigned, Running, Ready, fewer restarts, older first. */
function moreActiveFirst(a: KubeObject, b: KubeObject): number {
  const pa = a as unknown as PodStatusLike;
  const pb = b as unknown as PodStatusLike;
  const rank = (p: PodStatusLike) => [
    p.spec?.nodeName ? 1 : 0,
    ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[p.status?.phase ?? ''] ?? 0,
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0,
    -(p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
  ];
  const ra = rank(pa);
  const rb = rank(pb);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
  return (pa.metadata?.creationTimestamp ?? '').localeCompare(pb.metadata?.creationTimestamp ?? '');
}
