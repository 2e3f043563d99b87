// The lesson's terminal commands — hint, check, solution, reset, lesson — and the guard that
// turns off a lesson's disabledCommands. They are programs in the learner's shell like any
// other: `solution` and `reset` ask y/N on the terminal, `check` waits for the evaluation.
import type { Command, Proc, Program, ProcEvent } from '../engine';
import { splitWords } from './words';
import { commandMatches } from './checks/ran';

/** What the commands need from the lesson runtime. */
export interface LessonCommandHost {
  hint(args: readonly string[]): { text: string; code: number };
  check(): Promise<string>;
  where(): string;
  /** the question to ask before running a task's solution, or an error */
  solutionFor(args: readonly string[]): { taskId: string; question: string } | { error: string };
  /** write the solution's files (returns a line per file) and type its commands at the next prompts */
  runSolution(taskId: string): string;
  /** rebuild the cluster and files (after the command has ended) */
  reset(): void;
  /** deliver the result of an asynchronous step to the process */
  post(p: Proc<unknown>, data: string): void;
}

export const LESSON_COMMANDS = ['hint', 'check', 'solution', 'reset', 'lesson'] as const;
type Verb = (typeof LESSON_COMMANDS)[number];

interface State {
  verb: Verb;
  /** the task `solution` asked about */
  taskId?: string;
}

const TOPIC = 'lesson';
const RESET_QUESTION = 'Reset this lesson? The cluster and your files go back to how the lesson started (progress is kept). [y/N] ';

export function lessonCommands(host: LessonCommandHost): Record<Verb, Command> {
  const make = (verb: Verb): Program<State> => ({
    kind: 'program',
    start(p) {
      p.state = { verb };
      const args = p.argv.slice(1);
      switch (verb) {
        case 'hint': {
          const r = host.hint(args);
          p.write(r.code ? 2 : 1, r.text);
          return p.exit(r.code);
        }
        case 'lesson':
          p.write(1, host.where());
          return p.exit(0);
        case 'check':
          void host.check().then((text) => host.post(p, text));
          return;
        case 'solution': {
          const s = host.solutionFor(args);
          if ('error' in s) {
            p.write(2, s.error);
            return p.exit(1);
          }
          p.state.taskId = s.taskId;
          p.write(1, s.question);
          return answer(p);
        }
        case 'reset':
          p.write(1, RESET_QUESTION);
          return answer(p);
      }
    },
    event(p, ev: ProcEvent) {
      if (ev.type === 'message' && ev.topic === TOPIC) {
        p.write(1, String(ev.data));
        p.exit(0);
      } else if (ev.type === 'readable') answer(p);
    },
  });

  /** Read the y/N answer (waiting for a line if none is typed yet) and act on it. */
  const answer = (p: Proc<State>): void => {
    const line = p.read(0, 'line');
    if (line === null) return p.waitReadable(0);
    if (line === '') p.write(1, '\n');
    if (!/^\s*y(es)?\s*$/i.test(line)) {
      p.write(1, 'Nothing changed.\n');
      return p.exit(1);
    }
    if (p.state.verb === 'solution') {
      p.write(1, host.runSolution(p.state.taskId!));
      return p.exit(0);
    }
    p.write(1, 'Resetting the lesson...\n');
    p.exit(0);
    host.reset();
  };

  return Object.fromEntries(LESSON_COMMANDS.map((v) => [v, make(v)])) as Record<Verb, Command>;
}

/**
 * `command` refusing the lines that start with one of `prefixes` (each the words of a disabled
 * command, like `kubectl delete`), and running everything else as before.
 */
export function guardCommand(command: Command, prefixes: readonly string[]): Command {
  const blocked = (argv: readonly string[]): string | undefined => prefixes.find((pre) => commandMatches(argv, splitWords(pre), [], []));
  const refusal = (prefix: string) => `${prefix}: this command is turned off in this lesson\n`;
  if (command.kind === 'program') {
    const inner = command as Program<unknown>;
    return {
      ...inner,
      start(p: Proc<unknown>) {
        const pre = blocked(p.argv);
        if (pre === undefined) return inner.start(p);
        p.write(2, refusal(pre));
        p.exit(1);
      },
    };
  }
  if (command.kind === 'simple') {
    return {
      ...command,
      run(io) {
        const pre = blocked(io.argv);
        if (pre === undefined) return command.run(io);
        io.stderr(refusal(pre));
        return 1;
      },
    };
  }
  return { kind: 'multicall', applet: (name) => {
    const a = command.applet(name);
    return a && guardCommand(a, prefixes);
  } };
}
