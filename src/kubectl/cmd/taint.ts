// `kubectl taint` (kubectl pkg/cmd/taint/taint.go + utils.go): add, replace or remove taints on
// nodes. Arguments are `TYPE NAME...` then taint changes: `key=value:Effect`, `key:Effect` (add),
// `key:Effect-`, `key-` (remove). The node's whole taint list is sent back as a strategic patch.
import { isQualifiedName, isValidLabelValue, type KubeObject, type Taint } from '../../engine';
import type { CommandContext, CommandDef } from '../command';
import { AggregateError, CmdError, UsageError } from '../errors';
import { resolveResource } from '../resource/builder';
import { objectPrinter, outputFlag, templateFlag } from './object-output';
import { dryRunFlag, dryRunOf, validateFlag } from './shared-flags';

// utils.go: the operation words
type Operation = 'tainted' | 'untainted' | 'modified';

interface TaintChange {
  key: string;
  value: string;
  effect: string;
}

export const taint: CommandDef = {
  name: 'taint',
  group: 'Cluster Management Commands',
  use: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
  short: 'Update the taints on one or more nodes',
  long: `Add, replace or remove taints on nodes. A node's taints repel the pods that do not tolerate them.

 * A taint is a key, an optional value and an effect, written key=value:effect.
 * The key starts with a letter or digit and may hold letters, digits, '-', '.' and '_' (at most 253 characters), optionally after a DNS subdomain prefix and one '/' (example.com/my-key).
 * The value, if given, follows the same rules with at most 63 characters.
 * The effect is NoSchedule, PreferNoSchedule or NoExecute.
 * Only nodes can be tainted.`,
  example: `# Keep pods without a matching toleration off node minikube-m02
kubectl taint nodes minikube-m02 dedicated=gpu:NoSchedule

# Remove that taint again (key and effect)
kubectl taint nodes minikube-m02 dedicated:NoSchedule-

# Remove every taint with key dedicated, whatever its effect
kubectl taint nodes minikube-m02 dedicated-

# Evict running pods that do not tolerate the taint
kubectl taint nodes minikube-m02 maintenance:NoExecute

# Taint every node that has label zone=a
kubectl taint node -l zone=a dedicated=zone-a:PreferNoSchedule`,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all nodes in the cluster' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector choosing the nodes (e.g. -l key1=value1,key2=value2).' },
    { name: 'overwrite', type: 'bool', usage: 'Allow replacing a taint that has the same key and effect; without it such updates are refused.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint', usage: 'Name of the manager used to track field ownership.' },
    outputFlag,
    templateFlag,
    dryRunFlag,
    validateFlag,
  ],
  run: runTaint,
};

async function runTaint(ctx: CommandContext): Promise<number> {
  const { env, flags } = ctx;
  // taint.go Complete: resources first, then the taint changes
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of ctx.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    // taint.go Complete
    else if (taintArgs.length) throw new CmdError(`all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  // taint.go Complete
  if (!resources.length) throw new CmdError('one or more resources must be specified as <resource> <name>');
  if (!taintArgs.length) throw new CmdError('at least one taint update is required');
  let parsed: { add: TaintChange[]; remove: TaintChange[] };
  try {
    parsed = parseTaints(taintArgs);
  } catch (e) {
    // taint.go Complete: cmdutil.UsageErrorf
    throw new UsageError((e as Error).message);
  }
  const dryRun = dryRunOf(flags);
  const print = objectPrinter(env, flags.string('output'), flags.string('template'), dryRun);

  // taint.go Validate
  const info = resolveResource(resources[0]!.toLowerCase());
  if (info.kind !== 'Node') throw new CmdError(`invalid resource type ${resources[0]!.toLowerCase()}, only node types are supported`);
  const conflicts = parsed.add.flatMap((a) => parsed.remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `${r.key}=${r.effect}`));
  if (conflicts.length) throw new CmdError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = flags.bool('all');
  const selector = flags.string('selector');
  // taint.go validateFlags
  if (all && selector) throw new CmdError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) throw new CmdError("at least one resource name must be specified since 'all' parameter is not set");

  const errors: unknown[] = [];
  let nodes: KubeObject[] = [];
  if (all || selector) {
    nodes = (await env.api.list(info.resource, { labelSelector: selector || undefined })).items;
  } else {
    for (const name of resources.slice(1)) {
      try {
        nodes.push(await env.api.get(info.resource, undefined, name));
      } catch (e) {
        errors.push(e);
      }
    }
  }
  for (const node of nodes) {
    try {
      const spec = (node.spec ?? {}) as { taints?: Taint[] };
      const current = spec.taints ?? [];
      const name = (node.metadata as { name: string }).name;
      if (!flags.bool('overwrite')) {
        // utils.go checkIfTaintsAlreadyExists; taint.go updateTaints
        const exists = parsed.add.flatMap((t) => current.filter((o) => o.key === t.key && o.effect === t.effect).map(() => t.key));
        if (exists.length) throw new CmdError(`node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
      }
      const { operation, taints } = reorganizeTaints(current, flags.bool('overwrite'), parsed.add, parsed.remove);
      // taint.go RunTaint: a two-way merge patch; taints has no merge key, so the list is replaced
      const patch = { spec: { taints: taints.length ? taints : null } };
      let result: KubeObject = { ...node, spec: { ...spec, taints: taints.length ? taints : undefined } };
      if (dryRun !== 'client') result = (await env.api.patch(info.resource, undefined, name, 'strategic', patch, { dryRun: dryRun === 'server' })).object;
      print(info, result, operation);
    } catch (e) {
      if (e instanceof AggregateError) errors.push(...e.errors);
      else errors.push(e);
    }
  }
  if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  return 0;
}

/** utils.go parseTaints: the changes to add and to remove, each checked. */
export function parseTaints(specs: readonly string[]): { add: TaintChange[]; remove: TaintChange[] } {
  const add: TaintChange[] = [];
  const remove: TaintChange[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, value: '', effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    // utils.go parseTaints: adding needs an effect
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    // utils.go parseTaints: Go's %v of the Taint struct (TimeAdded is a nil pointer)
    if (add.some((o) => o.key === t.key && o.effect === t.effect)) throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    add.push(t);
  }
  return { add, remove };
}

/** utils.go parseTaint: `key=value:effect`, `key:effect` or `key`. */
function parseTaint(spec: string): TaintChange {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    // utils.go validateTaintEffect
    if (effect !== 'NoSchedule' && effect !== 'PreferNoSchedule' && effect !== 'NoExecute') throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = isValidLabelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errs = isQualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** core/v1 Taint.ToString. */
function taintString(t: TaintChange): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** utils.go reorganizeTaints: the new list (new taints first, then the untouched old ones) and the operation word. */
export function reorganizeTaints(old: readonly Taint[], overwrite: boolean, add: readonly TaintChange[], remove: readonly TaintChange[]): { operation: Operation; taints: Taint[] } {
  let taints: Taint[] = add.map((t) => (t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect })) as Taint[];
  // utils.go addTaints: old taints not matched (same key and effect) by a new one stay
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const missing: string[] = [];
  // utils.go deleteTaints: like upstream, `deleted` reflects the last removal only
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = taints.length !== before;
    // utils.go deleteTaints
    if (!deleted) missing.push(`taint "${taintString(r)}" not found`);
  }
  // utilerrors.NewAggregate; the builder's visitor flattens it, so kubectl prints one line each
  if (missing.length) throw missing.length === 1 ? new CmdError(missing[0]!) : new AggregateError(missing.map((m) => new CmdError(m)));
  const operation: Operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints };
}
