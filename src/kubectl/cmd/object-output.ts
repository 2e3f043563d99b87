// What the mutating verbs of this folder (patch, replace, edit, expose, rollout undo) print per
// object: the operation line (`pod/web patched`, with ` (dry run)` suffixes), or the object through
// -o (cli-runtime genericclioptions PrintFlags.ToPrinter with an Operation: `-o name` drops the
// operation, json/yaml/jsonpath/go-template print the object without its managedFields).
import type { KubeObject, ResourceInfo } from '../../engine';
import type { KubectlEnv } from '../env';
import type { FlagSpec } from '../flags';
import { genericPrinter, GENERIC_FORMATS, omitManagedFields, parseOutputFormat, type OutputFormat, type ResourcePrinter } from '../printers';
import { kindRef, nameOf } from '../resource/ref';
import { dryRunSuffix, type DryRun } from './shared-flags';

export const outputFlag: FlagSpec = {
  name: 'output', shorthand: 'o', type: 'string',
  usage: 'Print the resulting object instead of a one-line message: json, yaml, name, go-template=..., jsonpath=... .',
};

export const templateFlag: FlagSpec = { name: 'template', type: 'string', usage: 'The template for -o go-template or -o jsonpath.' };

export type PrintObject = (info: ResourceInfo, obj: KubeObject, operation: string) => void;

/** A printer for the command's -o value, checked before anything is changed (kubectl's Complete). */
export function objectPrinter(env: KubectlEnv, output: string, template: string, dryRun: DryRun): PrintObject {
  let generic: ResourcePrinter | undefined;
  if (output && output !== 'name') {
    // GENERIC_FORMATS has no table formats, so the format is one of the generic printers'
    const format = parseOutputFormat({ output, template: template || undefined, allowed: GENERIC_FORMATS }) as Exclude<OutputFormat, { kind: 'table' }>;
    generic = genericPrinter(format, { readFile: (p) => env.files.read(p) });
  }
  return (info, obj, operation) => {
    // name_flags.go ToPrinter: -o name is the name printer with ShortOutput (no operation)
    if (output === 'name') return env.stdout(`${kindRef(info)}/${nameOf(obj)}\n`);
    if (!generic) return env.stdout(`${kindRef(info)}/${nameOf(obj)} ${operation}${dryRunSuffix(dryRun)}\n`);
    const r = generic.print(omitManagedFields(obj));
    env.stdout(r.stdout);
    if (r.error) throw r.error;
  };
}
