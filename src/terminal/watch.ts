// procps-ng watch: run a command through `sh -c` every N seconds and show its output under a
// header, redrawing the screen each time (ANSI home + erase; a replay shows the frames one after
// another). It runs until interrupted, like the real one.
import { parseDuration, type Proc, type Program } from '../engine';

interface WatchState {
  cmd: string;
  ms: number;
  title: boolean;
  /** the pipe the command writes into, while it runs */
  fd: number;
  child: number;
  out: string;
  eof: boolean;
  done: boolean;
}

const USAGE_HINT = "Try 'watch --help' for more information.\n";

/** `0.5`, `2`, `1m`: seconds with an optional unit, as sleep and timeout take them. */
export function parseInterval(s: string): number | undefined {
  const ms = parseDuration(s);
  return ms === undefined || !Number.isFinite(ms) ? undefined : ms;
}

/** watch [-n SECONDS] [-t] COMMAND... */
export function watch(columns: () => number, date: (ms: number) => string): Program<WatchState> {
  return {
    kind: 'program',
    start(p) {
      const args = p.argv.slice(1);
      let ms = 2000;
      let title = true;
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i]!;
        if (a === '--') {
          i++;
          break;
        }
        if (!a.startsWith('-')) break;
        const n = /^(?:-n|--interval)(?:=?(.+))?$/.exec(a);
        if (n) {
          const v = n[1] ?? args[++i];
          const secs = v === undefined ? NaN : Number(v.replace(',', '.'));
          if (!Number.isFinite(secs)) {
            // watch.c: "failed to parse argument: '%s'"
            p.write(2, `watch: failed to parse argument: '${v ?? ''}'\n`);
            return p.exit(1);
          }
          // watch.c: the interval is at least 0.1 s
          ms = Math.max(100, Math.round(secs * 1000));
        } else if (a === '-t' || a === '--no-title') title = false;
        else {
          p.write(2, `watch: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\n${USAGE_HINT}`);
          return p.exit(1);
        }
      }
      const cmd = args.slice(i).join(' ');
      if (!cmd) {
        // watch.c usage
        p.write(2, `\nUsage:\n watch [options] command\n\n${USAGE_HINT}`);
        return p.exit(1);
      }
      p.state = { cmd, ms, title, fd: -1, child: 0, out: '', eof: false, done: false };
      run(p);
    },
    event(p, ev) {
      const s = p.state;
      if (ev.type === 'readable' && ev.fd === s.fd) {
        drain(p);
      } else if (ev.type === 'child' && ev.pid === s.child) {
        s.done = true;
      } else if (ev.type === 'timer') {
        run(p);
      } else return;
      if (s.fd >= 0 && s.eof && s.done) {
        p.close(s.fd);
        s.fd = -1;
        p.write(1, frame(s, columns(), p.env.HOSTNAME ?? 'localhost', date(p.now())));
        p.setTimer(s.ms);
      }
    },
  };
}

function run(p: Proc<WatchState>): void {
  const s = p.state;
  const [r, w] = p.pipe(3);
  s.fd = r;
  s.out = '';
  s.eof = false;
  s.done = false;
  const child = p.spawn({ path: '/bin/sh', argv: ['sh', '-c', s.cmd], fds: [null, w, w] });
  p.close(w);
  if (typeof child !== 'number') {
    s.out = `sh: not found\n`;
    s.done = true;
  } else s.child = child;
  drain(p);
}

function drain(p: Proc<WatchState>): void {
  const s = p.state;
  for (;;) {
    const chunk = p.read(s.fd, 'all');
    if (chunk === null) return p.waitReadable(s.fd);
    if (chunk === '') {
      s.eof = true;
      return;
    }
    s.out += chunk;
  }
}

/** watch.c title: "Every %.1fs: cmd" on the left, "host: date" on the right, then a blank line. */
function frame(s: WatchState, width: number, host: string, date: string): string {
  let out = '\x1b[H\x1b[2J';
  if (s.title) {
    const left = `Every ${(s.ms / 1000).toFixed(1)}s: `;
    const right = `${host}: ${date}`;
    const room = Math.max(0, width - left.length - right.length - 1);
    const cmd = s.cmd.length > room ? s.cmd.slice(0, Math.max(0, room - 3)) + (room >= 3 ? '...' : '') : s.cmd;
    out += `${left}${cmd}${' '.repeat(Math.max(1, width - left.length - cmd.length - right.length))}${right}\n\n`;
  }
  return out + s.out;
}
