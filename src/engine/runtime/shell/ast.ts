// The shell's syntax tree (POSIX "Shell Command Language" grammar, plus the bash bits Podlab
// needs). Trees are built once per source text and shared read-only by every process running it;
// the compiler only fills in `unit` numbers.

export type WordPart =
  /** unquoted literal text (glob characters in it are live) */
  | { t: 'lit'; v: string }
  /** quoted literal text: '...', a backslash-escaped character, or literal text inside "..." */
  | { t: 'q'; v: string }
  /** "..." */
  | { t: 'dq'; parts: WordPart[] }
  | ParamPart
  /** $(...) or `...`; `unit` is assigned by the compiler, `fast` when the body is one literal command */
  | { t: 'cmd'; body: List; unit?: number; fast?: string[] }
  /** $((...)): the text is expanded like "..." then evaluated */
  | { t: 'arith'; expr: Word }
  /** ~ or ~user at the start of a word (or after = or : in an assignment) */
  | { t: 'tilde'; user: string };

export type ParamOp =
  | '' | '-' | '=' | '?' | '+' | 'len' | '#' | '##' | '%' | '%%'
  | '/' | '//' | '/#' | '/%' | 'sub' | '^^' | '^' | ',,' | ',';

export interface ParamPart {
  t: 'param';
  name: string;
  op: ParamOp;
  /** `${x:-w}` tests for empty as well as unset */
  colon?: boolean;
  arg?: Word;
  /** replacement of ${x/p/r}, length of ${x:off:len} */
  arg2?: Word;
}

export interface Word {
  parts: WordPart[];
  /** set when the word is one unquoted literal with no glob characters: expansion is the text itself */
  lit?: string;
  /** the source text, for keywords, function names and `set -x` of here-doc delimiters */
  raw: string;
}

export interface Assign {
  name: string;
  value: Word;
  append?: boolean;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-' | '&>' | '&>>' | '<<<';

export interface Redir {
  fd: number | null;
  op: RedirOp;
  target: Word;
  /** here-document body (filled when the parser reaches it) */
  here?: Word;
}

export interface Simple {
  t: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
  line: number;
}

export interface Pipeline {
  t: 'pipeline';
  cmds: Node[];
  bang: boolean;
  line: number;
}

export interface AndOr {
  t: 'andor';
  first: Node;
  rest: { op: '&&' | '||'; node: Node }[];
}

export interface List {
  t: 'list';
  items: { node: Node; bg: boolean; text: string }[];
}

export interface Subshell { t: 'subshell'; body: List; redirs: Redir[]; line: number }
export interface Group { t: 'group'; body: List; redirs: Redir[] }
export interface If { t: 'if'; clauses: { cond: List; body: List }[]; else?: List; redirs: Redir[] }
export interface While { t: 'while'; until: boolean; cond: List; body: List; redirs: Redir[] }
export interface For { t: 'for'; name: string; words: Word[] | null; body: List; redirs: Redir[]; line: number }
export interface CaseItem { patterns: Word[]; body: List | null; term: ';;' | ';&' | ';;&' }
export interface Case { t: 'case'; word: Word; items: CaseItem[]; redirs: Redir[]; line: number }
export interface FuncDef { t: 'func'; name: string; body: Node; line: number; unit?: number }
/** bash (( expr )) */
export interface ArithCmd { t: 'arithcmd'; expr: Word; redirs: Redir[]; line: number }
/** bash [[ ... ]]: words, with operators kept as unquoted literal words */
export interface CondCmd { t: 'cond'; words: Word[]; redirs: Redir[]; line: number }

export type Node = Simple | Pipeline | AndOr | List | Subshell | Group | If | While | For | Case | FuncDef | ArithCmd | CondCmd;
