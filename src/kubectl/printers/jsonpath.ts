// `-o jsonpath=...` and `-o jsonpath-as-json=...` (cli-runtime pkg/printers/jsonpath.go
// JSONPathPrinter and pkg/genericclioptions/jsonpath_flags.go ToPrinter).
import { CmdError } from '../errors';
import { goQuote, goSharpV } from './go-format';
import { JSONPath, JSONPathExecError } from './jsonpath/eval';
import { JSONPathParseError, parseJSONPath } from './jsonpath/parser';

export interface JSONPathPrinterOptions {
  /** --allow-missing-template-keys (default true) */
  allowMissingKeys?: boolean;
  /** -o jsonpath-as-json */
  asJSON?: boolean;
}

export class JSONPathPrinter {
  private readonly jsonPath: JSONPath;

  /** Throws CmdError `error parsing jsonpath <template>, <reason>` (jsonpath_flags.go ToPrinter). */
  constructor(private readonly template: string, opts: JSONPathPrinterOptions = {}) {
    try {
      this.jsonPath = new JSONPath(parseJSONPath(template), {
        allowMissingKeys: opts.allowMissingKeys ?? true,
        outputJSON: opts.asJSON ?? false,
      });
    } catch (e) {
      if (e instanceof JSONPathParseError) throw new CmdError(`error parsing jsonpath ${template}, ${e.message}`);
      throw e;
    }
  }

  /** The text for one object (a List for several); throws CmdError with the debugging dump. */
  print(obj: unknown): string {
    try {
      return this.jsonPath.execute(obj);
    } catch (e) {
      if (!(e instanceof JSONPathExecError)) throw e;
      // jsonpath.go JSONPathPrinter.PrintObj
      const dump = `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`;
      throw new CmdError(`error executing jsonpath ${goQuote(this.template)}: ${dump}\n`);
    }
  }
}
