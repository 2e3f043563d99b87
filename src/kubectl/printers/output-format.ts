// Parsing `-o/--output` (cli-runtime pkg/genericclioptions print_flags.go, json_yaml_flags.go,
// name_flags.go, jsonpath_flags.go, template_flags.go, kubectl pkg/cmd/get/customcolumn_flags.go
// and humanreadable_flags.go). The value names a printer and may carry its argument after "="
// (`jsonpath={.x}`, `custom-columns=NAME:.metadata.name`); templates may instead come from
// --template. File formats name a file the caller reads.
import { CmdError } from '../errors';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'json' }
  | { kind: 'yaml' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJSON: boolean }
  | { kind: 'jsonpath-file'; file: string }
  | { kind: 'go-template'; template: string }
  | { kind: 'go-template-file'; file: string }
  | { kind: 'custom-columns'; spec: string }
  | { kind: 'custom-columns-file'; file: string };

const JSON_YAML = ['json', 'yaml'];
const NAME = ['name'];
const JSONPATH = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const GO_TEMPLATE = ['go-template', 'go-template-file', 'template', 'templatefile'];
const CUSTOM_COLUMNS = ['custom-columns', 'custom-columns-file'];

/** The formats commands that print objects accept (create, apply, run, expose, ...). */
export const GENERIC_FORMATS: readonly string[] = [...JSON_YAML, ...NAME, ...GO_TEMPLATE, ...JSONPATH];
/** `kubectl get` also takes the table formats and custom columns. */
export const GET_FORMATS: readonly string[] = [...GENERIC_FORMATS, ...CUSTOM_COLUMNS, 'wide'];

export interface OutputFlags {
  /** -o value; '' for the default table (get) or none */
  output: string;
  /** --template */
  template?: string;
  /** which formats this command accepts (GET_FORMATS for get) */
  allowed?: readonly string[];
}

// print_flags.go NoCompatiblePrinterError
function noCompatiblePrinter(output: string, allowed: readonly string[]): CmdError {
  const formats = [...allowed].sort().join(',');
  return new CmdError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${formats}`);
}

/** The printer an `-o` value asks for, or kubectl's error for it. */
export function parseOutputFormat(flags: OutputFlags): OutputFormat {
  const allowed = flags.allowed ?? GET_FORMATS;
  const output = flags.output;
  if (output === '' && allowed.includes('wide')) return { kind: 'table', wide: false };
  if (output === 'wide' && allowed.includes('wide')) return { kind: 'table', wide: true };
  if ((output === 'json' || output === 'yaml') && allowed.includes(output)) return { kind: output };
  if (output === 'name' && allowed.includes('name')) return { kind: 'name' };

  // with --template the -o value is the bare format name; otherwise the value follows "="
  // (jsonpath_flags.go, template_flags.go, customcolumn_flags.go ToPrinter)
  const eq = flags.template ? -1 : output.indexOf('=');
  const format = eq >= 0 ? output.slice(0, eq) : output;
  if (!allowed.includes(format) || format === 'wide' || JSON_YAML.includes(format) || format === 'name') {
    throw noCompatiblePrinter(output, allowed);
  }
  const value = flags.template || (eq >= 0 ? output.slice(eq + 1) : '');
  if (CUSTOM_COLUMNS.includes(format)) {
    if (value === '') throw new CmdError('custom-columns format specified but no custom columns given');
    return format === 'custom-columns' ? { kind: 'custom-columns', spec: value } : { kind: 'custom-columns-file', file: value };
  }
  if (value === '') throw new CmdError('template format specified but no template given');
  switch (format) {
    case 'jsonpath': return { kind: 'jsonpath', template: value, asJSON: false };
    case 'jsonpath-as-json': return { kind: 'jsonpath', template: value, asJSON: true };
    case 'jsonpath-file': return { kind: 'jsonpath-file', file: value };
    case 'go-template': case 'template': return { kind: 'go-template', template: value };
    default: return { kind: 'go-template-file', file: value };
  }
}
