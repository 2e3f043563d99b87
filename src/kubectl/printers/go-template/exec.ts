// Executing a parsed template over kubectl's unstructured object (text/template exec.go and
// funcs.go, plus kubectl's `exists` and `base64decode`). Data is JSON-like; `undefined` is Go's
// invalid reflect.Value (a missing map key), printed as "<no value>"; `null` is a nil interface,
// printed as "<nil>". Errors read as text/template words them:
// `template: output:1:11: executing "output" at <.metadata.x.y>: map has no entry for key "x"`.
import { base64DecodeUtf8, base64ErrorMessage, base64ErrorOffset, utf8Encode } from '../../../shared/base64';
import { goCompare, goFloat, goNumber, goQuote, goSprint, isPlainObject } from '../go-format';
import { goSprintf } from './printf';
import { GoFloat, unwrapFloat } from './values';
import { argString, type Arg, type Command, type Pipe, type TemplateNode } from './parse';

export class TemplateExecError extends Error {}

export interface ExecOptions {
  /** missingkey=error (--allow-missing-template-keys=false) instead of missingkey=default */
  missingKeyError?: boolean;
  name?: string;
}

/** Thrown by a function; becomes `error calling <name>: <message>`. */
class CallError extends Error {}

type Value = unknown;

export function executeTemplate(nodes: TemplateNode[], source: string, data: Value, opts: ExecOptions = {}): { output: string; error?: TemplateExecError } {
  const s = new State(source, opts, data);
  try {
    s.walkList(nodes, data, [{ name: '$', value: data }]);
    return { output: s.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { output: s.out, error: e };
    throw e;
  }
}

interface Variable { name: string; value: Value }

class State {
  out = '';
  private readonly name: string;

  constructor(private readonly source: string, private readonly opts: ExecOptions, readonly root: Value) {
    this.name = opts.name ?? 'output';
  }

  // exec.go state.errorf with ErrorContext: "name:line:col" (col is the byte offset in its line).
  private fail(node: { pos: number }, context: string, msg: string): never {
    const before = this.source.slice(0, node.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = nl < 0 ? node.pos : node.pos - nl - 1;
    const ctx = context.length > 20 ? `${context.slice(0, 20)}...` : context;
    throw new TemplateExecError(`template: ${this.name}:${line}:${col}: executing ${goQuote(this.name)} at <${ctx}>: ${msg}`);
  }

  walkList(nodes: TemplateNode[], dot: Value, vars: Variable[]): void {
    const mark = vars.length;
    for (const n of nodes) this.walk(n, dot, vars);
    vars.length = mark;
  }

  private walk(n: TemplateNode, dot: Value, vars: Variable[]): void {
    switch (n.type) {
      case 'text': this.out += n.text; return;
      case 'action': {
        const v = this.evalPipeline(n.pipe, dot, vars);
        if (n.pipe.decl.length === 0) this.out += printValue(v);
        return;
      }
      case 'if': case 'with': {
        const mark = vars.length;
        const v = this.evalPipeline(n.pipe, dot, vars);
        const truth = isTrue(v);
        if (truth) this.walkList(n.list, n.type === 'with' ? v : dot, vars);
        else if (n.elseList) this.walkList(n.elseList, dot, vars);
        vars.length = mark;
        return;
      }
      case 'range': this.walkRange(n, dot, vars); return;
    }
  }

  // exec.go walkRange: arrays in order, maps in sorted key order, integers 0..n-1.
  private walkRange(n: Extract<TemplateNode, { type: 'range' }>, dot: Value, vars: Variable[]): void {
    const mark = vars.length;
    const val = this.evalPipeline({ ...n.pipe, decl: [] }, dot, vars);
    const each = (key: Value, elem: Value): void => {
      if (n.pipe.decl.length === 1) vars.push({ name: n.pipe.decl[0], value: elem });
      if (n.pipe.decl.length === 2) vars.push({ name: n.pipe.decl[0], value: key }, { name: n.pipe.decl[1], value: elem });
      this.walkList(n.list, elem, vars);
      vars.length = mark;
    };
    let count = 0;
    if (Array.isArray(val)) val.forEach((e, i) => { count++; each(i, e); });
    else if (isPlainObject(val)) for (const k of Object.keys(val).sort(goCompare)) { count++; each(k, val[k]); }
    else if (typeof val === 'number' && Number.isInteger(val)) for (let i = 0; i < val; i++) { count++; each(i, i); }
    else if (val !== null && val !== undefined) this.fail(n.pipe, pipeContext(n.pipe), `range can't iterate over ${goSprint(val)}`);
    if (count === 0 && n.elseList) this.walkList(n.elseList, dot, vars);
  }

  private evalPipeline(p: Pipe, dot: Value, vars: Variable[]): Value {
    let value: Value;
    p.cmds.forEach((cmd, i) => { value = this.evalCommand(cmd, dot, vars, i === 0 ? NO_FINAL : value); });
    for (const d of p.decl) {
      if (p.isAssign) {
        for (let i = vars.length - 1; i >= 0; i--) if (vars[i].name === d) { vars[i].value = value; break; }
      } else {
        vars.push({ name: d, value });
      }
    }
    return value;
  }

  private evalCommand(cmd: Command, dot: Value, vars: Variable[], final: Value): Value {
    const first = cmd.args[0];
    if (first.type === 'identifier') return this.evalFunction(first, cmd.args.slice(1), dot, vars, final, commandString(cmd));
    if (cmd.args.length > 1 || final !== NO_FINAL) {
      if (first.type === 'field' || first.type === 'variable' || first.type === 'chain') {
        this.fail(first, argString(first), `can't give argument to non-function ${argString(first)}`);
      }
    }
    return this.evalArg(first, dot, vars);
  }

  private evalArg(a: Arg, dot: Value, vars: Variable[]): Value {
    switch (a.type) {
      case 'dot': return dot;
      case 'nil': return null;
      case 'bool': return a.value;
      case 'string': return a.text;
      case 'number': return a.isFloat && Number.isInteger(a.value) ? new GoFloat(a.value) : a.value;
      case 'field': return this.fieldChain(a, a.idents, dot, dot === this.root);
      case 'variable': {
        const v = [...vars].reverse().find((x) => x.name === a.name);
        if (!v) this.fail(a, argString(a), `undefined variable: ${a.name}`);
        return this.fieldChain(a, a.idents, v.value, v.value === this.root);
      }
      case 'chain': return this.fieldChain(a, a.idents, this.evalArg(a.node, dot, vars), false);
      case 'pipe': return this.evalPipeline(a.pipe, dot, vars);
      case 'identifier': return this.evalFunction(a, [], dot, vars, NO_FINAL, a.name);
    }
  }

  // exec.go evalFieldChain/evalField over maps; `top` marks the root map (static type map).
  private fieldChain(node: Arg, idents: string[], receiver: Value, top: boolean): Value {
    let cur = receiver;
    let typ = top ? 'map[string]interface {}' : 'interface {}';
    for (const name of idents) {
      if (cur === undefined) {
        if (this.opts.missingKeyError) this.fail(node, argString(node), `nil data; no entry for key ${goQuote(name)}`);
        return undefined;
      }
      if (cur === null) this.fail(node, argString(node), `nil pointer evaluating ${typ}.${name}`);
      if (!isPlainObject(cur)) this.fail(node, argString(node), `can't evaluate field ${name} in type ${typ}`);
      if (Object.hasOwn(cur, name)) cur = cur[name];
      else if (this.opts.missingKeyError) this.fail(node, argString(node), `map has no entry for key ${goQuote(name)}`);
      else cur = undefined;
      typ = 'interface {}';
    }
    return cur;
  }

  // exec.go evalCall: errors name the whole command (<index .items 9>)
  private evalFunction(fn: Extract<Arg, { type: 'identifier' }>, args: Arg[], dot: Value, vars: Variable[], final: Value, context: string): Value {
    const name = fn.name;
    // and/or evaluate lazily (Go 1.18+)
    if (name === 'and' || name === 'or') {
      const all = [...args.map((a) => () => this.evalArg(a, dot, vars)), ...(final !== NO_FINAL ? [() => final] : [])];
      if (all.length === 0) this.fail(fn, context, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: Value;
      for (const get of all) {
        v = get();
        if (isTrue(v) === (name === 'or')) return v;
      }
      return v;
    }
    const vals = args.map((a) => this.evalArg(a, dot, vars));
    if (final !== NO_FINAL) vals.push(final);
    try {
      return callBuiltin(name, vals);
    } catch (e) {
      if (e instanceof ArgCountError) this.fail(fn, context, e.message);
      if (e instanceof CallError) this.fail(fn, context, `error calling ${name}: ${e.message}`);
      throw e;
    }
  }
}

const NO_FINAL = Symbol('no final value');

class ArgCountError extends Error {}

function commandString(c: Command): string {
  return c.args.map(argString).join(' ');
}

function pipeContext(p: Pipe): string {
  return p.cmds.map(commandString).join(' | ');
}

// exec.go isTrue
function isTrue(v: Value): boolean {
  if (v === undefined || v === null) return false;
  if (v instanceof GoFloat) return v.value !== 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v as object).length > 0;
}

// exec.go printValue: fmt.Fprint of the value, "<no value>" for none.
export function printValue(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v instanceof GoFloat) return goFloat(v.value);
  if (typeof v === 'number') return goNumber(v);
  return goSprint(v);
}

function want(name: string, got: number, n: number): void {
  if (got !== n) throw new ArgCountError(`wrong number of args for ${name}: want ${n} got ${got}`);
}

function callBuiltin(name: string, a: Value[]): Value {
  switch (name) {
    case 'not': want(name, a.length, 1); return !isTrue(a[0]);
    case 'len': want(name, a.length, 1); return length(a[0]);
    case 'index': if (a.length < 1) want(name, a.length, 1); return index(a[0], a.slice(1));
    case 'print': return goPrint(a);
    case 'println': return a.map(printValue).join(' ') + '\n';
    case 'printf': {
      if (a.length < 1 || typeof a[0] !== 'string') {
        if (a.length < 1) throw new ArgCountError('wrong number of args for printf: want at least 1 got 0');
        throw new CallError(`wrong type for value; expected string; got ${goType(a[0])}`);
      }
      return goSprintf(a[0], a.slice(1));
    }
    case 'eq': {
      if (a.length < 2) throw new ArgCountError(a.length === 0 ? 'wrong number of args for eq: want at least 1 got 0' : 'missing argument for comparison');
      return a.slice(1).some((b) => compare(a[0], b) === 0);
    }
    case 'ne': want(name, a.length, 2); return compare(a[0], a[1]) !== 0;
    case 'lt': want(name, a.length, 2); return ordered(a[0], a[1]) < 0;
    case 'le': want(name, a.length, 2); return ordered(a[0], a[1]) <= 0;
    case 'gt': want(name, a.length, 2); return ordered(a[0], a[1]) > 0;
    case 'ge': want(name, a.length, 2); return ordered(a[0], a[1]) >= 0;
    case 'exists': if (a.length < 1) want(name, a.length, 1); return exists(a[0], a.slice(1));
    case 'base64decode': {
      want(name, a.length, 1);
      if (typeof a[0] !== 'string') throw new CallError(`wrong type for value; expected string; got ${goType(a[0])}`);
      // cli-runtime template.go base64decode
      const bad = base64ErrorOffset(a[0]);
      if (bad >= 0) throw new CallError(`base64 decode failed: ${base64ErrorMessage(bad)}`);
      return base64DecodeUtf8(a[0]);
    }
    default:
      throw new CallError(`function ${name} is not supported by Podlab's go-template printer`);
  }
}

// fmt.Sprint: spaces between operands when neither side is a string.
function goPrint(a: Value[]): string {
  let out = '';
  a.forEach((v, i) => {
    if (i > 0 && typeof v !== 'string' && typeof a[i - 1] !== 'string') out += ' ';
    out += printValue(v);
  });
  return out;
}

function goType(v: Value): string {
  if (v === undefined || v === null) return '<nil>';
  if (v instanceof GoFloat) return 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

// funcs.go length
function length(v: Value): number {
  if (typeof v === 'string') return utf8Encode(v).length;
  if (Array.isArray(v)) return v.length;
  if (isPlainObject(v)) return Object.keys(v).length;
  if (v === null || v === undefined) throw new CallError('len of nil pointer');
  throw new CallError(`len of type ${goType(v)}`);
}

// funcs.go index
function index(item: Value, keys: Value[]): Value {
  let cur = item;
  for (const k of keys) {
    if (Array.isArray(cur) || typeof cur === 'string') {
      if (typeof k !== 'number' || !Number.isInteger(k)) throw new CallError(`cannot index slice/array with type ${goType(k)}`);
      const len = typeof cur === 'string' ? cur.length : cur.length;
      if (k < 0 || k >= len) throw new CallError(`index out of range: ${k}`);
      cur = typeof cur === 'string' ? cur.charCodeAt(k) : cur[k];
    } else if (isPlainObject(cur)) {
      if (typeof k !== 'string') throw new CallError(`value has type ${goType(k)}; should be string`);
      cur = Object.hasOwn(cur, k) ? cur[k] : null;
    } else if (cur === null || cur === undefined) {
      throw new CallError('index of untyped nil');
    } else {
      throw new CallError(`can't index item of type ${goType(cur)}`);
    }
  }
  return cur;
}

// cli-runtime template.go exists: whether index would succeed and give a non-nil value.
function exists(item: Value, keys: Value[]): boolean {
  let cur = item;
  for (const k of keys) {
    if (cur === null || cur === undefined) return false;
    if (Array.isArray(cur)) {
      if (typeof k !== 'number' || k < 0 || k >= cur.length) return false;
      cur = cur[k];
    } else if (isPlainObject(cur)) {
      if (typeof k !== 'string') return false;
      cur = Object.hasOwn(cur, k) ? cur[k] : null;
    } else {
      return false;
    }
  }
  return cur !== null && cur !== undefined;
}

type BasicKind = 'int' | 'float' | 'string' | 'bool';

function basicKind(v: Value): BasicKind | undefined {
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return undefined;
}

// funcs.go eq/ne: basic kinds compare by value; int and float never mix.
function compare(a: Value, b: Value): number {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === undefined || kb === undefined) {
    if ((a === null || a === undefined) && (b === null || b === undefined)) return 0;
    if (a === undefined || b === undefined) throw new CallError('invalid type for comparison');
    throw new CallError('incompatible types for comparison');
  }
  if (ka !== kb) throw new CallError('incompatible types for comparison');
  return unwrapFloat(a) === unwrapFloat(b) ? 0 : 1;
}

// funcs.go lt/le/gt/ge
function ordered(a: Value, b: Value): number {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === undefined || kb === undefined || ka === 'bool') throw new CallError('invalid type for comparison');
  if (ka !== kb) throw new CallError('incompatible types for comparison');
  const x = unwrapFloat(a) as number | string;
  const y = unwrapFloat(b) as number | string;
  return x < y ? -1 : x > y ? 1 : 0;
}
