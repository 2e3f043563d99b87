// kuard's builds as Podlab's images carry them: gcr.io/kuar-demo/kuard-amd64:1 is v0.7.2 built with
// fake version 1 (Makefile FAKE_VERSIONS, VERSION=$(VERSION_BASE)-$(FAKEVER)); :blue and :green are
// v0.10.0 with the colour fake versions of the 2019 Makefile.
import type { CommandRegistry } from '../../process/program';
import { kuardProgram } from './app';

/** Registry names of the builds (stable: snapshots name them). */
export const KUARD_1 = 'kuard/v0.7.2-1';
export const KUARD_BLUE = 'kuard/v0.10.0-blue';
export const KUARD_GREEN = 'kuard/v0.10.0-green';

export function registerKuard(r: CommandRegistry): void {
  r.register(KUARD_1, kuardProgram({ version: 'v0.7.2-1', prefixes: false }));
  // v0.10 NewApp also serves every route under /a, /b and /c
  r.register(KUARD_BLUE, kuardProgram({ version: 'v0.10.0-blue', prefixes: true }));
  r.register(KUARD_GREEN, kuardProgram({ version: 'v0.10.0-green', prefixes: true }));
}
