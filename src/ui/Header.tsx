// The header: what this is, then (once the engine has started) the course navigation, the
// cluster's clock and its controls, and the Save menu.
import { Suspense } from 'react';
import { HeaderControls } from './lazy-views';
import './header.css';

export function Header({ booted }: { booted: boolean }) {
  return (
    <header className="app-header" data-region="header">
      <span className="brand" aria-label="Podlab">
        <img src="icon.svg" alt="" width={22} height={22} /> Podlab
      </span>
      {booted && (
        <Suspense fallback={null}>
          <HeaderControls />
        </Suspense>
      )}
    </header>
  );
}

