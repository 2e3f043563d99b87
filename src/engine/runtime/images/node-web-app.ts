// nigelpoulton/web-app:1.0 and nigelpoulton/k8sbook:1.0: the small Express + Pug app of
// nigelpoulton/TheK8sBook (web-app/): `app.listen(8080)`, one route rendering views/home.pug, no
// logging at all. Node has no handlers for SIGTERM: as PID 1 it ignores it (pid_namespaces(7)) and
// dies of SIGKILL at the end of the grace period, as these images really do.
import type { Connection, Proc, Program } from '../process/program';
import type { HttpOutcome, HttpRequest } from '../commands/network';
import { base64Encode } from '../../../shared/base64';
import { byteLength } from './nginx/http';
import { sha1 } from './sha1';
import { httpDate } from './timefmt';

export const NODE_WEB_APP = 'node/web-app';
/** node --version: node:current-slim when the images were built (approximate). */
export const NODE_VERSION = 'v16.13.0';

const PORT = 8080;
// an idle Express app on Node 16: ps RSS
const RSS = 42 * 1024 * 1024;

// views/home.pug rendered by Pug (compact HTML, attributes escaped)
export const HOME_PAGE =
  '<html><head><title>Docker FTW</title><link rel="stylesheet" href="http://netdna.bootstrapcdn.com/bootstrap/3.1.1/css/bootstrap.min.css"></head>' +
  '<body><div class="container"><div class="jumbotron"><h1>I\'m running in a container!!!</h1><p></p><p><a class="btn btn-primary" ' +
  'href="https://www.amazon.com/Docker-Deep-Dive-Nigel-Poulton-ebook/dp/B01LXWQUFF/ref=mt_kindle?_encoding=UTF8&amp;me=&amp;qid=1544707602">Link to my Docker book</a></p><p></p></div></div></body></html>';

/** The app's files in the image (its source, paraphrased; the view is served as rendered above). */
export const NODE_WEB_APP_FILES: Record<string, string> = {
  '/src/app.js': "'use strict';\n\n// Express app: renders views/home.pug on / and listens on 8080\nconst express = require('express');\nconst app = express();\napp.set('views', 'views');\napp.set('view engine', 'pug');\napp.get('/', (req, res) => res.render('home.pug', {}));\napp.listen(8080);\nmodule.exports.getApp = app;\n",
  '/src/package.json': '{\n  "name": "web-app",\n  "private": true,\n  "version": "1.0.0",\n  "main": "app.js",\n  "dependencies": {\n    "express": "4.17.1",\n    "pug": "3.0.2"\n  }\n}\n',
};

interface State {
  script: string;
}

/** etag 1.8 (express' default): W/"<length hex>-<sha1 base64, 27 chars>". */
function etag(body: string): string {
  return `W/"${byteLength(body).toString(16)}-${base64Encode(sha1(body)).slice(0, 27)}"`;
}

function keepAlive(req: HttpRequest): [string, string][] {
  // node's http server: keep-alive unless the client asked to close; keepAliveTimeout 5 s
  const close = req.headers.some(([k, v]) => k.toLowerCase() === 'connection' && v.toLowerCase() === 'close');
  return close ? [['Connection', 'close']] : [['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5']];
}

/** finalhandler's 404 page: "Cannot GET /x" in a minimal HTML document. */
function notFound(req: HttpRequest, now: number): HttpOutcome {
  const path = req.path.split('?')[0]!;
  const body = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${req.method} ${path}</pre>\n</body>\n</html>\n`;
  return {
    kind: 'response',
    response: {
      status: 404, reason: 'Not Found',
      headers: [
        ['X-Powered-By', 'Express'], ['Content-Security-Policy', "default-src 'none'"], ['X-Content-Type-Options', 'nosniff'],
        ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(byteLength(body))], ['Date', httpDate(now)], ...keepAlive(req),
      ],
      body: req.method === 'HEAD' ? '' : body,
    },
  };
}

export const nodeWebApp: Program<State> = {
  kind: 'program',
  start(p) {
    const arg = p.argv[1];
    if (arg === '-v' || arg === '--version') {
      p.write(1, `${NODE_VERSION}\n`);
      return p.exit(0);
    }
    const script = !arg ? '' : arg.startsWith('/') ? arg : `${p.cwd === '/' ? '' : p.cwd}/${arg.replace(/^\.\//, '')}`;
    p.state = { script };
    if (!script || !exists(p, script)) {
      // node:internal/modules/cjs/loader Module._resolveFilename (the stack trace that follows is left out)
      p.write(2, `node:internal/modules/cjs/loader:1080\n  throw err;\n  ^\n\nError: Cannot find module '${script || p.cwd}'\n`);
      return p.exit(1);
    }
    p.setRss(RSS);
    // server.listen(8080): Node binds :: (dual-stack) when it can
    const err = p.listen(PORT, '', true);
    if (err) {
      // an unhandled 'error' event on the server: node prints the error and exits 1
      p.write(2, `node:events:491\n      throw er; // Unhandled 'error' event\n      ^\n\nError: listen EADDRINUSE: address already in use :::${PORT}\n`);
      p.exit(1);
    }
  },
  event() {},
  serve(p, conn: Connection): HttpOutcome {
    const req = conn.request;
    if (!req) return { kind: 'closed' };
    const path = req.path.split('?')[0];
    if (path !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound(req, p.now());
    return {
      kind: 'response',
      response: {
        status: 200, reason: 'OK',
        headers: [
          ['X-Powered-By', 'Express'], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(byteLength(HOME_PAGE))],
          ['ETag', etag(HOME_PAGE)], ['Date', httpDate(p.now())], ...keepAlive(req),
        ],
        body: req.method === 'HEAD' ? '' : HOME_PAGE,
      },
    };
  },
};

function exists(p: Proc<State>, path: string): boolean {
  try {
    return p.fs.stat(path).type === 'file';
  } catch {
    return false;
  }
}
