// What `kubectl label` and `kubectl annotate` share (kubectl pkg/cmd/label/label.go,
// pkg/cmd/annotate/annotate.go): `KEY=VALUE` and `KEY-` arguments after the objects, --overwrite
// before changing a value, a merge patch of metadata.labels or metadata.annotations, and the
// operation line per object.
import type { KubeObject } from '../../engine';
import type { CommandContext } from '../command';
import { AggregateError, CmdError } from '../errors';
import type { FlagSpec } from '../flags';
import { buildTargets, fetchTarget } from '../resource/builder';
import { kindRef } from '../resource/ref';
import { dryRunFlag, dryRunOf } from './shared-flags';

export type MetadataField = 'labels' | 'annotations';

export function metadataFlags(what: string): FlagSpec[] {
  return [
    { name: 'overwrite', type: 'bool', usage: `Allow changing the value of an existing ${what}.` },
    { name: 'all', type: 'bool', usage: 'Every object of the given type in the namespace.' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'With --all or a selector, every namespace.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector choosing the objects.' },
    { name: 'field-selector', type: 'string', usage: 'Field selector choosing the objects.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The objects described in these files.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Also read folders inside the folders given with -f.' },
    { name: 'list', type: 'bool', usage: `Print the ${what}s of each object instead of changing them.` },
    { name: 'local', type: 'bool', usage: 'Not available in Podlab (needs -o with a local file).' , hidden: true },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: "name" prints kind/name of each object changed.' },
    { name: 'resource-version', type: 'string', usage: 'Only change the object if this is still its resourceVersion.' },
    dryRunFlag,
  ];
}

interface Change {
  set: Record<string, string>;
  remove: string[];
}

/** label.go parseLabels / annotate.go parseAnnotations: the trailing KEY=VALUE and KEY- words. */
function splitArgs(args: string[], field: MetadataField): { objects: string[]; change: Change } {
  const change: Change = { set: {}, remove: [] };
  let i = args.length;
  while (i > 0 && (args[i - 1]!.includes('=') || args[i - 1]!.endsWith('-'))) i--;
  for (const a of args.slice(i)) {
    if (a.includes('=')) {
      const eq = a.indexOf('=');
      const key = a.slice(0, eq);
      const value = a.slice(eq + 1);
      // label.go parseLabels: "invalid label spec: %v" (a second '=' or an empty key)
      if (!key || (field === 'labels' && value.includes('='))) throw new CmdError(`invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${a}`);
      change.set[key] = value;
    } else change.remove.push(a.slice(0, -1));
  }
  for (const k of change.remove) {
    // label.go: "can not both modify and remove a label in the same command"
    if (k in change.set) throw new CmdError(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  }
  return { objects: args.slice(0, i), change };
}

export async function runMetadataUpdate(ctx: CommandContext, field: MetadataField): Promise<number> {
  const { env, flags } = ctx;
  const singular = field === 'labels' ? 'label' : 'annotation';
  const { objects, change } = splitArgs(ctx.args, field);
  const files = flags.strings('filename');
  // label.go Validate
  if (!objects.length && !files.length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const list = flags.bool('list');
  if (!list && !Object.keys(change.set).length && !change.remove.length) throw new CmdError(`at least one ${singular} update is required`);
  const dryRun = dryRunOf(flags);
  const targets = await buildTargets(ctx, {
    args: objects, filenames: files, recursive: flags.bool('recursive'), labelSelector: flags.string('selector'), fieldSelector: flags.string('field-selector'),
    all: flags.bool('all'), allNamespaces: flags.bool('all-namespaces'), requireNames: true,
  });
  const errors: unknown[] = [];
  for (const t of targets) {
    let found: KubeObject[];
    try {
      found = await fetchTarget(ctx, t);
    } catch (e) {
      errors.push(e);
      continue;
    }
    for (const obj of found) {
      const meta = (obj.metadata ?? {}) as { name: string; namespace?: string; resourceVersion?: string } & Partial<Record<MetadataField, Record<string, string>>>;
      const current = meta[field] ?? {};
      if (list) {
        // label.go --list: "Listing labels for Pod.default/web:" then " key=value" lines
        env.stdout(`Listing ${singular}s for ${t.resource.kind}.${meta.namespace ?? ''}/${meta.name}:\n${Object.entries(current).map(([k, v]) => ` ${k}=${v}\n`).join('')}`);
        continue;
      }
      // label.go validateNoOverwrites
      const clash = flags.bool('overwrite') ? undefined : Object.entries(change.set).find(([k, v]) => k in current && current[k] !== v);
      if (clash) {
        errors.push(new CmdError(`'${clash[0]}' already has a value (${current[clash[0]]}), and --overwrite is false`));
        continue;
      }
      const next = { ...current, ...change.set };
      for (const k of change.remove) delete next[k];
      const changed = JSON.stringify(next) !== JSON.stringify(current);
      const patch: Record<string, unknown> = { metadata: { [field]: { ...change.set, ...Object.fromEntries(change.remove.map((k) => [k, null])) } } };
      if (flags.string('resource-version')) (patch.metadata as Record<string, unknown>).resourceVersion = flags.string('resource-version');
      try {
        if (changed && dryRun !== 'client') await env.api.patch(t.resource.resource, meta.namespace, meta.name, 'merge', patch, { dryRun: dryRun === 'server' });
      } catch (e) {
        errors.push(e);
        continue;
      }
      const word = field === 'labels'
        // label.go updateDataChangeMsg: "not labeled" when nothing changed, "unlabeled" when it only shrank
        ? (!changed ? 'not labeled' : !flags.bool('overwrite') && Object.keys(next).length < Object.keys(current).length ? 'unlabeled' : 'labeled')
        : 'annotated';
      const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      env.stdout(flags.string('output') === 'name' ? `${kindRef(t.resource)}/${meta.name}\n` : `${kindRef(t.resource)}/${meta.name} ${word}${suffix}\n`);
    }
  }
  if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  return 0;
}
