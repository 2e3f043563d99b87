// The host's own commands next to the runtime's coreutils: the editor openers (nano, vi, vim,
// code), less as a plain pager, clear, history, help, and coreutils timeout and procps watch,
// which wait on the virtual clock like sleep does.
import { resolvePath, strftime, type Command, type Proc, type Program, type SimpleCommand, type SimpleIO } from '../engine';
import type { History } from './history';
import { parseInterval, watch } from './watch';

/** What the host commands need from the session. */
export interface HostContext {
  history: History;
  columns(): number;
  openInEditor(path: string): void;
  /** every command on the host's PATH (help) */
  commandNames(): string[];
}

export const EDITORS = ['nano', 'vi', 'vim', 'code'];

export function hostCommands(ctx: HostContext): Record<string, Command> {
  const editor = openInEditor(ctx);
  return {
    ...Object.fromEntries(EDITORS.map((e) => [e, editor])),
    less: less,
    clear: simple((io) => {
      // ncurses clear: home, erase display, erase scrollback (E3)
      io.stdout('\x1b[H\x1b[2J\x1b[3J');
      return 0;
    }),
    history: historyCommand(ctx.history),
    help: simple((io) => {
      io.stdout(helpText(ctx.commandNames()));
      return 0;
    }),
    timeout,
    watch: watch(ctx.columns, (ms) => strftime('%a %b %e %H:%M:%S %Y', ms)),
  };
}

function simple(run: (io: SimpleIO) => number, readsStdin?: (argv: readonly string[]) => boolean): SimpleCommand {
  return { kind: 'simple', run, readsStdin };
}

/** nano FILE, vi FILE, code DIR...: the file opens in Podlab's editor; the shell goes on at once. */
function openInEditor(ctx: HostContext): SimpleCommand {
  return simple((io) => {
    const files = io.argv.slice(1).filter((a) => !a.startsWith('-') && !a.startsWith('+'));
    for (const f of files) ctx.openInEditor(resolvePath(io.cwd, f));
    if (!files.length) ctx.openInEditor(io.cwd);
    return 0;
  });
}

/** less as a plain pager: the whole text at once (there is no screen to page through). */
const less: SimpleCommand = simple(
  (io) => {
    const files = io.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!files.length) {
      io.stdout(io.stdin);
      return 0;
    }
    let status = 0;
    for (const f of files) {
      const path = resolvePath(io.cwd, f);
      if (!io.fs.exists(path)) {
        // less filename.c bad_file: "%s: No such file or directory"
        io.stderr(`${f}: No such file or directory\n`);
        status = 1;
      } else if (io.fs.stat(path).type === 'dir') {
        // less filename.c bad_file: "%s is a directory"
        io.stderr(`${f} is a directory\n`);
        status = 1;
      } else io.stdout(io.fs.readFile(path));
    }
    return status;
  },
  (argv) => !argv.slice(1).some((a) => !a.startsWith('-')),
);

/** history [-c] [N]: bash's builtin, over the terminal's history. */
function historyCommand(h: History): SimpleCommand {
  return simple((io) => {
    const args = io.argv.slice(1);
    if (args[0] === '-c') {
      h.clear();
      return 0;
    }
    if (args[0] !== undefined && !/^\d+$/.test(args[0])) {
      // builtins/history.def: sh_invalidopt / sh_neednumarg
      io.stderr(args[0].startsWith('-') ? `bash: history: ${args[0]}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n` : `bash: history: ${args[0]}: numeric argument required\n`);
      return args[0].startsWith('-') ? 2 : 1;
    }
    io.stdout(h.format(args[0] === undefined ? undefined : Number(args[0])));
    return 0;
  });
}

function helpText(commands: string[]): string {
  return [
    'Podlab terminal: a bash shell on your machine, with kubectl talking to the cluster.',
    '',
    '  kubectl (k)        the Kubernetes command line: kubectl get pods, kubectl apply -f pod.yaml',
    '  nano/vi/vim/code   open a file in the editor',
    '  ssh <node>         a shell on a cluster node (crictl ps, ls /etc/kubernetes/manifests)',
    '  watch, timeout     repeat a command / limit how long it runs',
    '',
    'Keys: Tab completes, Up/Down and Ctrl-R search the history, Ctrl-C interrupts, Ctrl-L clears.',
    '',
    `Commands: ${commands.join(' ')}`,
    '',
  ].join('\n');
}

// ---------- timeout ----------

interface TimeoutState {
  child: number;
  signal: string;
  killAfter: number | null;
  timedOut: boolean;
}

const TIMEOUT_HELP = "Try 'timeout --help' for more information.\n";

/** coreutils timeout [-s SIG] [-k DURATION] [--preserve-status] [--foreground] DURATION COMMAND [ARG]... */
export const timeout: Program<TimeoutState> = {
  kind: 'program',
  start(p: Proc<TimeoutState>) {
    const args = p.argv.slice(1);
    let signal = 'TERM';
    let killAfter: number | null = null;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '--foreground' || a === '--preserve-status' || a === '-v' || a === '--verbose') continue;
      const opt = /^(-s|--signal|-k|--kill-after)(?:=(.*))?$/.exec(a) ?? /^(-s|-k)(.+)$/.exec(a);
      if (!opt) {
        // coreutils getopt: "invalid option -- 'x'" / "unrecognized option '--x'"
        p.write(2, a.startsWith('--') ? `timeout: unrecognized option '${a}'\n${TIMEOUT_HELP}` : `timeout: invalid option -- '${a[1]}'\n${TIMEOUT_HELP}`);
        return p.exit(125);
      }
      const value = opt[2] ?? args[++i];
      if (value === undefined) {
        p.write(2, `timeout: option requires an argument -- '${opt[1]!.replace(/^--?/, '')[0]}'\n${TIMEOUT_HELP}`);
        return p.exit(125);
      }
      if (opt[1] === '-s' || opt[1] === '--signal') signal = value.replace(/^SIG/, '').toUpperCase();
      else {
        const ms = parseInterval(value);
        if (ms === undefined) {
          p.write(2, `timeout: invalid time interval '${value}'\n${TIMEOUT_HELP}`);
          return p.exit(125);
        }
        killAfter = ms;
      }
    }
    const rest = args.slice(i);
    if (rest.length < 2) {
      p.write(2, `timeout: missing operand\n${TIMEOUT_HELP}`);
      return p.exit(125);
    }
    const ms = parseInterval(rest[0]!);
    if (ms === undefined) {
      // timeout.c parse_duration: "invalid time interval %s"
      p.write(2, `timeout: invalid time interval '${rest[0]}'\n${TIMEOUT_HELP}`);
      return p.exit(125);
    }
    const path = lookPath(p, rest[1]!);
    const child = path === undefined ? undefined : p.spawn({ path, argv: rest.slice(1) });
    if (typeof child !== 'number') {
      // timeout.c main: "failed to run command %s" + errno; 127 when not found, 126 otherwise
      const notFound = path === undefined || child?.errno === 'ENOENT';
      p.write(2, `timeout: failed to run command '${rest[1]}': ${notFound ? 'No such file or directory' : 'Permission denied'}\n`);
      return p.exit(notFound ? 127 : 126);
    }
    p.state = { child, signal, killAfter, timedOut: false };
    if (ms > 0) p.setTimer(ms, 'timeout');
  },
  event(p: Proc<TimeoutState>, ev) {
    const s = p.state;
    if (ev.type === 'timer') {
      if (ev.data === 'timeout') {
        s.timedOut = true;
        p.kill(s.child, s.signal as never);
        if (s.killAfter !== null) p.setTimer(s.killAfter, 'kill');
      } else if (ev.data === 'kill') p.kill(s.child, 'KILL');
    } else if (ev.type === 'child' && ev.pid === s.child) {
      // timeout.c: 124 when the command timed out (137 if it had to be KILLed), else its status
      p.exit(s.timedOut ? (ev.status.signal === 'KILL' ? 137 : 124) : ev.status.code);
    }
  },
};

/** execvp's $PATH search: the first regular file among PATH's directories. */
export function lookPath(p: Proc<unknown>, name: string): string | undefined {
  if (name.includes('/')) {
    const abs = resolvePath(p.cwd, name);
    return p.fs.exists(abs) ? abs : undefined;
  }
  for (const dir of (p.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const path = `${dir || '.'}/${name}`;
    if (p.fs.exists(path) && p.fs.stat(path).type === 'file') return path;
  }
  return undefined;
}
