// Flags several verbs share, with kubectl's parsing of their values (kubectl pkg/cmd/util
// helpers.go AddDryRunFlag/GetDryRunStrategy, AddValidateFlags/GetValidationDirective,
// cli-runtime FileNameFlags).
import type { FieldValidation } from '../../engine';
import { CmdError } from '../errors';
import type { FlagSpec, Flags } from '../flags';

/** `recursive`: -R's default (true in `kubectl wait`, whose ResourceBuilderFlags set it so: wait.go NewWaitFlags). */
export function filenameFlags(what: string, recursive = false): FlagSpec[] {
  return [
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: `The files ${what}; a folder means every .yaml, .yml and .json file in it; - means standard input.` },
    { name: 'recursive', shorthand: 'R', type: 'bool', default: recursive, usage: 'Also read the folders inside the folders given with -f.' },
  ];
}

export const dryRunFlag: FlagSpec = {
  name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged',
  usage: 'Must be "none", "server", or "client". "client" only shows what would be sent; "server" sends it to be checked without saving it.',
};

export const validateFlag: FlagSpec = {
  name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict',
  usage: 'Must be one of: strict (or true), warn, ignore (or false). strict rejects unknown or duplicated fields, warn only warns about them, ignore drops them silently.',
};

export type DryRun = 'none' | 'client' | 'server';

/** helpers.go GetDryRunStrategy. Returns the strategy and, for a bare --dry-run, klog's deprecation warning. */
export function dryRunOf(flags: Flags, warn?: (line: string) => void): DryRun {
  const v = flags.string('dry-run');
  switch (v) {
    case '':
    case 'none':
      return 'none';
    case 'client':
    case 'server':
      return v;
    case 'unchanged':
      // helpers.go GetDryRunStrategy: klog.Warning for the deprecated bare flag
      warn?.('--dry-run is deprecated and can be replaced with --dry-run=client.');
      return 'client';
    default:
      // helpers.go GetDryRunStrategy
      throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** The suffix kubectl's operation printers add: ` (dry run)` / ` (server dry run)`. */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/** helpers.go GetValidationDirective. */
export function fieldValidationOf(v: string): FieldValidation {
  switch (v.toLowerCase()) {
    case 'strict':
    case 'true':
    case '':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'ignore':
    case 'false':
      return 'Ignore';
    default:
      throw new CmdError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
  }
}
