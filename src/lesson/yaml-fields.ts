// Reading author-written YAML (the frontmatter, task blocks) field by field, with the file line of
// every key, so each schema problem points at the line to fix.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { LessonProblem } from './types';

/** A YAML text that starts at `firstLine` of `file`. */
export class YamlSource {
  readonly doc: Document.Parsed;
  private readonly lc = new LineCounter();

  constructor(readonly text: string, readonly file: string, readonly firstLine: number, readonly problems: LessonProblem[]) {
    this.doc = parseDocument(text, { lineCounter: this.lc, prettyErrors: false, uniqueKeys: true });
    for (const e of this.doc.errors) {
      const at = this.lc.linePos(e.pos[0]);
      this.problems.push({ file, line: firstLine + at.line - 1, column: at.col, message: `${what(this)}: ${firstLineOf(e.message)}` });
    }
  }

  get ok(): boolean {
    return this.doc.errors.length === 0;
  }

  /** The file line of a node (or of the text's start). */
  lineOf(node: Node | undefined | null): number {
    const offset = node?.range?.[0];
    return offset === undefined ? this.firstLine : this.firstLine + this.lc.linePos(offset).line - 1;
  }

  /** The top-level map, or a problem when the text is something else. */
  root(where: string): FieldMap | undefined {
    if (!this.ok) return undefined;
    const c = this.doc.contents;
    if (!isMap(c)) {
      this.problems.push({ file: this.file, line: this.lineOf(c), message: `${where}: expected a YAML map of keys (key: value)` });
      return undefined;
    }
    return new FieldMap(this, c, where);
  }
}

function what(y: YamlSource): string {
  return `invalid YAML (starting at line ${y.firstLine})`;
}

function firstLineOf(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** One YAML map being read: typed getters report wrong types, `done` reports unknown keys. */
export class FieldMap {
  private readonly seen = new Set<string>();

  constructor(readonly y: YamlSource, readonly node: YAMLMap, readonly where: string) {}

  get line(): number {
    return this.y.lineOf(this.node);
  }

  keys(): string[] {
    return this.node.items.map((p) => keyOf(p)).filter((k): k is string => k !== undefined);
  }

  has(key: string): boolean {
    return this.pair(key) !== undefined;
  }

  /** The line of `key` (or of the map when it is absent). */
  lineOfKey(key: string): number {
    const p = this.pair(key);
    return p ? this.y.lineOf(p.key as Node) : this.line;
  }

  valueNode(key: string): Node | undefined {
    this.seen.add(key);
    return (this.pair(key)?.value as Node | null | undefined) ?? undefined;
  }

  /** The plain JavaScript value of `key` (undefined when absent). */
  value(key: string): unknown {
    const n = this.valueNode(key);
    return n === undefined ? undefined : n.toJSON();
  }

  problem(key: string | undefined, message: string): void {
    this.y.problems.push({ file: this.y.file, line: key === undefined ? this.line : this.lineOfKey(key), message: `${this.where}: ${message}` });
  }

  string(key: string, required = false): string | undefined {
    const v = this.value(key);
    if (v === undefined || v === null) {
      if (required) this.problem(key, `missing "${key}"`);
      return undefined;
    }
    if (typeof v !== 'string') {
      // numbers and booleans are fine as text (`cpu: 2`), maps and lists are not
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      this.problem(key, `"${key}" must be text, not ${kindOf(v)}`);
      return undefined;
    }
    if (required && !v.trim()) this.problem(key, `"${key}" is empty`);
    return v;
  }

  number(key: string, required = false): number | undefined {
    const v = this.value(key);
    if (v === undefined || v === null) {
      if (required) this.problem(key, `missing "${key}"`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.problem(key, `"${key}" must be a number, not ${kindOf(v)}`);
      return undefined;
    }
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.value(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.problem(key, `"${key}" must be true or false, not ${kindOf(v)}`);
      return undefined;
    }
    return v;
  }

  /** A list of texts (a single text is accepted as a list of one). */
  strings(key: string): { value: string; line: number }[] | undefined {
    const n = this.valueNode(key);
    if (n === undefined || (isScalar(n) && n.value === null)) return undefined;
    if (isScalar(n) && typeof n.value === 'string') return [{ value: n.value, line: this.y.lineOf(n) }];
    if (!isSeq(n)) {
      this.problem(key, `"${key}" must be a list of texts`);
      return undefined;
    }
    const out: { value: string; line: number }[] = [];
    for (const item of n.items as Node[]) {
      const v = item?.toJSON() as unknown;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push({ value: String(v), line: this.y.lineOf(item) });
      else this.y.problems.push({ file: this.y.file, line: this.y.lineOf(item), message: `${this.where}: each entry of "${key}" must be text, not ${kindOf(v)}` });
    }
    return out;
  }

  /** A nested map. */
  map(key: string, where = `${this.where} ${key}`): FieldMap | undefined {
    const n = this.valueNode(key);
    if (n === undefined || (isScalar(n) && n.value === null)) return undefined;
    if (!isMap(n)) {
      this.problem(key, `"${key}" must be a map (key: value)`);
      return undefined;
    }
    return new FieldMap(this.y, n, where);
  }

  /** The items of a nested list. */
  list(key: string): Node[] | undefined {
    const n = this.valueNode(key);
    if (n === undefined || (isScalar(n) && n.value === null)) return undefined;
    if (!isSeq(n)) {
      this.problem(key, `"${key}" must be a list`);
      return undefined;
    }
    return n.items as Node[];
  }

  /** Report every key that is not in `known` (with a suggestion for a near miss). */
  done(known: readonly string[]): void {
    for (const p of this.node.items) {
      const k = keyOf(p);
      if (k === undefined || known.includes(k)) continue;
      const near = closest(k, known);
      this.y.problems.push({
        file: this.y.file,
        line: this.y.lineOf(p.key as Node),
        message: `${this.where}: unknown key "${k}"${near ? ` (did you mean "${near}"?)` : ''}; known keys: ${known.join(', ')}`,
      });
    }
  }

  private pair(key: string): Pair | undefined {
    return this.node.items.find((p) => keyOf(p) === key);
  }
}

function keyOf(p: Pair): string | undefined {
  const k = p.key;
  if (isScalar(k)) return String(k.value);
  return undefined;
}

export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return 'text';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** The known word within edit distance 2 of `word`, if any. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}
