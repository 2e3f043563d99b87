// kubectl explain's default "plaintext" output (kubectl pkg/explain/v2/templates/plaintext.tmpl,
// as embedded in kubectl v1.32), rendered from Podlab's generated schema instead of the server's
// OpenAPI v3 document. A property `{ $ref, description }` here is what OpenAPI v3 writes as
// `{ allOf: [{ $ref }], description }`: its own description, then the referenced type's.
import { k8sSchema, type SchemaNode } from '../../../engine';
import { CmdError } from '../../errors';

export interface ExplainTarget {
  group: string;
  version: string;
  kind: string;
  /** OpenAPI definition name of the kind (`io.k8s.api.core.v1.Pod`). */
  definition: string;
}

function resolve(node: SchemaNode): SchemaNode | undefined {
  return node.$ref ? k8sSchema.definitions[node.$ref.replace('#/definitions/', '')] : undefined;
}

function isMap(node: SchemaNode): node is SchemaNode & { additionalProperties: SchemaNode } {
  return typeof node.additionalProperties === 'object';
}

/** plaintext.tmpl "typeGuess": `string`, `[]Container`, `map[string]string`, `Object`. */
function typeGuess(node: SchemaNode): string {
  if (node.items) return `[]${typeGuess(node.items)}`;
  if (isMap(node)) return `map[string]${typeGuess(node.additionalProperties)}`;
  if (node.$ref) {
    const ref = resolve(node);
    // only object (or type-less, e.g. oneOf Quantity/IntOrString) references print their name
    if (!ref || typeof ref.type !== 'string' || ref.type === 'object') return node.$ref.split('.').pop() || 'Object';
    return ref.type;
  }
  if (node.type === 'object') return 'Object';
  return typeof node.type === 'string' ? node.type : 'Object';
}

/** plaintext.tmpl "extractEnum": `ENUM:` lines (long view) or `enum: a, b, ....` (field lists). */
function extractEnum(node: SchemaNode, longView: boolean, indentAmount = 0): string {
  if (!node.enum?.length) return '';
  const show = (v: unknown): string => (v === '' ? '""' : String(v));
  if (longView) return 'ENUM:' + node.enum.map((v) => `\n    ${show(v)}`).join('');
  const limit = 4;
  const shown = node.enum.slice(0, limit).map(show).join(', ');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}${node.enum.length > limit ? ', ....' : ''}`;
}

/** plaintext.tmpl "description": the node's text, then its referenced / item / value type's. */
function description(node: SchemaNode): string {
  let out = node.description ? `${node.description}\n` : '';
  const ref = resolve(node);
  if (ref) return out + description(ref);
  if (node.items) out += description(node.items);
  if (isMap(node)) out += description(node.additionalProperties);
  return out;
}

/** plaintext.tmpl "fieldList" + "fieldDetail"; `history` holds the refs on the path (cycles). */
function fieldList(node: SchemaNode, level: number, recursive: boolean, history: ReadonlySet<string>): string {
  if (node.$ref && history.has(node.$ref)) return '';
  const seen = new Set(history).add(node.$ref ?? '');
  const resolved = resolve(node) ?? node;
  let out = '';
  for (const name of Object.keys(resolved.properties ?? {}).sort()) {
    const field = resolved.properties![name];
    const indentAmount = level * 2;
    out += indent(indentAmount, name) + `\t<${typeGuess(field)}>`;
    // kubernetes-models marks apiVersion/kind (its `const` fields) required; the API's OpenAPI does not
    if (resolved.required?.includes(name) && field.const === undefined) out += ' -required-';
    out += extractEnum(field, false, indentAmount) + '\n';
    if (recursive) out += fieldList(field, level + 1, recursive, seen);
    else out += indent(indentAmount + 2, wrap(78 - indentAmount, field.description || '<no description>')) + '\n\n';
  }
  if (resolved.items) out += fieldList(resolved.items, level, recursive, seen);
  if (isMap(resolved)) out += fieldList(resolved.additionalProperties, level, recursive, seen);
  return out;
}

/** plaintext.tmpl "output": follow the field path, then print FIELD/DESCRIPTION/FIELDS. */
function output(node: SchemaNode, path: readonly string[], recursive: boolean, history: ReadonlySet<string>): string {
  const ref = node.$ref ?? '';
  const seen = new Set(history).add(ref);
  const resolved = resolve(node) ?? node;
  if (!path.length) {
    // a `{ $ref, description }` property is OpenAPI's allOf wrapper: describe the wrapper itself
    const described = node.$ref && node.description ? node : resolved;
    let out = 'DESCRIPTION:\n' + indent(4, wrap(76, description(described) || '<empty>')) + '\n';
    const fields = fieldList(node, 1, recursive, new Set());
    if (fields) out += 'FIELDS:\n' + fields;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const sub = resolved.properties?.[path[0]];
  if (sub) {
    const head = path.length === 1 ? `FIELD: ${path[0]} <${typeGuess(sub)}>\n${extractEnum(sub, true)}\n\n` : '';
    return head + output(sub, path.slice(1), recursive, new Set());
  }
  if (resolved.items) return output(resolved.items, path, recursive, seen);
  if (isMap(resolved)) return output(resolved.additionalProperties, path, recursive, seen);
  return '';
}

/**
 * Write the plaintext document for a kind and a field path (`['spec', 'containers']`). Like the
 * template, which streams, the header is out before a bad path is found.
 */
export function explainPlaintext(t: ExplainTarget, fieldPath: readonly string[], recursive: boolean, write: (s: string) => void): void {
  write((t.group ? `GROUP:      ${t.group}\n` : '') + `KIND:       ${t.kind}\nVERSION:    ${t.version}\n\n`);
  const body = output({ $ref: `#/definitions/${t.definition}` }, fieldPath, recursive, new Set());
  // plaintext.tmpl "schema": nothing printed means the path left the schema
  if (!body) throw new CmdError(`field "${fieldPath[fieldPath.length - 1]}" does not exist`);
  write(body + '\n');
}

/** explain/v2/funcs.go "indent": pad the first line and every line after a newline. */
export function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/**
 * explain/v2/funcs.go "wrap" (term.NewWordWrapWriter → mitchellh/go-wordwrap WrapString): break
 * at spaces so lines stay within `limit`; existing newlines stay; a word longer than the limit
 * is never split.
 */
export function wrap(limit: number, s: string): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      buf += space + word + ch;
      space = '';
      word = '';
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (!space || word) {
        current += [...space].length + [...word].length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      const wordLen = [...word].length;
      if (current + [...space].length + wordLen > limit && wordLen < limit) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word) return current + [...space].length <= limit ? buf + space : buf;
  return buf + space + word;
}
