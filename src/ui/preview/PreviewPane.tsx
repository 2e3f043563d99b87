// The built-in browser: tabs, back/forward/reload, an address bar and "view as" (your machine, or
// inside a pod). Pages come from the simulated servers; HTML shows in a sandboxed iframe where no
// script runs, and links and forms in it load through the simulated network too.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { loadPage, normalizeUrl, useAppStore, useWorld, type PageResult, type PreviewTab, type Vantage, type World } from '../../state';
import { isHtml, pageDocument, textOf } from './page-document';
import './preview.css';

function vantageOf(viewAs: string): Vantage {
  if (viewAs === 'host') return { kind: 'host' };
  const [namespace, name] = viewAs.split('/');
  return { kind: 'pod', namespace: namespace!, name: name! };
}

export function PreviewPane() {
  const tabs = useAppStore((s) => s.previewTabs);
  const active = useAppStore((s) => s.activePreview);
  const setActive = useAppStore((s) => s.setActivePreview);
  const close = useAppStore((s) => s.closePreviewTab);
  const open = useAppStore((s) => s.openPreview);
  const tab = tabs.find((t) => t.id === active) ?? tabs[0]!;
  return (
    <div className="preview">
      {/* a list of buttons, not an ARIA tablist: each tab has its own close button, which a
          tablist may not contain */}
      <div className="preview-tabs">
        <ul className="preview-tab-list" aria-label="Preview tabs">
          {tabs.map((t) => (
            <li key={t.id} className={`preview-tab ${t.id === tab.id ? 'active' : ''}`}>
              <button aria-current={t.id === tab.id ? 'page' : undefined} onClick={() => setActive(t.id)} title={t.url || 'New tab'}>
                {t.url ? t.url.replace(/^http:\/\//, '') : 'New tab'}
              </button>
              <button className="preview-tab-close" aria-label={`Close tab ${t.url || 'New tab'}`} onClick={() => close(t.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <button aria-label="New tab" onClick={() => open('', { newTab: true })}>
          +
        </button>
      </div>
      <BrowserTab key={tab.id} tab={tab} />
    </div>
  );
}

function BrowserTab({ tab }: { tab: PreviewTab }) {
  const world = useWorld();
  const update = useAppStore((s) => s.updatePreviewTab);
  const open = useAppStore((s) => s.openPreview);
  const [address, setAddress] = useState(tab.url);
  const [result, setResult] = useState<PageResult>();
  const [loading, setLoading] = useState(false);
  const [reloads, setReloads] = useState(0);
  // the body of a form POST for the next load (a ref: it goes with that load only)
  const post = useRef<string | undefined>(undefined);
  const setPost = (p: { body: string } | undefined) => (post.current = p?.body);

  useEffect(() => setAddress(tab.url), [tab.url]);

  useEffect(() => {
    if (!tab.url) return setResult(undefined);
    let live = true;
    setLoading(true);
    const body = post.current;
    post.current = undefined;
    loadPage(world, tab.url, vantageOf(tab.viewAs), body !== undefined ? { method: 'POST', body } : {}).then((r) => {
      if (!live) return;
      setResult(r);
      setLoading(false);
      // a redirect moved us: the address bar shows where we ended up
      const now = useAppStore.getState().previewTabs.find((t) => t.id === tab.id);
      if (now && r.url !== now.url && r.kind === 'page') update(now.id, { url: r.url, history: now.history.map((h, i) => (i === now.at ? r.url : h)) });
    });
    return () => {
      live = false;
    };
  }, [world, tab.id, tab.url, tab.viewAs, reloads, update]);

  const navigate = useCallback(
    (url: string, body?: string) => {
      setPost(body === undefined ? undefined : { body });
      if (url === tab.url) setReloads((n) => n + 1);
      else open(url);
    },
    [open, tab.url],
  );

  const go = (e: FormEvent) => {
    e.preventDefault();
    const url = normalizeUrl(address);
    navigate(url ? url.href : address);
  };
  const move = (delta: number) => {
    const at = tab.at + delta;
    if (at < 0 || at >= tab.history.length) return;
    setPost(undefined);
    update(tab.id, { at, url: tab.history[at]! });
  };

  return (
    <div className="browser">
      <form className="browser-bar" onSubmit={go} role="search" aria-label="Browser toolbar">
        <button type="button" aria-label="Back" disabled={tab.at <= 0} onClick={() => move(-1)}>
          ←
        </button>
        <button type="button" aria-label="Forward" disabled={tab.at >= tab.history.length - 1} onClick={() => move(1)}>
          →
        </button>
        <button
          type="button"
          aria-label="Reload"
          disabled={!tab.url}
          onClick={() => {
            setPost(undefined);
            setReloads((n) => n + 1);
          }}
        >
          ⟳
        </button>
        <input className="address" aria-label="Address" value={address} placeholder="localhost:8080" onChange={(e) => setAddress(e.target.value)} spellCheck={false} />
        <ViewAs world={world} value={tab.viewAs} onChange={(viewAs) => update(tab.id, { viewAs })} />
      </form>
      <div className="browser-status" role="status" aria-live="polite">
        {loading ? 'Loading…' : result?.kind === 'page' ? `${result.status} ${result.reason}` : result?.kind === 'error' ? result.code : ''}
      </div>
      <div className="browser-page">
        {!tab.url && <StartPage world={world} onOpen={(url) => navigate(url)} />}
        {tab.url && result?.kind === 'error' && <ErrorPage result={result} />}
        {tab.url && result?.kind === 'page' && <Page result={result} onNavigate={navigate} />}
      </div>
    </div>
  );
}

/** Where requests come from: your machine (localhost = port-forwards) or a running pod. */
function ViewAs({ world, value, onChange }: { world: World; value: string; onChange: (v: string) => void }) {
  const version = useSyncExternalStore(world.subscribe, () => world.version);
  const pods = world.cluster.store
    .list('pods')
    .filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running')
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  void version;
  return (
    <label className="view-as">
      <span>View as</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="host">your machine</option>
        {pods.map((p) => (
          <option key={p} value={p}>
            pod {p.startsWith('default/') ? p.slice(8) : p}
          </option>
        ))}
        {value !== 'host' && !pods.includes(value) && <option value={value}>pod {value} (not running)</option>}
      </select>
    </label>
  );
}

function Page({ result, onNavigate }: { result: Extract<PageResult, { kind: 'page' }>; onNavigate: (url: string, body?: string) => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const html = isHtml(result.contentType, result.body);

  // links and forms in the page load through the simulated network, not the real one
  const wire = () => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    doc.addEventListener('click', (e) => {
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!a) return;
      e.preventDefault();
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#')) return;
      onNavigate(new URL(href, result.url).href);
    });
    doc.addEventListener('submit', (e) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const params = new URLSearchParams();
      for (const el of Array.from(form.elements) as HTMLInputElement[]) if (el.name) params.append(el.name, el.value);
      const target = new URL(form.getAttribute('data-action') ?? '', result.url);
      if ((form.method || 'get').toLowerCase() === 'post') onNavigate(target.href, params.toString());
      else onNavigate(`${target.origin}${target.pathname}?${params}`);
    });
  };

  if (!html) return <pre className="browser-text">{textOf(result.body, result.contentType)}</pre>;
  return (
    <iframe
      ref={frame}
      title={`Page ${result.url}`}
      className="browser-frame"
      // allow-same-origin without allow-scripts: no script runs in it, and the app can wire its links
      sandbox="allow-same-origin"
      srcDoc={pageDocument(result.body, result.styles)}
      onLoad={wire}
    />
  );
}

function ErrorPage({ result }: { result: Extract<PageResult, { kind: 'error' }> }) {
  return (
    <div className="browser-error" role="alert">
      <h2>{result.title}</h2>
      <p>{result.detail}</p>
      <p className="browser-error-code">{result.code}</p>
    </div>
  );
}

function StartPage({ world, onOpen }: { world: World; onOpen: (url: string) => void }) {
  const ports = usePortForwards(world);
  return (
    <div className="browser-start">
      <h2>Preview</h2>
      <p>
        This browser reaches the simulated cluster only. From your machine, <code>localhost:PORT</code> works while <code>kubectl port-forward</code> holds that port open. To browse pod IPs and Service names, choose a pod under “View as”.
      </p>
      {ports.length > 0 ? (
        <ul>
          {ports.map((p) => (
            <li key={p.localPort}>
              <button onClick={() => onOpen(`http://localhost:${p.localPort}/`)}>Open localhost:{p.localPort}</button> → pod {p.target.pod}:{p.target.port}
            </li>
          ))}
        </ul>
      ) : (
        <p>No port is forwarded right now. Try: <code>kubectl port-forward pod/NAME 8080:80</code></p>
      )}
    </div>
  );
}

/** The localhost ports kubectl port-forward holds, kept current from the session's events. */
export function usePortForwards(world: World) {
  const subscribe = useCallback(
    (fn: () => void) => {
      const off = world.session.onEvent((e) => {
        if (e.type === 'port-forward') fn();
      });
      return off;
    },
    [world],
  );
  const key = useSyncExternalStore(subscribe, () => world.session.network.ports().map((p) => `${p.localPort}:${p.target.namespace}/${p.target.pod}:${p.target.port}`).join(','));
  void key;
  return world.session.network.ports();
}

/** The terminal's offer when kubectl port-forward holds ports: one click opens them in the preview. */
export function ForwardOffers() {
  const world = useWorld();
  const ports = usePortForwards(world);
  const open = useAppStore((s) => s.openPreview);
  if (!ports.length) return null;
  return (
    <span className="forward-offers">
      {ports.map((p) => (
        <button key={p.localPort} onClick={() => open(`http://localhost:${p.localPort}/`, { newTab: true })} title={`Forwarded to pod ${p.target.pod}:${p.target.port}`}>
          Open localhost:{p.localPort} in preview
        </button>
      ))}
    </span>
  );
}
