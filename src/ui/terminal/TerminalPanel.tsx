// The terminal: xterm.js showing the World's host shell. Keys go to the session; its output
// comes back as events. When the world is replaced (or a lesson's reset gives it a new session)
// the screen is cleared and its scrollback redrawn.
//
// The page shows the terminal before the engine's chunk has arrived: it then offers the shell's
// prompt and echoes what is typed, and hands every key to the session the moment there is one,
// so a command typed early runs as soon as it can (the session echoes it again on a clean screen).
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useAppStore, type World } from '../../state';
import { useIsBooted } from '../boot-context';
import { ForwardOffers } from '../lazy-views';
import { noteTerminalKey } from '../editor-gate';
import { markTerminalShown } from '../terminal-shown';
import { earlyEcho } from './early-echo';
import { bufferText, terminalTheme } from './terminal-support';
import './terminal.css';

declare global {
  interface Window {
    __terminalText?: () => string;
  }
}

/** The host shell's prompt (PS1 in src/terminal/session.ts), shown until the session is up. */
const EARLY_PROMPT = '$ ';

const noSubscription = () => () => undefined;

export function TerminalPanel() {
  const booted = useIsBooted();
  const stored = useAppStore((s) => s.world);
  const world: World | undefined = booted ? stored : undefined;
  // a lesson's reset gives the world a new session: attach to it
  const epoch = useSyncExternalStore(world?.subscribe ?? noSubscription, () => world?.epoch ?? -1);
  const screenReaderMode = useAppStore((s) => s.screenReaderMode);
  const setScreenReaderMode = useAppStore((s) => s.setScreenReaderMode);
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | undefined>(undefined);
  /** keys typed before the session was up, in order */
  const typedEarly = useRef('');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      fontFamily: getComputedStyle(el).getPropertyValue('--font-mono') || 'monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: terminalTheme(el),
      screenReaderMode: useAppStore.getState().screenReaderMode,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    // links open in a new tab; simulated URLs (localhost ports) are the preview's business
    term.loadAddon(new WebLinksAddon());
    term.open(el);
    // Alt+3 (focusRegion) lands in xterm's input
    term.textarea?.setAttribute('data-focus-target', '');
    termRef.current = term;
    // the editor's chunk waits for a pause in the typing (editor-gate.ts)
    const keys = term.onData(noteTerminalKey);
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // the panel is hidden (zero size): fit again when it shows
      }
    };
    refit();
    const resize = new ResizeObserver(refit);
    resize.observe(el);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const retheme = () => (term.options.theme = terminalTheme(el));
    scheme.addEventListener('change', retheme);
    window.__terminalText = () => bufferText(term);
    return () => {
      scheme.removeEventListener('change', retheme);
      resize.disconnect();
      keys.dispose();
      term.dispose();
      termRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    if (!world) {
      term.write(EARLY_PROMPT, markTerminalShown);
      const echo = earlyEcho();
      const input = term.onData((data) => {
        typedEarly.current += data;
        term.write(echo(data));
      });
      return () => input.dispose();
    }
    term.reset();
    term.write(world.scrollback.text().replace(/\r?\n/g, '\r\n'));
    const off = world.session.onEvent((e) => {
      if (e.type === 'output') term.write(e.data.replace(/\r?\n/g, '\r\n'));
    });
    const input = term.onData((data) => world.session.input(data));
    if (typedEarly.current) {
      world.session.input(typedEarly.current);
      typedEarly.current = '';
    }
    return () => {
      input.dispose();
      off();
    };
  }, [world, epoch]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.screenReaderMode = screenReaderMode;
  }, [screenReaderMode]);

  return (
    <div className="terminal-panel">
      <div className="terminal-bar">
        <h2 className="region-title">Terminal</h2>
        {world && (
          <Suspense fallback={null}>
            <ForwardOffers />
          </Suspense>
        )}
        <label className="sr-toggle">
          <input type="checkbox" checked={screenReaderMode} onChange={(e) => setScreenReaderMode(e.target.checked)} /> Screen reader mode
        </label>
      </div>
      <div
        className="terminal-host"
        data-testid="terminal"
        ref={host}
        onClick={() => termRef.current?.focus()}
      />
    </div>
  );
}
