// How a shell was invoked: `sh -c TEXT [ARG0 ARGS]`, `sh FILE ARGS`, or commands on stdin, with
// option letters (-e -u -x -f -C -i, -o NAME); the start-up errors each dialect prints.
import type { Interp } from './shell';
import type { ShellState } from './state';

/** Options a shell is started with, parsed from argv. */
export interface Invocation {
  mode: 'c' | 'file' | 'stdin';
  text?: string;
  file?: string;
  arg0: string;
  args: string[];
  opts: Partial<ShellState['opts']>;
}

export function parseArgs(it: Interp, argv: readonly string[]): Invocation | undefined {
  const inv: Invocation = { mode: 'stdin', arg0: argv[0] ?? 'sh', args: [], opts: {} };
  let i = 1;
  let wantC = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (a === '--login' || a === '--norc' || a === '--noprofile' || a === '--posix') continue;
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      switch (c) {
        case 'c': wantC = true; break;
        case 'e': case 'u': case 'x': case 'f': case 'C': case 'i':
          inv.opts[c] = on;
          break;
        case 's': case 'l': case 'v': case 'h': case 'm': case 'b': case 'n': case 'a': break;
        case 'o': {
          const name = argv[++i];
          if (name === 'pipefail') inv.opts.pipefail = on;
          else if (name === 'errexit') inv.opts.e = on;
          else if (name === 'nounset') inv.opts.u = on;
          else if (name === 'xtrace') inv.opts.x = on;
          break;
        }
        default:
          return startError(it, it.dialect === 'bash' ? `${a}: invalid option` : `Illegal option -${c}`, 2);
      }
    }
  }
  const rest = argv.slice(i);
  if (wantC) {
    if (!rest.length) {
      // dash options.c: "-c requires an argument"; bash shell.c: "%s: option requires an argument"
      return startError(it, it.dialect === 'bash' ? '-c: option requires an argument' : it.dialect === 'ash' ? "-c requires an argument" : '-c requires an argument', 2);
    }
    inv.mode = 'c';
    inv.text = rest[0];
    if (rest.length > 1) {
      inv.arg0 = rest[1]!;
      inv.args = rest.slice(2);
    }
  } else if (rest.length) {
    inv.mode = 'file';
    inv.file = rest[0];
    inv.arg0 = rest[0]!;
    inv.args = rest.slice(1);
  }
  return inv;
}

export function startError(it: Interp, msg: string, code: number): undefined {
  const name = it.p.argv[0] ?? 'sh';
  // dash reports option errors with line 0
  it.p.write(2, it.dialect === 'dash' ? `${name}: 0: ${msg}\n` : `${name}: ${msg}\n`);
  it.p.exit(code);
  return undefined;
}

export function cantOpenScript(it: Interp, file: string): void {
  const name = it.p.argv[0] ?? 'sh';
  // dash input.c setinputfile: "cannot open %s: %s" (line 0); busybox: "can't open '%s'" + strerror;
  // bash shell.c open_shell_script: file_error "%s: %s"
  const msg = it.dialect === 'dash' ? `${name}: 0: cannot open ${file}: No such file` : it.dialect === 'ash' ? `${name}: can't open '${file}': No such file or directory` : `${name}: ${file}: No such file or directory`;
  it.p.write(2, `${msg}\n`);
  it.p.exit(it.dialect === 'dash' ? 2 : 127);
}
