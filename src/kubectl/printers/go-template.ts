// `-o go-template=...` / `-o go-template-file=...` (cli-runtime pkg/printers/template.go
// GoTemplatePrinter, genericclioptions/template_flags.go).
import { CmdError } from '../errors';
import { goQuote, goSprint } from './go-format';
import { marshalJSON } from './json';
import { executeTemplate } from './go-template/exec';
import { parseTemplate, TemplateParseError, type TemplateNode } from './go-template/parse';

export interface GoTemplatePrinterOptions {
  /** --allow-missing-template-keys (default true): false sets missingkey=error */
  allowMissingKeys?: boolean;
}

/** What printing produced: text for stdout, and an error for stderr if execution failed. */
export interface TemplateResult {
  stdout: string;
  error?: CmdError;
}

export class GoTemplatePrinter {
  private readonly nodes: TemplateNode[];

  /** Throws CmdError `error parsing template <t>, template: output:1: ...` (template_flags.go). */
  constructor(private readonly template: string, private readonly opts: GoTemplatePrinterOptions = {}) {
    try {
      this.nodes = parseTemplate(template, 'output');
    } catch (e) {
      if (e instanceof TemplateParseError) throw new CmdError(`error parsing template ${template}, ${e.message}`);
      throw e;
    }
  }

  /**
   * template.go PrintObj: on failure the partial output and a debugging dump go to stdout
   * ("easier to debug this stuff when it shows up in stdout") and the error to stderr.
   */
  print(obj: unknown): TemplateResult {
    const { output, error } = executeTemplate(this.nodes, this.template, obj, {
      missingKeyError: this.opts.allowMissingKeys === false,
    });
    if (!error) return { stdout: output };
    const dump = `Error executing template: ${error.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${this.template}\n` +
      `\traw data was:\n\t\t${marshalJSON(obj)}\n` +
      `\tobject given to template engine was:\n\t\t${goSprint(obj)}\n\n`;
    return { stdout: output + dump, error: new CmdError(`error executing template ${goQuote(this.template)}: ${error.message}`) };
  }
}
