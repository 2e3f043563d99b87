// `file` check: a workspace file exists, parses, contains some text, and (parsed as YAML or
// JSON) matches a partial object — for a multi-document file, any one document.
import { parseAllDocuments } from 'yaml';
import { resolvePath } from '../../engine';
import type { FileCheck } from '../types';
import { failed, PASSED, type CheckContext, type CheckResult } from './context';
import { describeMismatch, partialMatch, type Mismatch } from './partial';

export function checkFile(c: FileCheck, ctx: CheckContext): CheckResult {
  const path = resolvePath(ctx.workspace, c.file);
  if (!ctx.fs.exists(path)) return failed(`${c.file} does not exist yet`);
  if (ctx.fs.stat(path).type === 'dir') return failed(`${c.file} is a directory; the task wants a file`);
  const text = ctx.fs.readFile(path);
  if (c.contains !== undefined && !text.includes(c.contains)) return failed(`${c.file} does not contain "${c.contains}" yet`);
  if (!c.parses && c.matches === undefined) return PASSED;
  const docs = parse(text, c.parses ?? 'yaml');
  if (typeof docs === 'string') return failed(`${c.file} is not valid ${(c.parses ?? 'yaml').toUpperCase()}: ${docs}`);
  if (c.matches === undefined) return PASSED;
  let first: Mismatch | undefined;
  for (const doc of docs) {
    const m = partialMatch(doc, c.matches);
    if (!m) return PASSED;
    first ??= m;
  }
  if (!first) return failed(`${c.file} is empty`);
  return failed(describeMismatch(c.file, first));
}

/** The documents of the file, or the parser's first complaint. */
function parse(text: string, as: 'yaml' | 'json'): unknown[] | string {
  if (as === 'json') {
    try {
      return [JSON.parse(text) as unknown];
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const out: unknown[] = [];
  for (const d of docs) {
    const err = d.errors[0];
    if (err) return `${err.message.split('\n')[0]} (line ${text.slice(0, err.pos[0]).split('\n').length})`;
    const v: unknown = d.toJS();
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}
