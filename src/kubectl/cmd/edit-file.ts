// The file `kubectl edit` hands to the editor and reads back (kubectl pkg/cmd/util/editor:
// editoptions.go editHeader.writeTo, hashOnLineBreak, hasLines; editor.go defaultEnvEditor and
// LaunchTempFile's temp name; pkg/cmd/util/helpers.go StripComments, ManualStrip).
import { parseAllDocuments } from 'yaml';
import { sortedJson } from '../resource/manifest';

/** One failure shown at the top of a reopened file: a head line and `* ` detail lines. */
export interface EditReason {
  head: string;
  other: string[];
}

/** editoptions.go editHeader.writeTo (normal edit mode). */
export function writeHeader(reasons: readonly EditReason[]): string {
  let out = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;
  for (const r of reasons) {
    out += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** editoptions.go hashOnLineBreak: continue multi-line reasons as comments. */
function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#') r += '\n# ';
    else r += s[i];
  }
  return r;
}

/** helpers.go ManualStrip: drop comment lines (but not `#!`). */
export function manualStrip(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => ({ line, last: i === lines.length - 1 }))
    .filter(({ line }) => !(line.trim().startsWith('#') && !line.trim().startsWith('#!')))
    .map(({ line, last }) => (last ? line : `${line}\n`))
    .join('');
}

/**
 * helpers.go StripComments: the document as JSON when it parses (so comments and layout do not
 * count as changes), the text without comment lines otherwise.
 */
export function stripComments(text: string): string {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, version: '1.1', merge: true });
  const first = docs[0];
  if (!first) return 'null';
  if (first.errors.length) return manualStrip(text);
  return sortedJson(first.toJS({ maxAliasCount: 100 }) ?? null);
}

/** editoptions.go hasLines: some line that is neither blank nor a comment. */
export function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** editor.go defaultEnvEditor: KUBE_EDITOR, then EDITOR, then vi; split on spaces, or run by the shell when quoted. */
export function editorArgs(vars: Readonly<Record<string, string>>): string[] {
  const editor = vars.KUBE_EDITOR || vars.EDITOR || 'vi';
  if (!editor.includes(' ')) return [editor];
  if (!/["'\\]/.test(editor)) return editor.split(' ');
  return [vars.SHELL || '/bin/bash', '-c', editor];
}

/**
 * editor.go LaunchTempFile: os.CreateTemp("", "kubectl-edit-*.yaml") — Go fills the `*` with a
 * random uint32 in decimal. Podlab derives it from the virtual clock and the attempt number, so a
 * replay names the same files.
 */
export function tempFileName(nowMs: number, attempt: number, ext: string): string {
  // a 32-bit integer hash (lowbias32) of the two numbers
  let x = (Math.floor(nowMs) ^ Math.imul(attempt + 1, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return `/tmp/kubectl-edit-${x >>> 0}${ext}`;
}
