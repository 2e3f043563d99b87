// Evaluating a parsed JSONPath template against an unstructured object, as client-go's
// util/jsonpath jsonpath.go does: FindResults walks the root nodes (range/end open and close
// loops), each node maps a list of values to a list of values, and PrintResults turns each
// result group into text. Values are JSON-like; `undefined` stands for Go's invalid
// reflect.Value (no value at all), `null` for a nil interface.
import { utf8Encode } from '../../../shared/base64';
import { goCompare, goNumber, goSprint, isPlainObject } from '../go-format';
import { marshalJSON } from '../json';
import { parseJSONPath, type ListNode, type Node } from './parser';

export class JSONPathExecError extends Error {}

export interface JSONPathOptions {
  /** jsonpath.go AllowMissingKeys: a missing field yields nothing instead of an error. */
  allowMissingKeys?: boolean;
  /** EnableJSONOutput (`-o jsonpath-as-json`): every result group printed as an indented JSON array. */
  outputJSON?: boolean;
}

export class JSONPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;

  constructor(private readonly root: ListNode, private readonly opts: JSONPathOptions = {}) {}

  static parse(template: string, opts?: JSONPathOptions): JSONPath {
    return new JSONPath(parseJSONPath(template), opts);
  }

  /** jsonpath.go Execute: the printed text. Throws JSONPathExecError. */
  execute(data: unknown): string {
    return this.findResults(data).map((r) => this.printResults(r)).join('');
  }

  /** jsonpath.go FindResults: one group of values per root node (ranges flattened). */
  findResults(data: unknown): unknown[][] {
    this.beginRange = this.inRange = this.endRange = 0;
    return this.find(this.root.nodes, 0, data);
  }

  private find(nodes: readonly Node[], from: number, data: unknown): unknown[][] {
    const out: unknown[][] = [];
    for (let i = from; i < nodes.length; i++) {
      const results = this.walk([data], nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) for (const v of results) out.push(...this.find(nodes, i + 1, v));
        else this.find(nodes, i + 1, undefined); // still advance to the matching end
        this.inRange--;
        const end = nodes.indexOf(this.lastEndNode!, i + 1);
        if (end >= 0) i = end;
        continue;
      }
      out.push(results);
    }
    return out;
  }

  // jsonpath.go PrintResults
  printResults(results: unknown[]): string {
    if (this.opts.outputJSON) return marshalJSON(results, '    ') + '\n';
    let text = '';
    results.forEach((r, i) => {
      text += r !== null && typeof r === 'object' ? marshalJSON(r) : evalToText(r);
      if (i !== results.length - 1) text += ' ';
    });
    return text;
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list': return node.nodes.reduce<unknown[]>((cur, n) => this.walk(cur, n), input);
      case 'text': return [node.text];
      case 'field': return this.evalField(input, node.name);
      case 'array': return evalArray(input, node.params);
      case 'filter': return this.evalFilter(input, node);
      case 'int': case 'float': case 'bool': return input.map(() => node.value);
      case 'wildcard': return input.flatMap((v) => children(v) ?? []);
      case 'recursive': return evalRecursive(input);
      case 'union': return node.nodes.flatMap((l) => this.walk(input, l));
      case 'identifier': return this.evalIdentifier(input, node.name);
    }
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') { this.beginRange++; return input; }
    if (name === 'end') {
      if (this.inRange > 0) { this.endRange++; return []; }
      throw new JSONPathExecError('not in range, nothing to end');
    }
    throw new JSONPathExecError(`unrecognized identifier ${name}`);
  }

  private evalField(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (v === null) continue;
      if (isPlainObject(v) && Object.hasOwn(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.opts.allowMissingKeys) throw new JSONPathExecError(`${name} is not found`);
    return results;
  }

  private evalFilter(input: unknown[], node: Extract<Node, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JSONPathExecError(`${goSprint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: unknown[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') { if (lefts.length > 0) results.push(item); continue; }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JSONPathExecError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JSONPathExecError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }
}

/** Map values (in key order), array elements, or a string's UTF-8 bytes; undefined for scalars. */
function children(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.keys(v).sort(goCompare).map((k) => v[k]);
  if (typeof v === 'string') return utf8Encode(v);
  return undefined;
}

// jsonpath.go evalRecursive: every value that has children, followed by its descendants.
function evalRecursive(input: unknown[]): unknown[] {
  const result: unknown[] = [];
  for (const v of input) {
    if (v === null) continue;
    const kids = children(v);
    if (kids && kids.length > 0) {
      result.push(v);
      result.push(...evalRecursive(kids));
    }
  }
  return result;
}

// jsonpath.go evalArray: index, slice [start:end:step] with negative indices.
function evalArray(input: unknown[], node: Extract<Node, { type: 'array' }>['params']): unknown[] {
  const result: unknown[] = [];
  for (const v of input) {
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v)) throw new JSONPathExecError(`${goTypeName(v)} is not array or slice`);
    const len = v.length;
    let start = node[0].known ? node[0].value : 0;
    let end = node[1].known ? node[1].value : len;
    if (start < 0) start += len;
    if (end < 0 || (end === 0 && node[1].derived)) end += len;
    if (end === start) return result; // asking for zero elements is allowed
    if (start >= len || start < 0) throw new JSONPathExecError(`array index out of bounds: index ${start}, length ${len}`);
    if (end > len || end < 0) throw new JSONPathExecError(`array index out of bounds: index ${end - 1}, length ${len}`);
    if (start > end) throw new JSONPathExecError(`starting index ${start} is greater than ending index ${end}`);
    let step = 1;
    if (node[2].known) {
      if (node[2].value <= 0) throw new JSONPathExecError('step must be > 0');
      step = node[2].value;
    }
    for (let i = start; i < end; i += step) result.push(v[i]);
  }
  return result;
}

/** reflect.Type.String() of an unstructured value. */
export function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

type Kind = 'int' | 'float' | 'string' | 'bool' | 'other';

function kindOf(v: unknown): Kind {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'other';
}

// text/template funcs.go eq/ne/lt/le/gt/ge as jsonpath's filters use them.
function compare(a: unknown, b: unknown, op: string): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (!['<', '>', '==', '!=', '<=', '>='].includes(op)) throw new JSONPathExecError(`unrecognized filter operator ${op}`);
  if (ka === 'other' || kb === 'other') throw new JSONPathExecError('invalid type for comparison');
  if (ka !== kb) throw new JSONPathExecError('incompatible types for comparison');
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (ka === 'bool') throw new JSONPathExecError('invalid type for comparison');
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

// jsonpath.go evalToText: fmt.Fprint of the value; nil prints "null".
function evalToText(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return '<no value>';
  if (typeof v === 'number') return goNumber(v);
  return goSprint(v);
}
