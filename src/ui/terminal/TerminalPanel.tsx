// The terminal: xterm.js showing the World's host shell. Keys go to the session; its output
// comes back as events. On mount (and when the world is replaced) the scrollback is redrawn.
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useAppStore, useWorld } from '../../state';
import { ForwardOffers } from '../preview/PreviewPane';
import { bufferText, terminalTheme } from './terminal-support';
import './terminal.css';

declare global {
  interface Window {
    __terminalText?: () => string;
  }
}

export function TerminalPanel() {
  const world = useWorld();
  // a lesson's reset gives the world a new session: attach to it
  const epoch = useSyncExternalStore(world.subscribe, () => world.epoch);
  const screenReaderMode = useAppStore((s) => s.screenReaderMode);
  const setScreenReaderMode = useAppStore((s) => s.setScreenReaderMode);
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | undefined>(undefined);

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
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // the panel is hidden (zero size): fit again when it shows
      }
    };
    refit();
    term.write(world.scrollback.text().replace(/\r?\n/g, '\r\n'));
    const off = world.session.onEvent((e) => {
      if (e.type === 'output') term.write(e.data.replace(/\r?\n/g, '\r\n'));
    });
    const input = term.onData((data) => world.session.input(data));
    const resize = new ResizeObserver(refit);
    resize.observe(el);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const retheme = () => (term.options.theme = terminalTheme(el));
    scheme.addEventListener('change', retheme);
    window.__terminalText = () => bufferText(term);
    return () => {
      scheme.removeEventListener('change', retheme);
      resize.disconnect();
      input.dispose();
      off();
      term.dispose();
      termRef.current = undefined;
    };
  }, [world, epoch]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.screenReaderMode = screenReaderMode;
  }, [screenReaderMode]);

  return (
    <div className="terminal-panel">
      <div className="terminal-bar">
        <h2 className="region-title">Terminal</h2>
        <ForwardOffers />
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
