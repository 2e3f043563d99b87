// Compiles a parsed script into flat instruction lists ("units") with jumps. A running shell is
// then just (source, unit, pc) per frame plus plain data, which is what makes a shell process
// snapshot-able at any blocking point. Units: 0 is the script itself; every function body, subshell,
// pipeline stage, background job and command substitution gets its own unit (a forked child runs
// exactly that unit). Scripts are cached by text: a hundred pods running the same loop share one.
import type { ArithCmd, Case, CondCmd, For, List, Node, Redir, Simple, Word, WordPart } from './ast';
import type { DialectName, SyntaxErrorInfo } from './dialect';
import { parse } from './parser';

export type Instr =
  /**
   * run a simple command; `ee`: its failure triggers set -e; `last`: nothing follows in the unit;
   * `argv`: the words when every one is a plain literal (`sleep 1`): shared by every run, never mutated
   */
  | { op: 'simple'; node: Simple; ee: boolean; last: boolean; argv?: string[] }
  | { op: 'jmp'; to: number }
  /** jump when $? is 0 */
  | { op: 'jt'; to: number }
  /** jump when $? is not 0 */
  | { op: 'jf'; to: number }
  | { op: 'not' }
  | { op: 'status'; v: number }
  | { op: 'pipe'; units: number[]; bang: boolean; ee: boolean; line: number }
  | { op: 'sub'; unit: number; ee: boolean; line: number }
  | { op: 'bg'; unit: number; text: string }
  /** redirections of a compound command (a scope); on failure jump to `skip` */
  | { op: 'redir'; redirs: Redir[]; skip: number; line: number }
  | { op: 'unredir' }
  | { op: 'loop'; brk: number; cont: number }
  /** remember the loop body's status (a loop's status is its last body command's) */
  | { op: 'loopst' }
  | { op: 'endloop' }
  | { op: 'forinit'; node: For; brk: number; cont: number }
  | { op: 'fornext'; name: string; to: number }
  /** match the word against the items from `from`; jump to bodies[i] or to `end` */
  | { op: 'case'; node: Case; bodies: number[]; end: number; from: number }
  | { op: 'func'; name: string; unit: number }
  | { op: 'arith'; node: ArithCmd; ee: boolean }
  | { op: 'cond'; node: CondCmd; ee: boolean }
  /** the script has a syntax error here: report it and stop */
  | { op: 'syntax'; error: SyntaxErrorInfo }
  | { op: 'end' };

export interface Unit {
  code: Instr[];
  /** 'func' units return; the others end their process (or the script) */
  kind: 'main' | 'func' | 'fork';
}

export interface Script {
  src: string;
  units: Unit[];
  /** set when the text has a syntax error (after the commands that precede it) */
  error?: SyntaxErrorInfo;
}

const CACHE_MAX = 512;
const cache = new Map<string, Script>();

/** The compiled script for a source text (cached, shared, read-only). */
export function getScript(src: string, dialect: DialectName): Script {
  const key = dialect + '\0' + src;
  let s = cache.get(key);
  if (s) return s;
  s = compileScript(src, dialect);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, s);
  return s;
}

export function compileScript(src: string, dialect: DialectName): Script {
  const { list, error } = parse(src, dialect);
  const c = new Compiler();
  c.unit(list, 'main', error);
  return { src, units: c.units, error };
}

class Compiler {
  readonly units: Unit[] = [];

  unit(node: Node, kind: Unit['kind'], error?: SyntaxErrorInfo): number {
    const id = this.units.length;
    const u: Unit = { code: [], kind };
    this.units.push(u);
    this.node(u.code, node, true);
    if (error) u.code.push({ op: 'syntax', error });
    const lastIns = u.code[u.code.length - 1];
    if (lastIns?.op === 'simple' && kind !== 'func') lastIns.last = true;
    u.code.push({ op: 'end' });
    return id;
  }

  /** Emit code for `node`. `ee`: a failure here triggers set -e (false inside conditions). */
  private node(code: Instr[], node: Node, ee: boolean): void {
    switch (node.t) {
      case 'simple':
        this.words(node);
        code.push({ op: 'simple', node, ee, last: false, argv: literalArgv(node) });
        return;
      case 'list':
        for (const item of node.items) {
          if (item.bg) code.push({ op: 'bg', unit: this.unit(item.node, 'fork'), text: item.text });
          else this.node(code, item.node, ee);
        }
        return;
      case 'andor': {
        this.node(code, node.first, false);
        node.rest.forEach((r, i) => {
          const jump = { op: r.op === '&&' ? 'jf' : 'jt', to: -1 } as Instr & { to: number };
          code.push(jump);
          // only the last command of an && / || list can trip set -e
          this.node(code, r.node, ee && i === node.rest.length - 1);
          jump.to = code.length;
        });
        return;
      }
      case 'pipeline': {
        if (node.cmds.length === 1) {
          this.node(code, node.cmds[0]!, false);
          code.push({ op: 'not' });
          return;
        }
        const units = node.cmds.map((c) => this.unit(c, 'fork'));
        code.push({ op: 'pipe', units, bang: node.bang, ee: ee && !node.bang, line: node.line });
        return;
      }
      case 'subshell':
        this.wrapRedirs(code, node.redirs, 0, () => {
          code.push({ op: 'sub', unit: this.unit(node.body, 'fork'), ee, line: node.line });
        });
        return;
      case 'group':
        this.wrapRedirs(code, node.redirs, 0, () => this.node(code, node.body, ee));
        return;
      case 'if':
        this.wrapRedirs(code, node.redirs, 0, () => {
          const ends: (Instr & { to: number })[] = [];
          for (const cl of node.clauses) {
            this.node(code, cl.cond, false);
            const skip = { op: 'jf', to: -1 } as Instr & { to: number };
            code.push(skip);
            this.node(code, cl.body, ee);
            const end = { op: 'jmp', to: -1 } as Instr & { to: number };
            code.push(end);
            ends.push(end);
            skip.to = code.length;
          }
          // no branch taken: the status is that of the else part, or 0
          if (node.else) this.node(code, node.else, ee);
          else code.push({ op: 'status', v: 0 });
          for (const e of ends) e.to = code.length;
        });
        return;
      case 'while':
        this.wrapRedirs(code, node.redirs, 0, () => {
          const loop = { op: 'loop', brk: -1, cont: -1 } as Instr & { brk: number; cont: number };
          code.push(loop);
          loop.cont = code.length;
          this.node(code, node.cond, false);
          const exit = { op: node.until ? 'jt' : 'jf', to: -1 } as Instr & { to: number };
          code.push(exit);
          this.node(code, node.body, ee);
          code.push({ op: 'loopst' }, { op: 'jmp', to: loop.cont });
          exit.to = code.length;
          loop.brk = code.length;
          code.push({ op: 'endloop' });
        });
        return;
      case 'for':
        this.wrapRedirs(code, node.redirs, 0, () => {
          for (const w of node.words ?? []) this.word(w);
          const init = { op: 'forinit', node, brk: -1, cont: -1 } as Instr & { brk: number; cont: number };
          code.push(init);
          init.cont = code.length;
          const next = { op: 'fornext', name: node.name, to: -1 } as Instr & { to: number };
          code.push(next);
          this.node(code, node.body, ee);
          code.push({ op: 'loopst' }, { op: 'jmp', to: init.cont });
          next.to = code.length;
          init.brk = code.length;
          code.push({ op: 'endloop' });
        });
        return;
      case 'case':
        this.wrapRedirs(code, node.redirs, 0, () => {
          this.word(node.word);
          for (const it of node.items) for (const p of it.patterns) this.word(p);
          const ins = { op: 'case', node, bodies: [] as number[], end: -1, from: 0 } as Instr & { bodies: number[]; end: number };
          code.push(ins);
          const ends: (Instr & { to: number })[] = [];
          const retests: (Instr & { end: number })[] = [];
          node.items.forEach((it, i) => {
            ins.bodies.push(code.length);
            if (it.body) this.node(code, it.body, ee);
            else code.push({ op: 'status', v: 0 });
            if (it.term === ';;') {
              const j = { op: 'jmp', to: -1 } as Instr & { to: number };
              code.push(j);
              ends.push(j);
            } else if (it.term === ';;&') {
              // bash ;;& goes on testing the patterns after this item
              const again = { op: 'case', node, bodies: ins.bodies, end: -1, from: i + 1 } as Instr & { end: number };
              code.push(again);
              retests.push(again);
            }
            // ';&' falls through into the next body
          });
          for (const r of retests) r.end = code.length;
          ins.end = code.length;
          for (const e of ends) e.to = code.length;
        });
        return;
      case 'func':
        node.unit = this.unit(node.body, 'func');
        code.push({ op: 'func', name: node.name, unit: node.unit });
        return;
      case 'arithcmd':
        this.word(node.expr);
        this.wrapRedirs(code, node.redirs, 0, () => code.push({ op: 'arith', node, ee }));
        return;
      case 'cond':
        for (const w of node.words) this.word(w);
        this.wrapRedirs(code, node.redirs, 0, () => code.push({ op: 'cond', node, ee }));
        return;
    }
  }

  private wrapRedirs(code: Instr[], redirs: Redir[], line: number, body: () => void): void {
    if (!redirs.length) {
      body();
      return;
    }
    for (const r of redirs) {
      this.word(r.target);
      if (r.here) this.word(r.here);
    }
    const ins = { op: 'redir', redirs, skip: -1, line } as Instr & { skip: number };
    code.push(ins);
    body();
    code.push({ op: 'unredir' });
    ins.skip = code.length;
  }

  private words(node: Simple): void {
    for (const a of node.assigns) this.word(a.value);
    for (const w of node.words) this.word(w);
    for (const r of node.redirs) {
      this.word(r.target);
      if (r.here) this.word(r.here);
    }
  }

  /** Give every command substitution in a word its unit (and its literal fast path). */
  private word(w: Word): void {
    for (const p of w.parts) this.part(p);
  }

  private part(p: WordPart): void {
    switch (p.t) {
      case 'dq':
        for (const q of p.parts) this.part(q);
        return;
      case 'param':
        if (p.arg) this.word(p.arg);
        if (p.arg2) this.word(p.arg2);
        return;
      case 'arith':
        this.word(p.expr);
        return;
      case 'cmd': {
        if (p.unit !== undefined) return;
        p.unit = this.unit(p.body, 'fork');
        const only = p.body.items.length === 1 ? p.body.items[0]! : undefined;
        if (only && !only.bg && only.node.t === 'simple' && !only.node.assigns.length && !only.node.redirs.length && only.node.words.length) {
          const argv = only.node.words.map((x) => x.lit);
          if (argv.every((x) => x !== undefined)) p.fast = argv as string[];
        }
        return;
      }
      default:
    }
  }
}

export type { List };

/** The argv of a command whose words are all plain literals (no expansion can change them). */
function literalArgv(node: Simple): string[] | undefined {
  if (!node.words.length) return undefined;
  const argv: string[] = [];
  for (const w of node.words) {
    if (w.lit === undefined) return undefined;
    argv.push(w.lit);
  }
  return argv;
}
