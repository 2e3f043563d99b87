// `-o name` and the "pod/web created" lines: cli-runtime pkg/printers/name.go NamePrinter.
import { CmdError } from '../errors';
import { isPlainObject } from './go-format';

export interface NamePrinterOptions {
  /** "created", "configured", "deleted"...: appended after a space */
  operation?: string;
  /** --output=name on a mutating command: the operation is dropped */
  shortOutput?: boolean;
}

/** Lines for one object, or for every item of a List. */
export function printName(obj: unknown, opts: NamePrinterOptions = {}): string {
  if (!isPlainObject(obj)) return '';
  if (Array.isArray(obj.items) && typeof obj.kind === 'string' && obj.kind.endsWith('List')) {
    return obj.items.map((item) => printName(item, opts)).join('');
  }
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  if (!apiVersion && !kind) throw new CmdError('missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type');
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' && meta.name ? meta.name : '<unknown>';
  if (!kind) throw new CmdError(`missing kind for resource with name ${name}`);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const op = opts.operation && !opts.shortOutput ? ` ${opts.operation}` : '';
  return group ? `${kind.toLowerCase()}.${group}/${name}${op}\n` : `${kind.toLowerCase()}/${name}${op}\n`;
}
