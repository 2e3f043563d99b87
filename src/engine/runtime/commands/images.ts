// Which commands each base image ships, as data, and a helper that writes them into a root
// filesystem with the package manager's database. A command an image lacks is a missing file:
// `ps` in nginx (Debian bookworm-slim + nginx + curl) until `apt-get install procps`.
//
// What the real images contain (Docker Hub, 2025): debian/ubuntu have coreutils, grep, sed,
// hostname, which, dash as /bin/sh, bash, apt — no procps, curl, wget, ping, ip or ifconfig;
// nginx adds curl (its Dockerfile installs it with the nginx packages); redis adds nothing we
// model; busybox has every applet in /bin; alpine has busybox applets in their own directories
// and apk; nginx:alpine and curlimages/curl add curl. Distroless images have no shell at all.
import { programFile } from '../process/program';
import type { Vfs } from '../process/types';
import { BUSYBOX, BUSYBOX_1_28, BUSYBOX_APPLET_DIRS } from './busybox';
import {
  APK_INSTALLED, DEBIAN_BASE_FILES, DPKG_STATUS, apkStanza, closure, dpkgStanza, packageRepo, type PkgDistro,
} from './packages';

export type ImageFamily = 'debian' | 'ubuntu' | 'nginx' | 'redis' | 'busybox' | 'busybox-1.28' | 'alpine' | 'nginx-alpine' | 'curl' | 'distroless';

export interface ImageCommands {
  family: ImageFamily;
  /** whose package manager and database (undefined: none) */
  distro?: PkgDistro;
  /** extra packages installed on top of the base (their dependencies come along) */
  packages: string[];
  /** every executable: path → registry name */
  files: Record<string, string>;
}

function busyboxFiles(layout: 'bin' | 'dirs', binary = BUSYBOX): Record<string, string> {
  const files: Record<string, string> = { '/bin/busybox': binary };
  for (const [applet, dir] of Object.entries(BUSYBOX_APPLET_DIRS)) files[`${layout === 'bin' ? '/bin' : dir}/${applet}`] = binary;
  return files;
}

function withPackages(distro: PkgDistro, names: string[], files: Record<string, string>): Record<string, string> {
  const repo = packageRepo(distro);
  const out = { ...files };
  for (const p of closure(repo, names, new Map(repo.base.map((b) => [b, ''])))) Object.assign(out, p.files ?? {});
  return out;
}

/** The commands of an image family. */
export function imageCommands(family: ImageFamily): ImageCommands {
  switch (family) {
    case 'debian':
    case 'redis':
      return { family, distro: 'debian', packages: [], files: { ...DEBIAN_BASE_FILES } };
    case 'ubuntu':
      return { family, distro: 'ubuntu', packages: [], files: { ...DEBIAN_BASE_FILES } };
    case 'nginx':
      // docker-nginx mainline/debian/Dockerfile: apt-get install ... gettext-base curl (no recommends)
      return { family, distro: 'debian', packages: ['curl', 'ca-certificates'], files: withPackages('debian', ['curl'], DEBIAN_BASE_FILES) };
    case 'busybox':
      return { family, packages: [], files: busyboxFiles('bin') };
    case 'busybox-1.28':
      return { family, packages: [], files: busyboxFiles('bin', BUSYBOX_1_28) };
    case 'alpine':
      return { family, distro: 'alpine', packages: [], files: { ...busyboxFiles('dirs'), '/sbin/apk': 'apk/apk' } };
    case 'nginx-alpine':
    case 'curl':
      // docker-nginx mainline/alpine/Dockerfile: apk add --no-cache curl ca-certificates
      return { family, distro: 'alpine', packages: ['curl'], files: withPackages('alpine', ['curl'], { ...busyboxFiles('dirs'), '/sbin/apk': 'apk/apk' }) };
    case 'distroless':
      return { family, packages: [], files: {} };
  }
}

/**
 * Write an image family's executables (mode 0755) and its package database (/var/lib/dpkg/status
 * or /lib/apk/db/installed) into a root filesystem. /etc/os-release and friends are the image's.
 */
export function installImageCommands(fs: Vfs, family: ImageFamily): void {
  const set = imageCommands(family);
  for (const [path, prog] of Object.entries(set.files)) {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    fs.mkdir(dir, { recursive: true });
    fs.writeFile(path, programFile(prog), { mode: 0o755 });
    fs.chmod(path, 0o755);
  }
  if (!set.distro) return;
  const repo = packageRepo(set.distro);
  const base = new Map(repo.base.map((b) => [b, '']));
  const extra = closure(repo, set.packages, base, true);
  if (set.distro === 'alpine') {
    fs.mkdir('/lib/apk/db', { recursive: true });
    fs.writeFile(APK_INSTALLED, [...repo.base.map((b) => apkStanza(b, '')), ...extra.map((p) => apkStanza(p.name, p.version))].join(''));
  } else {
    fs.mkdir('/var/lib/dpkg', { recursive: true });
    fs.mkdir('/var/lib/apt/lists/partial', { recursive: true });
    fs.writeFile(DPKG_STATUS, [...repo.base.map((b) => dpkgStanza(b, '')), ...extra.map((p) => dpkgStanza(p.name, p.version))].join(''));
  }
}
