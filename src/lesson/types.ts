// A lesson as the runtime and the UI see it, parsed from one markdown file (lessons/README.md
// describes the format for authors). Every piece keeps the file line it came from, so lint
// problems and check failures point at the author's text.
import type { Topology } from '../engine';

/** A lint or verification problem at `file:line[:column]`. */
export interface LessonProblem {
  file: string;
  line: number;
  column?: number;
  message: string;
}

/** A partial object: maps match by subset, lists item by item, scalars by value, `/re/` strings as regexes. */
export type Partial = unknown;

interface CheckBase {
  /** line of the check in the lesson file */
  line: number;
  /** the author's plain-words message when this check fails */
  say?: string;
}

export interface ObjectCheck extends CheckBase {
  kind: 'object';
  object: { kind: string; name?: string; namePattern?: string; namespace: string };
  matches?: Partial;
  count?: { min?: number; max?: number };
  absent?: boolean;
}

export interface KubectlCheck extends CheckBase {
  kind: 'kubectl';
  /** as written, after `kubectl` */
  command: string;
  argv: string[];
  equals?: string;
  contains?: string;
  matches?: string;
  stream: 'stdout' | 'stderr';
}

export interface RanCheck extends CheckBase {
  kind: 'ran';
  /** the command prefix, as written */
  ran: string;
  /** each entry: alternatives (`-p|--previous`), all entries required */
  flags: string[][];
  args: string[];
}

export interface FileCheck extends CheckBase {
  kind: 'file';
  /** relative to the workspace (/root) */
  file: string;
  parses?: 'yaml' | 'json';
  matches?: Partial;
  contains?: string;
}

export type Check = ObjectCheck | KubectlCheck | RanCheck | FileCheck;

export interface Solution {
  /** workspace files written first (paths relative to /root) */
  files: Record<string, string>;
  /** host shell lines typed in order */
  commands: string[];
}

export interface Task {
  id: string;
  title: string;
  /** line of the task block's opening fence */
  line: number;
  /** index into Lesson.steps */
  step: number;
  checks: Check[];
  notYet?: string;
  hints: string[];
  solution: Solution;
}

export interface Step {
  /** the `##` heading's text */
  title: string;
  /** GitHub's anchor for the heading */
  anchor: string;
  line: number;
  /** ids of the tasks inside this step */
  tasks: string[];
}

/** A code block the UI renders a button for. */
export type LessonBlock =
  | { kind: 'file'; line: number; step: number; lang: string; path: string; content: string }
  | { kind: 'shell'; line: number; step: number; lang: string; text: string; commands: string[] }
  | { kind: 'task'; line: number; step: number; taskId: string };

export interface Lesson {
  /** the file the lesson was read from */
  path: string;
  id: string;
  title: string;
  summary: string;
  order: number;
  minutes: number;
  /** seed passages the lesson covers */
  sources: string[];
  /** undefined: the default cluster (minikube's single node) */
  topology?: Topology;
  /** starting workspace files, `from:` references already read */
  files: Record<string, string>;
  setup: string[];
  /** line of each setup entry */
  setupLines: number[];
  disabledCommands: string[];
  /** the markdown after the frontmatter */
  body: string;
  /** file line of the body's first line */
  bodyLine: number;
  steps: Step[];
  tasks: Task[];
  /** the code blocks with buttons, in document order */
  blocks: LessonBlock[];
}

/** Reads a file beside the lesson (path relative to the repository or app root); undefined when missing. */
export type ReadFile = (path: string) => string | undefined;
