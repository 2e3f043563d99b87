// `kubectl delete` (kubectl pkg/cmd/delete/delete.go): by name, -f, -l, --all; graceful by
// default, then waits on the virtual clock until the objects are gone (--wait=true).
import { isStatusError, type DeleteOptions, type KubeObject } from '../../engine';
import { INTERRUPTED_EXIT } from '../env';
import type { CommandDef } from '../command';
import { AggregateError, CmdError } from '../errors';
import { buildTargets, fetchTarget, NO_RESOURCES_GIVEN } from '../resource/builder';
import { deletedLine, kindRef } from '../resource/ref';
import { dryRunFlag, dryRunOf, filenameFlags } from './shared-flags';
import { waitForDeletion, WAIT_FOREVER_MS, type Awaited } from './wait-util';
import { klogWarning } from '../klog';

export const del: CommandDef = {
  name: 'delete',
  group: 'Basic Commands (Intermediate)',
  use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long:
    'Delete objects named on the command line, listed in files, or matched by a label selector. Pods are given their grace period to stop (30 seconds unless the pod says otherwise) and kubectl waits until they are gone; --now shortens the grace period to one second, and --force with --grace-period=0 removes the object at once without waiting for its containers to stop.',
  example: `# Delete the pod named web
kubectl delete pod web

# Delete the objects described in pod.yaml
kubectl delete -f pod.yaml

# Delete every pod labelled app=web
kubectl delete pods -l app=web

# Delete all pods in the current namespace without waiting
kubectl delete pods --all --wait=false`,
  flags: [
    ...filenameFlags('that name the objects to delete'),
    { name: 'all', type: 'bool', usage: 'Delete every object of the given types in the namespace.' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'With a selector or --all, look in every namespace.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector (e.g. -l app=web,tier!=db) choosing what to delete.' },
    { name: 'field-selector', type: 'string', usage: 'Field selector (e.g. --field-selector status.phase=Failed) choosing what to delete.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Seconds the objects get to stop gracefully; -1 uses their own setting, 0 (with --force) deletes at once.' },
    { name: 'now', type: 'bool', usage: 'Signal the objects to stop at once (same as --grace-period=1).' },
    { name: 'force', type: 'bool', usage: 'With --grace-period=0, remove the objects from the API at once, without waiting for their containers to stop.' },
    { name: 'wait', type: 'bool', default: true, usage: 'Wait until the objects are gone before returning.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'How long to wait for the deletion before giving up; 0 means as long as it takes.' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Treat "not found" as success.' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground": what happens to dependents (pods of a ReplicaSet, ...).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: "name" prints kind/name of each deleted object.' },
    dryRunFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const o = complete(ctx);
    const targets = await buildTargets(ctx, {
      args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: o.selector,
      fieldSelector: flags.string('field-selector'), all: o.all, allNamespaces: flags.bool('all-namespaces'), requireNames: true,
    });
    if (!targets.length) throw new CmdError(NO_RESOURCES_GIVEN);
    if (o.force && o.gracePeriod === 0) {
      // delete.go Validate
      env.stderr('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    } else if (o.force) {
      env.stderr('Warning: --force is ignored because --grace-period is not 0.\n');
    }
    const errors: unknown[] = [];
    const deleted: Awaited[] = [];
    let found = 0;
    for (const t of targets) {
      let objects: KubeObject[];
      try {
        objects = t.kind === 'name' && !t.manifest ? [await env.api.get(t.resource.resource, t.namespace, t.name)] : await fetchTarget(ctx, t);
      } catch (e) {
        if (!(isStatusError(e, 'NotFound') && o.ignoreNotFound)) errors.push(e);
        continue;
      }
      for (const obj of objects) {
        const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string; uid?: string };
        const name = meta.name ?? '';
        const namespace = t.resource.namespaced ? meta.namespace : undefined;
        found++;
        const opts: DeleteOptions = { propagationPolicy: o.cascade, dryRun: o.dryRun === 'server' };
        if (o.gracePeriod >= 0) opts.gracePeriodSeconds = o.gracePeriod;
        try {
          if (o.dryRun !== 'client') await env.api.delete(t.resource.resource, namespace, name, opts);
        } catch (e) {
          if (!(isStatusError(e, 'NotFound') && o.ignoreNotFound)) errors.push(e);
          continue;
        }
        if (o.output === 'name') env.stdout(`${kindRef(t.resource)}/${name}\n`);
        else env.stdout(deletedLine(t.resource, name, o.force && o.gracePeriod === 0).replace(/\n$/, `${o.dryRun === 'client' ? ' (dry run)' : o.dryRun === 'server' ? ' (server dry run)' : ''}\n`));
        deleted.push({ resource: t.resource, namespace, name, uid: meta.uid ?? '' });
      }
    }
    // delete.go DeleteResult: nothing matched
    if (!found && !errors.length && targets.some((t) => t.kind === 'list')) env.stdout('No resources found\n');
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    // delete.go: immediate deletions and dry runs do not wait
    if (!o.wait || o.dryRun !== 'none' || (o.force && o.gracePeriod === 0) || !deleted.length) return 0;
    const outcome = await waitForDeletion(env, deleted, o.timeoutMs || WAIT_FOREVER_MS);
    // wait.go IsDeleted on timeout: "timed out waiting for the condition on pods/web"
    if (outcome === 'timeout') throw new CmdError(`timed out waiting for the condition on ${deleted.map((d) => `${d.resource.resource}/${d.name}`).join(', ')}`);
    // wait/delete.go IsDeleted: interrupt.New(nil, cancel)
    return outcome === 'interrupted' ? INTERRUPTED_EXIT : 0;
  },
};

interface DeleteCmdOptions {
  selector: string;
  all: boolean;
  gracePeriod: number;
  force: boolean;
  wait: boolean;
  timeoutMs: number;
  ignoreNotFound: boolean;
  cascade: 'Background' | 'Foreground' | 'Orphan';
  dryRun: 'none' | 'client' | 'server';
  output: string;
}

/** delete.go Complete + Validate. */
function complete(ctx: Parameters<NonNullable<CommandDef['run']>>[0]): DeleteCmdOptions {
  const { flags, env } = ctx;
  const selector = flags.string('selector');
  const all = flags.bool('all');
  // delete.go Validate
  if (all && selector) throw new CmdError("setting 'all' parameter but found a non empty selector. ");
  if (all && flags.string('field-selector')) throw new CmdError("setting 'all' parameter but found a non empty field selector. ");
  if (flags.bool('now') && flags.changed('grace-period')) throw new CmdError('--now and --grace-period cannot be specified together');
  const cascadeRaw = flags.string('cascade');
  const cascade = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' } as const)[cascadeRaw as 'background'];
  // delete.go getCascadingStrategy
  if (!cascade) throw new CmdError(`invalid cascade value (${cascadeRaw}). Must be "background", "foreground", or "orphan"`);
  const force = flags.bool('force');
  let gracePeriod = flags.int('grace-period');
  if (flags.bool('now')) gracePeriod = 1;
  // delete.go Complete: --grace-period=0 without --force becomes 1 (no accidental immediate deletion)
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force && gracePeriod < 0) gracePeriod = 0;
  const output = flags.string('output');
  if (output && output !== 'name') throw new CmdError(`unable to match a printer suitable for the output format "${output}", allowed formats are: name`);
  return {
    selector, all, gracePeriod, force, wait: flags.bool('wait'), timeoutMs: flags.duration('timeout'), ignoreNotFound: flags.bool('ignore-not-found'),
    cascade, dryRun: dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w))), output,
  };
}
