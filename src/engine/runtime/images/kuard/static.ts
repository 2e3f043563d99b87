// kuard's /static/ files: the stylesheets its pages link (app.go serves the built client's
// sitedata/static directory there). Podlab's own CSS in the shape of that UI — a red warning,
// the host name large, a menu on the left and the page beside it — not the original files.

/** The page's base styles (the original ships a Bootstrap build under this name). */
const BOOTSTRAP = `html{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:14px;line-height:1.5;color:#292b2c;background:#fff}
body{margin:0}
h2{font-size:2rem;font-weight:500;margin:.5rem 0}
a{color:#0275d8;text-decoration:none}a:hover{text-decoration:underline}
samp,code,pre{font-family:Menlo,Monaco,Consolas,"Courier New",monospace;font-size:90%}
code{padding:.2rem .4rem;color:#bd4147;background:#f7f7f9;border-radius:.25rem}
pre{padding:.75rem;background:#f7f7f9;border:1px solid #e5e5e5;border-radius:.25rem;white-space:pre-wrap;word-break:break-all}
.alert{padding:.75rem 1.25rem;margin-bottom:1rem;border:1px solid transparent;border-radius:.25rem}
.alert-danger{background:#f2dede;border-color:#ebcccc;color:#a94442}
.table{width:100%;max-width:100%;margin-bottom:1rem;border-collapse:collapse}
.table td,.table th{padding:.3rem .5rem;vertical-align:top;border-top:1px solid #eceeef;text-align:left}
.table-bordered,.table-bordered td,.table-bordered th{border:1px solid #eceeef}
.small,small{font-size:80%}
dt{font-weight:700}dd{margin:0 0 .75rem}
button,input{font:inherit;padding:.25rem .6rem}
`;

/** kuard's own layout: the header, then the menu beside the content. */
const STYLES = `.top{padding:1rem 1.5rem}
.title{margin-bottom:1rem}
.nav-container{display:flex;align-items:flex-start;gap:1.5rem}
.nav{display:flex;flex-direction:column;min-width:12rem;border:1px solid #ddd;border-radius:.25rem}
.nav-item{display:block;padding:.5rem .9rem;border-bottom:1px solid #ddd;color:#0275d8}
.nav-item:last-child{border-bottom:0}
.nav-item.active{background:#0275d8;color:#fff}
.content{flex:1;min-width:0}
.failn{margin-right:.5rem}
`;

const FILES: Record<string, string> = {
  '/static/css/bootstrap.min.css': BOOTSTRAP,
  '/static/css/styles.css': STYLES,
};

/** The file kuard serves at `path` under /static/, or undefined (404). */
export function staticFile(path: string): { body: string; type: string } | undefined {
  const body = FILES[path];
  if (body === undefined) return undefined;
  return { body, type: path.endsWith('.css') ? 'text/css; charset=utf-8' : 'application/octet-stream' };
}
