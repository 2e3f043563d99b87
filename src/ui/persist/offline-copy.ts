// Whether this browser keeps an offline copy of Podlab (the service worker's precache), said in
// the Save menu so a teacher can see it on a student's machine. Browsers run service workers
// only in secure contexts: a build served over plain http from another machine on the LAN gets
// none, so a page reopened while that laptop is away does not load (the work itself is still
// saved in the browser: IndexedDB needs no secure context).
import { useEffect, useState } from 'react';

export type OfflineCopy = 'kept' | 'saving' | 'insecure' | 'unsupported';

export interface OfflineFacts {
  /** window.isSecureContext: https, or localhost / 127.0.0.1 */
  secure: boolean;
  /** 'serviceWorker' in navigator (absent in some private windows and old browsers) */
  serviceWorkers: boolean;
  /** a service worker controls this page: it was installed and answers the page's requests */
  controlled: boolean;
}

export function offlineCopy(f: OfflineFacts): OfflineCopy {
  if (!f.secure) return 'insecure';
  if (!f.serviceWorkers) return 'unsupported';
  return f.controlled ? 'kept' : 'saving';
}

/** What the Save menu says, for `origin` (e.g. http://192.168.1.20:4173). */
export function offlineCopyText(state: OfflineCopy, origin: string): string {
  switch (state) {
    case 'kept':
      return 'Works offline: this browser keeps a copy of Podlab.';
    case 'saving':
      return 'Keeping a copy of Podlab in this browser, for working offline…';
    case 'insecure':
      return `No offline copy: browsers keep one only for pages served over https or from localhost, and this one comes from ${origin}. Reopening Podlab needs that server; your work stays saved in this browser.`;
    case 'unsupported':
      return 'No offline copy: this browser window does not keep one (a private window?). Reopening Podlab needs the network; your work stays saved in this browser.';
  }
}

function currentFacts(): OfflineFacts {
  const sw = 'serviceWorker' in navigator;
  return { secure: window.isSecureContext, serviceWorkers: sw, controlled: sw && !!navigator.serviceWorker.controller };
}

/** The offline copy's state, updated when a service worker takes control of the page. */
export function useOfflineCopy(): OfflineCopy {
  const [state, setState] = useState(() => offlineCopy(currentFacts()));
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const update = () => setState(offlineCopy(currentFacts()));
    navigator.serviceWorker.addEventListener('controllerchange', update);
    return () => navigator.serviceWorker.removeEventListener('controllerchange', update);
  }, []);
  return state;
}
