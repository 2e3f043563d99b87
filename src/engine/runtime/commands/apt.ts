// apt-get / apt (update, install, upgrade) and apk (update, add), writing the binaries of what they
// install so a missing command appears: `ps: not found` until `apt-get install procps`. Output
// lines are apt 2.6's (apt-private/private-install.cc, acqprogress.cc, apt-pkg/contrib/progress.cc,
// strutl.cc SizeToStr/TimeToStr) and dpkg's; apk-tools 2.14's (src/commit.c, database.c). Work
// takes virtual time: downloads at 10 MB/s, a few tens of ms per package unpacked.
import { programFile, type Proc, type Program } from '../process/program';
import type { ProcEvent } from '../process/types';
import {
  APK_INSTALLED, DPKG_STATUS, apkStanza, closure, dpkgStanza, packageRepo, readInstalled, type Pkg, type PkgDistro,
} from './packages';
import { distroOf } from './system';
import { ctxOfProc, type Ctx } from './util';

/** One thing to do: print, wait, ask, or install a package's files. All JSON (the process state). */
type Step =
  | { k: 'out'; text: string; fd?: 1 | 2 }
  | { k: 'wait'; ms: number }
  | { k: 'prompt' }
  | { k: 'install'; pkg: string; distro: PkgDistro }
  | { k: 'lists'; files: string[] }
  | { k: 'exit'; code: number };

interface ScriptState {
  steps: Step[];
  i: number;
}

const BANDWIDTH = 10_000_000; // bytes per second

/** Run a list of steps; the prompt step reads a line from stdin (end-of-file answers no). */
function scriptProgram(plan: (p: Proc<ScriptState>, c: Ctx) => Step[]): Program<ScriptState> {
  return {
    kind: 'program',
    start(p) {
      p.state = { steps: plan(p, ctxOfProc(p as Proc<unknown>)), i: 0 };
      run(p);
    },
    event(p, ev: ProcEvent) {
      if (ev.type === 'timer') {
        p.state.i++;
        run(p);
      } else if (ev.type === 'readable') run(p);
    },
  };
}

function run(p: Proc<ScriptState>): void {
  const s = p.state;
  const c = ctxOfProc(p as Proc<unknown>);
  while (s.i < s.steps.length && p.alive) {
    const st = s.steps[s.i]!;
    switch (st.k) {
      case 'out':
        p.write(st.fd ?? 1, st.text);
        break;
      case 'wait':
        p.setTimer(st.ms);
        return;
      case 'prompt': {
        const line = p.read(0, 'line');
        if (line === null) {
          p.waitReadable(0);
          return;
        }
        // apt-private/private-output.cc YnPrompt: end-of-file is "no"; an empty line takes the default (yes)
        if (line === '' || !/^\s*(y|yes)?\s*$/i.test(line)) {
          p.write(1, 'Abort.\n');
          p.exit(1);
          return;
        }
        break;
      }
      case 'install':
        installFiles(c, st.distro, st.pkg);
        break;
      case 'lists':
        for (const f of st.files) {
          try {
            c.fs.mkdir(f.slice(0, f.lastIndexOf('/')), { recursive: true });
            c.fs.writeFile(f, '');
          } catch {
            // a read-only root: the lists stay missing
          }
        }
        break;
      case 'exit':
        p.exit(st.code);
        return;
    }
    s.i++;
  }
  if (p.alive) p.exit(0);
}

function installFiles(c: Ctx, distro: PkgDistro, name: string): void {
  const pkg = packageRepo(distro).packages.get(name);
  if (!pkg) return;
  try {
    for (const [path, prog] of Object.entries(pkg.files ?? {})) {
      c.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
      c.fs.writeFile(path, programFile(prog), { mode: 0o755 });
      c.fs.chmod(path, 0o755);
    }
    if (distro === 'alpine') c.fs.appendFile(APK_INSTALLED, apkStanza(pkg.name, pkg.version));
    else c.fs.appendFile(DPKG_STATUS, dpkgStanza(pkg.name, pkg.version));
  } catch {
    // read-only filesystem: dpkg would fail; Podlab keeps going without the files
  }
}

// ---------- apt-get ----------

/** apt-pkg/contrib/strutl.cc SizeToStr: "134 k", "14.2 k", "9376 k", "1.2 M" (the caller adds "B"). */
export function sizeToStr(n: number): string {
  const ext = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  let a = Math.abs(n);
  for (let i = 0; i < ext.length; i++) {
    if (a < 100 && i !== 0) return `${a.toFixed(1)} ${ext[i]}`;
    if (a < 10000) return `${Math.round(a)} ${ext[i]}`;
    a /= 1000;
  }
  return '';
}

/** apt-pkg/contrib/strutl.cc TimeToStr. */
function timeToStr(sec: number): string {
  if (sec > 86400) return `${Math.floor(sec / 86400)}d ${Math.floor(sec / 3600) % 24}h ${Math.floor(sec / 60) % 60}min ${sec % 60}s`;
  if (sec > 3600) return `${Math.floor(sec / 3600)}h ${Math.floor(sec / 60) % 60}min ${sec % 60}s`;
  if (sec > 60) return `${Math.floor(sec / 60)}min ${sec % 60}s`;
  return `${sec}s`;
}

interface Source {
  uri: string;
  /** what apt prints for the InRelease and Packages items */
  release: string;
  suite: string;
  inReleaseBytes: number;
  packagesBytes: number;
  component: string;
}

function sources(d: 'debian' | 'ubuntu'): Source[] {
  if (d === 'debian') {
    return [
      { uri: 'http://deb.debian.org/debian', release: 'bookworm', suite: 'bookworm', inReleaseBytes: 151_000, packagesBytes: 8_792_000, component: 'main' },
      { uri: 'http://deb.debian.org/debian', release: 'bookworm-updates', suite: 'bookworm-updates', inReleaseBytes: 55_400, packagesBytes: 13_500, component: 'main' },
      { uri: 'http://deb.debian.org/debian-security', release: 'bookworm-security', suite: 'bookworm-security', inReleaseBytes: 48_000, packagesBytes: 247_000, component: 'main' },
    ];
  }
  return [
    { uri: 'http://archive.ubuntu.com/ubuntu', release: 'noble', suite: 'noble', inReleaseBytes: 256_000, packagesBytes: 1_808_000, component: 'main' },
    { uri: 'http://archive.ubuntu.com/ubuntu', release: 'noble-updates', suite: 'noble-updates', inReleaseBytes: 126_000, packagesBytes: 1_065_000, component: 'main' },
    { uri: 'http://archive.ubuntu.com/ubuntu', release: 'noble-backports', suite: 'noble-backports', inReleaseBytes: 126_000, packagesBytes: 39_100, component: 'universe' },
    { uri: 'http://security.ubuntu.com/ubuntu', release: 'noble-security', suite: 'noble-security', inReleaseBytes: 126_000, packagesBytes: 795_000, component: 'main' },
  ];
}

function listFile(src: Source, kind: 'InRelease' | 'Packages'): string {
  const base = `/var/lib/apt/lists/${src.uri.replace(/^http:\/\//, '').replace(/\//g, '_')}_dists_${src.suite}`;
  return kind === 'InRelease' ? `${base}_InRelease` : `${base}_${src.component}_binary-amd64_Packages.lz4`;
}

function haveLists(c: Ctx, d: 'debian' | 'ubuntu'): boolean {
  return sources(d).some((s) => c.fs.exists(listFile(s, 'Packages')));
}

function readDb(c: Ctx, path: string): Map<string, string> {
  try {
    return readInstalled(c.fs.readFile(path));
  } catch {
    return new Map();
  }
}

/** apt-private/private-output.cc ShowList: two-space indent, names wrapped before 80 columns. */
function showList(title: string, names: string[]): string {
  if (!names.length) return '';
  let out = `${title}\n`;
  let line = ' ';
  for (const n of names) {
    if (line.length + 1 + n.length > 79 && line.trim()) {
      out += `${line}\n`;
      line = ' ';
    }
    line += ` ${n}`;
  }
  return `${out}${line}\n`;
}

export function aptCommand(frontend: 'apt-get' | 'apt'): Program<ScriptState> {
  return scriptProgram((p, c) => {
    const steps: Step[] = [];
    const tty = c.tty;
    const out = (text: string, fd: 1 | 2 = 1): void => void steps.push({ k: 'out', text, fd });
    if (frontend === 'apt' && !tty) {
      // apt-private/private-cmndline.cc: the scripting warning when stdout is not a terminal
      out('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n', 2);
    }
    const args = c.argv.slice(1);
    let yes = false;
    let quiet = tty ? 0 : 1;
    let noRecommends = false;
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-y' || a === '--yes' || a === '--assume-yes') yes = true;
      else if (a === '-q' || a === '--quiet') quiet = Math.max(quiet, 1);
      else if (a === '-qq') quiet = 2;
      else if (a === '--no-install-recommends') noRecommends = true;
      else if (a === '-o' || a === '-c' || a === '-t') i++;
      else if (a.startsWith('-')) continue;
      else words.push(a);
    }
    const d = distroOf(c.fs);
    const distro: 'debian' | 'ubuntu' = d === 'ubuntu' ? 'ubuntu' : 'debian';
    const cmd = words[0];
    const progress = (op: string): void => {
      // apt-pkg/contrib/progress.cc OpTextProgress: "op..." without a terminal, "op... Done" on one
      if (quiet < 2) out(tty ? `${op}... Done\n` : `${op}...\n`);
    };
    if (!cmd) {
      out(`apt 2.6.1 (amd64)\nUsage: ${frontend} [options] command\n`);
      steps.push({ k: 'exit', code: 1 });
      return steps;
    }
    if (cmd === 'update') {
      const srcs = sources(distro);
      const had = haveLists(c, distro);
      let id = 0;
      let bytes = 0;
      for (const s of srcs) {
        // apt-private/acqprogress.cc Fetch / IMSHit: "Get:%lu %s [%sB]" / "Hit:%lu %s"
        if (quiet < 2) out(had ? `Hit:${++id} ${s.uri} ${s.release} InRelease\n` : `Get:${++id} ${s.uri} ${s.release} InRelease [${sizeToStr(s.inReleaseBytes)}B]\n`);
        steps.push({ k: 'wait', ms: 30 + Math.round((had ? 0 : s.inReleaseBytes) * 1000 / BANDWIDTH) });
        if (!had) bytes += s.inReleaseBytes;
      }
      if (!had) {
        for (const s of srcs) {
          if (quiet < 2) out(`Get:${++id} ${s.uri} ${s.release}/${s.component} amd64 Packages [${sizeToStr(s.packagesBytes)}B]\n`);
          steps.push({ k: 'wait', ms: Math.round((s.packagesBytes * 1000) / BANDWIDTH) });
          bytes += s.packagesBytes;
        }
        const secs = 0.03 * srcs.length + bytes / BANDWIDTH + 0.1 * srcs.length;
        // acqprogress.cc Stop: "Fetched %sB in %s (%sB/s)"
        if (quiet < 2) out(`Fetched ${sizeToStr(bytes)}B in ${timeToStr(Math.floor(secs))} (${sizeToStr(bytes / secs)}B/s)\n`);
      }
      steps.push({ k: 'lists', files: srcs.flatMap((s) => [listFile(s, 'InRelease'), listFile(s, 'Packages')]) });
      progress('Reading package lists');
      return steps;
    }
    if (cmd === 'install' || cmd === 'upgrade' || cmd === 'dist-upgrade' || cmd === 'full-upgrade') {
      progress('Reading package lists');
      progress('Building dependency tree');
      progress('Reading state information');
      if (cmd !== 'install') {
        // apt-private/private-output.cc Stats: "%lu upgraded, %lu newly installed, %lu to remove and %lu not upgraded."
        if (haveLists(c, distro)) out('Calculating upgrade...' + (tty ? ' Done\n' : '\n'));
        out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
        return steps;
      }
      const repo = packageRepo(distro);
      const installed = readDb(c, DPKG_STATUS);
      const wanted = words.slice(1).map((w) => w.replace(/=.*$/, ''));
      if (!wanted.length) {
        out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
        return steps;
      }
      const lists = haveLists(c, distro);
      const unknown = wanted.filter((w) => !lists || (!repo.packages.has(w) && !installed.has(w)));
      if (unknown.length) {
        // apt-pkg/cacheset.cc: "Unable to locate package %s"
        for (const u of unknown) out(`E: Unable to locate package ${u}\n`, 2);
        steps.push({ k: 'exit', code: 100 });
        return steps;
      }
      for (const w of wanted) {
        // apt-private/private-install.cc: "%s is already the newest version (%s)."
        if (installed.has(w)) out(`${w} is already the newest version (${installed.get(w)}).\n`);
      }
      const todo = closure(repo, wanted, installed, noRecommends);
      const sorted = [...todo].sort((a, b) => (a.name < b.name ? -1 : 1));
      const extra = sorted.filter((x) => !wanted.includes(x.name)).map((x) => x.name);
      const suggested = [...new Set(todo.flatMap((x) => x.suggests ?? []))].filter((x) => !installed.has(x)).sort();
      const recommended = noRecommends ? [...new Set(closure(repo, wanted, installed, false).map((x) => x.name))].filter((n) => !todo.some((t) => t.name === n)).sort() : [];
      out(showList('The following additional packages will be installed:', extra));
      out(showList('Suggested packages:', suggested));
      out(showList('Recommended packages:', recommended));
      out(showList('The following NEW packages will be installed:', sorted.map((x) => x.name)));
      out(`0 upgraded, ${todo.length} newly installed, 0 to remove and 0 not upgraded.\n`);
      if (!todo.length) return steps;
      const bytes = todo.reduce((n, x) => n + x.size, 0);
      const kb = todo.reduce((n, x) => n + x.installedKb, 0);
      // apt-private/private-install.cc InstallPackages
      out(`Need to get ${sizeToStr(bytes)}B of archives.\n`);
      out(`After this operation, ${sizeToStr(kb * 1024)}B of additional disk space will be used.\n`);
      if (extra.length && !yes && quiet < 2) {
        // private-install.cc: YnPrompt(_("Do you want to continue?")) with " [Y/n] "
        out('Do you want to continue? [Y/n] ');
        steps.push({ k: 'prompt' });
      }
      const mirror = distro === 'debian' ? 'http://deb.debian.org/debian bookworm' : 'http://archive.ubuntu.com/ubuntu noble';
      todo.forEach((x, i) => {
        out(`Get:${i + 1} ${mirror}/${x.component ?? 'main'} amd64 ${x.name} ${x.archAll ? 'all' : 'amd64'} ${x.version} [${sizeToStr(x.size)}B]\n`);
      });
      const secs = bytes / BANDWIDTH + 0.05;
      steps.push({ k: 'wait', ms: Math.round(secs * 1000) });
      out(`Fetched ${sizeToStr(bytes)}B in ${timeToStr(Math.floor(secs))} (${sizeToStr(bytes / secs)}B/s)\n`);
      // dpkg-preconfigure without apt-utils (every Docker image)
      out('debconf: delaying package configuration, since apt-utils is not installed\n', 2);
      const shown = (x: Pkg): string => (x.multiArch ? `${x.name}:amd64` : x.name);
      const width = String(todo.length - 1).length;
      const dbCount = (distro === 'debian' ? 6094 : 4381) + [...installed.keys()].filter((n) => repo.packages.has(n)).length * 40;
      todo.forEach((x, i) => {
        // dpkg src/main/unpack.c / archives.c messages
        out(`Selecting previously unselected package ${shown(x)}.\n`);
        if (i === 0) out(`(Reading database ... ${dbCount} files and directories currently installed.)\n`);
        const deb = `${todo.length > 1 ? `${String(i).padStart(width, '0')}-` : ''}${x.name}_${x.version.replace(':', '%3a')}_${x.archAll ? 'all' : 'amd64'}.deb`;
        out(`Preparing to unpack .../${deb} ...\nUnpacking ${shown(x)} (${x.version}) ...\n`);
        steps.push({ k: 'wait', ms: 40 });
      });
      for (const x of todo) {
        out(`Setting up ${shown(x)} (${x.version}) ...\n`);
        for (const l of x.setupLines ?? []) out(`${l}\n`);
        steps.push({ k: 'install', pkg: x.name, distro }, { k: 'wait', ms: 30 });
      }
      if (todo.some((x) => x.multiArch)) out(`Processing triggers for libc-bin (${distro === 'debian' ? '2.36-9+deb12u9' : '2.39-0ubuntu8.4'}) ...\n`);
      return steps;
    }
    if (cmd === 'clean' || cmd === 'autoclean' || cmd === 'autoremove') {
      if (cmd === 'autoremove') {
        progress('Reading package lists');
        progress('Building dependency tree');
        progress('Reading state information');
        out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      }
      return steps;
    }
    // apt-private/private-cmndline.cc: "Invalid operation %s"
    out(`E: Invalid operation ${cmd}\n`, 2);
    steps.push({ k: 'exit', code: 100 });
    return steps;
  });
}

// ---------- apk ----------

const APK_MIRROR = 'https://dl-cdn.alpinelinux.org/alpine/v3.21';
const APK_INDEX_CACHE = '/var/cache/apk/APKINDEX.tar.gz';

export function apkCommand(): Program<ScriptState> {
  return scriptProgram((_p, c) => {
    const steps: Step[] = [];
    const out = (text: string, fd: 1 | 2 = 1): void => void steps.push({ k: 'out', text, fd });
    const args = c.argv.slice(1);
    const words = args.filter((a) => !a.startsWith('-'));
    const noCache = args.includes('--no-cache');
    const cmd = words[0];
    const repo = packageRepo('alpine');
    const installed = readDb(c, APK_INSTALLED);
    const haveIndex = c.fs.exists(APK_INDEX_CACHE);
    const fetchIndex = (): void => {
      // src/database.c apk_repository_update: "fetch " URL
      out(`fetch ${APK_MIRROR}/main/x86_64/APKINDEX.tar.gz\nfetch ${APK_MIRROR}/community/x86_64/APKINDEX.tar.gz\n`);
      steps.push({ k: 'wait', ms: 400 });
    };
    const total = (extra: Pkg[]): string => {
      const count = installed.size + extra.length;
      const kb = 7000 + [...installed.keys()].reduce((n, k) => n + (repo.packages.get(k)?.installedKb ?? 0), 0) + extra.reduce((n, x) => n + x.installedKb, 0);
      // src/commit.c: "OK: %llu MiB in %d packages"
      return `OK: ${Math.floor((kb * 1024) / (1024 * 1024))} MiB in ${count} packages\n`;
    };
    if (cmd === 'update') {
      fetchIndex();
      out(`v3.21.3-253-g6c4e59d3d0 [${APK_MIRROR}/main]\nv3.21.3-254-g1f1a2c5a54 [${APK_MIRROR}/community]\nOK: 25397 distinct packages available\n`);
      steps.push({ k: 'lists', files: [APK_INDEX_CACHE] });
      return steps;
    }
    if (cmd === 'add') {
      const wanted = words.slice(1);
      if (!haveIndex || noCache) fetchIndex();
      const unknown = wanted.filter((w) => !repo.packages.has(w) && !installed.has(w));
      if (unknown.length) {
        // src/commit.c print_broken_deps: "unable to select packages:", "%s (no such package):", "required by:"
        let msg = 'ERROR: unable to select packages:\n';
        for (const u of unknown) msg += `  ${u} (no such package):\n    required by: world[${u}]\n`;
        out(msg, 2);
        steps.push({ k: 'exit', code: 1 });
        return steps;
      }
      const todo = closure(repo, wanted, installed);
      todo.forEach((x, i) => {
        // src/commit.c print_change: "(%i/%i)" then "Installing %s (%s)"
        out(`(${i + 1}/${todo.length}) Installing ${x.name} (${x.version})\n`);
        steps.push({ k: 'wait', ms: Math.round((x.size * 1000) / BANDWIDTH) + 20 }, { k: 'install', pkg: x.name, distro: 'alpine' });
      });
      if (todo.length) {
        // src/package.c apk_ipkg_run_script: "Executing %s"
        out('Executing busybox-1.37.0-r12.trigger\n');
        if (todo.some((x) => x.name === 'ca-certificates')) out('Executing ca-certificates-20241121-r1.trigger\n');
      }
      out(total(todo));
      if (!noCache) steps.push({ k: 'lists', files: [APK_INDEX_CACHE] });
      return steps;
    }
    if (cmd === 'info') {
      out([...installed.keys()].map((n) => `${n}\n`).join(''));
      return steps;
    }
    // src/apk.c usage: "apk-tools 2.14.6, compiled for x86_64." + usage lines
    out(`apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n`, cmd ? 2 : 1);
    steps.push({ k: 'exit', code: 1 });
    return steps;
  });
}

