// gcr.io/google-samples/hello-app (GoogleCloudPlatform/kubernetes-engine-samples
// quickstarts/hello-app/main.go): a Go net/http server on $PORT (default 8080) that answers every
// path with its version and hostname and logs each request with Go's log package (stderr,
// `2006/01/02 15:04:05 ` prefix). No signal handlers: the Go runtime dies of SIGTERM/SIGINT.
import type { Connection, Proc, Program } from '../process/program';
import type { HttpOutcome } from '../commands/network';
import { hostnameOf } from '../commands/system';
import { byteLength } from './nginx/http';
import { httpDate, logTime } from './timefmt';

export const HELLO_APP_1 = 'hello-app/1.0';
export const HELLO_APP_2 = 'hello-app/2.0';

// a running hello-app (static Go binary, idle): ps RSS
const RSS = 5 * 1024 * 1024;

interface State {
  port: number;
}

function goLog(p: Proc<State>, msg: string): void {
  p.write(2, `${logTime(p.now())} ${msg}\n`);
}

export function helloApp(version: string): Program<State> {
  return {
    kind: 'program',
    start(p) {
      // main.go: port := os.Getenv("PORT"); if port == "" { port = "8080" }
      const port = p.env.PORT || '8080';
      p.state = { port: Number(port) };
      for (const s of ['TERM', 'INT'] as const) p.setSignal(s, 'catch');
      p.setRss(RSS);
      goLog(p, `Server listening on port ${port}`);
      const n = Number(port);
      const err = Number.isInteger(n) && n >= 0 && n <= 65535 ? p.listen(n, '', true) : 'EADDRNOTAVAIL';
      if (err) {
        // log.Fatal(http.ListenAndServe(":"+port, mux)): net.OpError text, then exit status 1
        const why = err === 'EADDRINUSE' ? 'bind: address already in use' : err === 'EACCES' ? 'bind: permission denied' : `address ${port}: invalid port`;
        goLog(p, `listen tcp :${port}: ${why}`);
        p.exit(1);
      }
    },
    event(p, ev) {
      // runtime/signal_unix.go dieFromSignal: the process is killed by the signal it got
      if (ev.type === 'signal') p.exit(ev.signal === 'INT' ? 130 : 143);
    },
    serve(p, conn: Connection): HttpOutcome {
      const req = conn.request;
      if (!req) return { kind: 'closed' };
      const path = req.path.split('?')[0]!;
      goLog(p, `Serving request: ${decodeURIComponentSafe(path)}`);
      const body = `Hello, world!\nVersion: ${version}\nHostname: ${hostnameOf(p.fs, p.env)}\n`;
      // net/http: headers in sorted order, text/plain sniffed from the body
      return {
        kind: 'response',
        response: {
          status: 200, reason: 'OK',
          headers: [['Content-Length', String(byteLength(body))], ['Content-Type', 'text/plain; charset=utf-8'], ['Date', httpDate(p.now())]],
          body: req.method === 'HEAD' ? '' : body,
        },
      };
    },
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
