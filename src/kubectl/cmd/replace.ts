// `kubectl replace -f` (kubectl pkg/cmd/replace/replace.go): send each object of the files as the
// whole new object (PUT); with --force, delete the objects, wait until they are gone, and create
// them again.
import { isStatusError, type KubeObject, type ResourceInfo } from '../../engine';
import type { CommandContext, CommandDef } from '../command';
import { AggregateError, addSourceToErr, CmdError } from '../errors';
import { klogWarning } from '../klog';
import { buildTargets, type Target } from '../resource/builder';
import { deletedLine, warningLines } from '../resource/ref';
import { LAST_APPLIED, withLastApplied } from './apply';
import { objectPrinter, outputFlag, templateFlag, type PrintObject } from './object-output';
import { dryRunFlag, dryRunOf, fieldValidationOf, filenameFlags, validateFlag, type DryRun } from './shared-flags';
import { waitForDeletion } from './wait-util';

// replace.go forceReplace: how long to wait for the deletion when --timeout is 0
const FORCE_WAIT_MS = 5 * 60_000;

export const replace: CommandDef = {
  name: 'replace',
  group: 'Advanced Commands',
  use: 'replace -f FILENAME',
  short: 'Replace a resource by file name or stdin',
  long: `Replace objects with the ones in the files: each object in the cluster becomes exactly what the file says (fields missing from the file are dropped). The objects must exist.

A running Pod refuses most changes; --force deletes the objects first, waits until they are gone, and creates them from the files.`,
  example: `# Replace pod web with the one in pod.yaml
kubectl replace -f pod.yaml

# Recreate it (delete, wait, create) to change fields a running pod does not allow to change
kubectl replace --force -f pod.yaml`,
  flags: [
    ...filenameFlags('that contain the objects to replace'),
    { name: 'force', type: 'bool', usage: 'Delete the objects and create them again instead of replacing them.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'With --force: seconds the deleted objects get to stop (-1: their own setting).' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'With --force: how long to wait for the deletion (0: five minutes).' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'With --force: "background", "orphan" or "foreground" deletion of dependents.' },
    { name: 'save-config', type: 'bool', usage: 'Store the object in the last-applied-configuration annotation, so that kubectl apply can later compute its changes.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace', usage: 'Name of the manager used to track field ownership.' },
    outputFlag,
    templateFlag,
    validateFlag,
    dryRunFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const o = complete(ctx);
    const print = objectPrinter(env, flags.string('output'), flags.string('template'), o.dryRun);
    const targets = await buildTargets(ctx, { args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), validate: o.validate });
    if (o.force) return forceReplace(ctx, targets, o, print);
    const errors: unknown[] = [];
    for (const t of targets) {
      if (t.kind !== 'name' || !t.manifest) continue;
      try {
        const obj = annotated(t.manifest.object, t.namespace, o.saveConfig);
        if (o.dryRun === 'client') {
          print(t.resource, obj, 'replaced');
          continue;
        }
        await replaceOne(ctx, t.resource, t.namespace, obj, o, print);
      } catch (e) {
        // replace.go Run: cmdutil.AddSourceToErr("replacing", info.Source, err)
        errors.push(addSourceToErr('replacing', t.manifest.source, e));
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};

interface ReplaceOptions {
  force: boolean;
  gracePeriod: number;
  timeoutMs: number;
  cascade: 'Background' | 'Foreground' | 'Orphan';
  saveConfig: boolean;
  dryRun: DryRun;
  validate: boolean;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
}

/** replace.go Complete + Validate. */
function complete(ctx: CommandContext): ReplaceOptions {
  const { flags, env } = ctx;
  const validate = flags.string('validate');
  const fieldValidation = fieldValidationOf(validate);
  const dryRun = dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w)));
  // cli-runtime FilenameOptions.RequireFilenameOrKustomize
  if (!flags.strings('filename').length) throw new CmdError('must specify one of -f and -k');
  const force = flags.bool('force');
  const cascadeRaw = flags.string('cascade');
  const cascade = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' } as const)[cascadeRaw as 'background'];
  // delete.go getCascadingStrategy
  if (!cascade) throw new CmdError(`invalid cascade value (${cascadeRaw}). Must be "background", "foreground", or "orphan"`);
  let gracePeriod = flags.int('grace-period');
  const timeoutMs = flags.duration('timeout');
  // replace.go Validate
  if (gracePeriod >= 0 && !force) throw new CmdError('--grace-period must have --force specified');
  if (timeoutMs !== 0 && !force) throw new CmdError('--timeout must have --force specified');
  if (force && dryRun !== 'none') throw new CmdError('--dry-run can not be used when --force is set');
  // replace.go Complete: an immediate deletion becomes a one-second one
  if (gracePeriod === 0) gracePeriod = 1;
  return { force, gracePeriod, timeoutMs, cascade, saveConfig: flags.bool('save-config'), dryRun, validate: validate !== 'false' && validate !== 'ignore', fieldValidation };
}

/** util.CreateOrUpdateAnnotation: --save-config writes the annotation; an annotation already in the file is refreshed. */
function annotated(obj: KubeObject, namespace: string | undefined, saveConfig: boolean): KubeObject {
  const has = ((obj.metadata ?? {}) as { annotations?: Record<string, string> }).annotations?.[LAST_APPLIED] !== undefined;
  return saveConfig || has ? withLastApplied(obj, namespace) : structuredClone(obj);
}

/** resource.Helper.Replace(overwrite=true): without a resourceVersion, PUT over the live one's. */
async function replaceOne(ctx: CommandContext, info: ResourceInfo, namespace: string | undefined, obj: KubeObject, o: ReplaceOptions, print: PrintObject): Promise<void> {
  const { env } = ctx;
  const meta = obj.metadata as { name: string; resourceVersion?: string };
  if (!meta.resourceVersion) {
    try {
      const live = await env.api.get(info.resource, namespace, meta.name);
      meta.resourceVersion = (live.metadata as { resourceVersion?: string }).resourceVersion;
    } catch (e) {
      // helper.go Replace: a missing object goes to the PUT, which reports it
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
  const r = await env.api.update(info.resource, obj, { namespace, dryRun: o.dryRun === 'server', fieldValidation: o.fieldValidation });
  env.stderr(warningLines(r.warnings));
  print(info, r.object, 'replaced');
}

/** replace.go forceReplace: delete (ignoring missing objects), poll each second until gone, create. */
async function forceReplace(ctx: CommandContext, targets: Target[], o: ReplaceOptions, print: PrintObject): Promise<number> {
  const { env } = ctx;
  const named = targets.filter((t): t is Extract<Target, { kind: 'name' }> => t.kind === 'name');
  for (const t of named) {
    try {
      await env.api.delete(t.resource.resource, t.namespace, t.name, { propagationPolicy: o.cascade, ...(o.gracePeriod >= 0 ? { gracePeriodSeconds: o.gracePeriod } : {}) });
      env.stdout(deletedLine(t.resource, t.name));
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
  const timeout = o.timeoutMs || FORCE_WAIT_MS;
  for (const t of named) {
    let uid: string;
    try {
      uid = ((await env.api.get(t.resource.resource, t.namespace, t.name)).metadata as { uid: string }).uid;
    } catch (e) {
      if (isStatusError(e, 'NotFound')) continue;
      throw e;
    }
    // replace.go forceReplace polls each second (wait.PollUntilContextTimeout); Podlab watches
    // with one deadline, as delete does, then lands on the poll tick that would have seen it gone
    const started = env.now();
    const outcome = await waitForDeletion(env, [{ resource: t.resource, namespace: t.namespace, name: t.name, uid }], timeout);
    if (outcome === 'interrupted') return 130;
    // wait.PollUntilContextTimeout: "timed out waiting for the condition"
    if (outcome === 'timeout') throw new CmdError('timed out waiting for the condition');
    // the first poll (at once) found it, so the earliest that sees it gone is one second later
    const waited = env.now() - started;
    const tick = Math.max(1000, Math.ceil(waited / 1000) * 1000);
    if (tick > waited) await env.sleep(tick - waited);
  }
  const errors: unknown[] = [];
  let count = 0;
  for (const t of named) {
    try {
      const r = await env.api.create(t.resource.resource, annotated(t.manifest!.object, t.namespace, o.saveConfig), { namespace: t.namespace, fieldValidation: o.fieldValidation });
      env.stderr(warningLines(r.warnings));
      count++;
      print(t.resource, r.object, 'replaced');
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  // replace.go forceReplace
  if (!count) throw new CmdError('no objects passed to replace');
  return 0;
}
