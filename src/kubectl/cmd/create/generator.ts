// What every `kubectl create <generator>` subcommand shares (kubectl pkg/cmd/create/create.go and
// the Complete/Run halves of create_*.go): exactly one NAME, the print/dry-run/validate flags, the
// last-applied annotation with --save-config, then either the object printed as it would be sent
// (--dry-run=client) or the server's answer, printed as `kind.group/name created` or through -o.
import { lookupResource, type KubeObject } from '../../../engine';
import type { CommandContext } from '../../command';
import { CmdError, UsageError } from '../../errors';
import type { FlagSpec } from '../../flags';
import { klogWarning } from '../../klog';
import { warningLines } from '../../resource/ref';
import { withLastApplied } from '../apply';
import { objectPrinter, outputFlag, templateFlag } from '../object-output';
import { dryRunFlag, dryRunOf, fieldValidationOf, validateFlag } from '../shared-flags';

/** The flags every generator has (PrintFlags' -o/--template, AddApplyAnnotationFlags, AddValidateFlags, AddDryRunFlag). */
export const GENERATOR_FLAGS: FlagSpec[] = [
  outputFlag,
  templateFlag,
  dryRunFlag,
  validateFlag,
  { name: 'save-config', type: 'bool', usage: 'Store the configuration in the last-applied annotation, so a later kubectl apply can update the object.' },
];

/** create.go NameFromCommandArgs: the one NAME before `--`. */
export function nameFromArgs(ctx: CommandContext): string {
  const n = ctx.flags.dashAt < 0 ? ctx.args.length : ctx.flags.dashAt;
  // create.go NameFromCommandArgs
  if (n !== 1) throw new UsageError(`exactly one NAME is required, got ${n}`);
  return ctx.args[0]!;
}

/** The namespace a generated object names: only the one given with -n (EnforceNamespace). */
export function enforcedNamespace(ctx: CommandContext): string | undefined {
  return ctx.namespaceGiven ? ctx.namespace : undefined;
}

export interface Generated {
  /** the plural resource the object is created as (`deployments`) */
  resource: string;
  object: KubeObject;
  /**
   * How the subcommand wraps a server error (create_deployment.go Run: "failed to create
   * deployment: %v"); undefined when it hands the error on as is (create namespace).
   */
  failure?: (message: string) => string;
}

/**
 * Complete (printer, dry-run, validation) must fail before anything is generated, as kubectl's
 * Complete runs before Run: call `prepare` first, then `finish` with the object.
 */
export function prepare(ctx: CommandContext): (g: Generated) => Promise<void> {
  const { env, flags } = ctx;
  const dryRun = dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w)));
  const print = objectPrinter(env, flags.string('output'), flags.string('template'), dryRun);
  const fieldValidation = fieldValidationOf(flags.string('validate'));
  return async ({ resource, object, failure }) => {
    const info = lookupResource(resource)!;
    const obj = flags.bool('save-config') ? withLastApplied(object) : object;
    if (dryRun === 'client') return print(info, obj, 'created');
    const namespace = info.namespaced ? ctx.namespace : undefined;
    try {
      const r = await env.api.create(resource, obj, { namespace, dryRun: dryRun === 'server', fieldValidation });
      env.stderr(warningLines(r.warnings));
      print(info, r.object, 'created');
    } catch (e) {
      // fmt.Errorf("...: %v", err) turns the API status into plain text: `error: failed to create ...`
      if (failure && e instanceof Error) throw new CmdError(failure(e.message));
      throw e;
    }
  };
}
