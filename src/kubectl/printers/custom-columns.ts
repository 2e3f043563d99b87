// `-o custom-columns=NAME:.metadata.name,...` and `-o custom-columns-file=<file>`
// (kubectl pkg/cmd/get/customcolumn.go and customcolumn_flags.go).
import { CmdError } from '../errors';
import { goSprint, isPlainObject } from './go-format';
import { JSONPath, JSONPathExecError } from './jsonpath/eval';
import { JSONPathParseError, parseJSONPath } from './jsonpath/parser';
import { TabWriter } from './tabwriter';

export interface Column {
  header: string;
  /** a full JSONPath template, e.g. "{.metadata.name}" */
  fieldSpec: string;
}

const RELAXED_RE = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/s;

/**
 * customcolumn.go RelaxedJSONPathExpression: "a.b", ".a.b", "{a.b}" and "{.a.b}" all become
 * "{.a.b}" (also what --sort-by accepts).
 */
export function relaxedJSONPathExpression(expr: string): string {
  if (expr === '') return expr;
  const m = RELAXED_RE.exec(expr);
  if (!m) throw new CmdError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec === '') throw new CmdError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new CmdError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), fieldSpec: relaxedJSONPathExpression(part.slice(colon + 1)) };
  });
}

const TEMPLATE_HINT = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/** NewCustomColumnsPrinterFromTemplate: a header line and a spec line, split on whitespace. */
export function parseCustomColumnsTemplate(text: string): Column[] {
  // bufio.Scanner lines: a final newline does not start another line
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const words = (l: string): string[] => l.split(/\s+/).filter((w) => w !== '');
  if (lines.length < 1) throw new CmdError(`invalid template, missing header line. ${TEMPLATE_HINT}`);
  if (lines.length < 2) throw new CmdError(`invalid template, missing spec line. ${TEMPLATE_HINT}`);
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new CmdError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJSONPathExpression(specs[i]) }));
}

/** CustomColumnsPrinter: one row per object (per item of a List), laid out by the tab writer. */
export class CustomColumnsPrinter {
  private readonly paths: JSONPath[];
  // customcolumn.go PrintObj: the header once (per type printed), and one tab writer, so the rows
  // of a watch keep their columns' widths
  private printedHeaders = false;
  private readonly w = new TabWriter();

  constructor(private readonly columns: readonly Column[], private readonly noHeaders = false) {
    this.paths = columns.map((c) => {
      try {
        return new JSONPath(parseJSONPath(c.fieldSpec), { allowMissingKeys: true });
      } catch (e) {
        if (e instanceof JSONPathParseError) throw new CmdError(e.message);
        throw e;
      }
    });
  }

  print(obj: unknown): string {
    const w = this.w;
    if (!this.noHeaders && !this.printedHeaders) w.writeCells(this.columns.map((c) => c.header));
    this.printedHeaders = true;
    const items = isPlainObject(obj) && Array.isArray(obj.items) && typeof obj.kind === 'string' && obj.kind.endsWith('List')
      ? obj.items : [obj];
    for (const item of items) w.writeCells(this.row(item));
    return w.flush();
  }

  // customcolumn.go printOneObject: every value of the path joined by ",", "<none>" for none.
  private row(obj: unknown): string[] {
    return this.paths.map((p) => {
      let groups: unknown[][];
      try {
        groups = p.findResults(obj);
      } catch (e) {
        if (e instanceof JSONPathExecError) throw new CmdError(e.message);
        throw e;
      }
      const values: string[] = [];
      if (groups.length === 0 || groups[0].length === 0) values.push('<none>');
      for (const g of groups) for (const v of g) values.push(escapeTerminal(goSprint(v)));
      return values.join(',');
    });
  }
}

// cli-runtime terminal.go EscapeTerminal
function escapeTerminal(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}
