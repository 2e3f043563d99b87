// One entry point for the non-table printers, chosen by parseOutputFormat (cli-runtime
// genericclioptions PrintFlags.ToPrinter). Each print call handles one object — a List for
// several — and returns stdout text plus, for go-template failures, the error to report.
import { CmdError } from '../errors';
import { CustomColumnsPrinter, parseCustomColumnsSpec, parseCustomColumnsTemplate } from './custom-columns';
import { GoTemplatePrinter } from './go-template';
import { printJSON } from './json';
import { JSONPathPrinter } from './jsonpath';
import { printName } from './name';
import type { OutputFormat } from './output-format';
import { printYAML } from './yaml';

export interface PrintResult {
  stdout: string;
  error?: CmdError;
}

export interface ResourcePrinter {
  print(obj: unknown): PrintResult;
}

export interface GenericPrinterOptions {
  /** --allow-missing-template-keys (default true) */
  allowMissingTemplateKeys?: boolean;
  /** --no-headers (custom columns) */
  noHeaders?: boolean;
  /** Reads a *-file format's file; throws an Error whose message is Go's os error text. */
  readFile?: (path: string) => string;
}

export function genericPrinter(format: Exclude<OutputFormat, { kind: 'table' }>, opts: GenericPrinterOptions = {}): ResourcePrinter {
  const read = (path: string, what: string): string => {
    try {
      if (!opts.readFile) throw new Error(`open ${path}: no such file or directory`);
      return opts.readFile(path);
    } catch (e) {
      // jsonpath_flags.go / template_flags.go "error reading --template %s, %v";
      // customcolumn_flags.go "error reading template %s, %v\n"
      throw new CmdError(`${what} ${path}, ${e instanceof Error ? e.message : String(e)}${what === 'error reading template' ? '\n' : ''}`);
    }
  };
  const allowMissingKeys = opts.allowMissingTemplateKeys ?? true;
  switch (format.kind) {
    case 'json': return { print: (o) => ({ stdout: printJSON(o) }) };
    case 'yaml': {
      let count = 0;
      return { print: (o) => ({ stdout: printYAML(o, count++) }) };
    }
    case 'name': return { print: (o) => ({ stdout: printName(o) }) };
    case 'jsonpath':
    case 'jsonpath-file': {
      const template = format.kind === 'jsonpath' ? format.template : read(format.file, 'error reading --template');
      const p = new JSONPathPrinter(template, { allowMissingKeys, asJSON: format.kind === 'jsonpath' && format.asJSON });
      return {
        print(o) {
          try {
            return { stdout: p.print(o) };
          } catch (e) {
            if (e instanceof CmdError) return { stdout: '', error: e };
            throw e;
          }
        },
      };
    }
    case 'go-template':
    case 'go-template-file': {
      const template = format.kind === 'go-template' ? format.template : read(format.file, 'error reading --template');
      const p = new GoTemplatePrinter(template, { allowMissingKeys });
      return { print: (o) => p.print(o) };
    }
    case 'custom-columns':
    case 'custom-columns-file': {
      const columns = format.kind === 'custom-columns'
        ? parseCustomColumnsSpec(format.spec)
        : parseCustomColumnsTemplate(read(format.file, 'error reading template'));
      // a columns file always prints its header (NewCustomColumnsPrinterFromTemplate)
      const p = new CustomColumnsPrinter(columns, format.kind === 'custom-columns' && !!opts.noHeaders);
      return {
        print(o) {
          try {
            return { stdout: p.print(o) };
          } catch (e) {
            if (e instanceof CmdError) return { stdout: '', error: e };
            throw e;
          }
        },
      };
    }
  }
}
