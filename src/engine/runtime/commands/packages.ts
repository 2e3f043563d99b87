// What the package managers can install, as data: per distribution, the packages (version, archive
// and installed sizes, dependencies) and the executables each one puts on disk (path → registry
// name). Versions are those of Debian 12.9 (bookworm), Ubuntu 24.04 (noble) and Alpine 3.21; the
// dependency sets follow the real packages for a minimal container image; sizes are rounded
// approximations. Packages without an implemented command only carry their metadata.

/** A package as apt or apk knows it. */
export interface Pkg {
  name: string;
  version: string;
  /** archive size in bytes */
  size: number;
  /** installed size in kB */
  installedKb: number;
  depends?: string[];
  recommends?: string[];
  suggests?: string[];
  /** executables it installs: path → registry name */
  files?: Record<string, string>;
  /** lines a maintainer script prints while the package is set up */
  setupLines?: string[];
  /** Multi-Arch: same (apt shows `name:amd64`) */
  multiArch?: boolean;
  /** archive component: `main` (default), `universe`, `community` */
  component?: string;
  /** Architecture: all (apt shows `all` instead of `amd64`) */
  archAll?: boolean;
}

export type PkgDistro = 'debian' | 'ubuntu' | 'alpine';

/** Executables at both /usr/bin and /bin (merged /usr: /bin is a symlink, Podlab has no symlinks). */
function usrBin(names: Record<string, string>, dir = 'bin'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, prog] of Object.entries(names)) {
    out[`/usr/${dir}/${name}`] = prog;
    out[`/${dir}/${name}`] = prog;
  }
  return out;
}

// ---------- Debian bookworm ----------

const DEBIAN_PROCPS_SETUP = [
  // procps.postinst: update-alternatives for w (the man pages are excluded from Docker images)
  'update-alternatives: using /usr/bin/w.procps to provide /usr/bin/w (w) in auto mode',
  "update-alternatives: warning: skip creation of /usr/share/man/man1/w.1.gz because associated file /usr/share/man/man1/w.procps.1.gz (of link group w) doesn't exist",
];

function debianPackages(d: 'debian' | 'ubuntu'): Pkg[] {
  const deb = d === 'debian';
  const v = (debian: string, ubuntu: string): string => (deb ? debian : ubuntu);
  return [
    {
      name: 'procps', version: v('2:4.0.2-3', '2:4.0.4-4ubuntu3'), size: 709_000, installedKb: 2389,
      depends: ['libproc2-0', 'libncursesw6'], recommends: ['psmisc'], setupLines: DEBIAN_PROCPS_SETUP,
      files: usrBin({ ps: 'procps/ps', kill: 'procps/kill' }),
    },
    { name: 'libproc2-0', version: v('2:4.0.2-3', '2:4.0.4-4ubuntu3'), size: 62_800, installedKb: 196, multiArch: true },
    { name: 'libncursesw6', version: v('6.4-4', '6.4+20240113-1ubuntu2'), size: 134_000, installedKb: 411, recommends: ['libgpm2'], multiArch: true },
    { name: 'libgpm2', version: v('1.20.7-10+b1', '1.20.7-11'), size: 14_200, installedKb: 45, suggests: ['gpm'], multiArch: true },
    { name: 'psmisc', version: v('23.6-1', '23.7-1build1'), size: 259_000, installedKb: 928 },
    {
      name: 'curl', version: v('7.88.1-10+deb12u8', '8.5.0-2ubuntu10.6'), size: 315_000, installedKb: 500,
      depends: ['libcurl4'], files: usrBin({ curl: 'curl/curl' }),
    },
    {
      name: 'libcurl4', version: v('7.88.1-10+deb12u8', '8.5.0-2ubuntu10.6'), size: 391_000, installedKb: 778, multiArch: true,
      depends: ['libbrotli1', 'libgssapi-krb5-2', 'libidn2-0', 'libldap-2.5-0', 'libnghttp2-14', 'libpsl5', 'librtmp1', 'libssh2-1', 'libssl3'],
      recommends: ['ca-certificates'],
    },
    { name: 'libbrotli1', version: v('1.0.9-2+b6', '1.1.0-2build2'), size: 275_000, installedKb: 786, multiArch: true },
    { name: 'libgssapi-krb5-2', version: v('1.20.1-2+deb12u2', '1.20.1-6ubuntu2.2'), size: 135_000, installedKb: 431, multiArch: true, depends: ['libkrb5-3', 'libk5crypto3', 'libkrb5support0', 'libkeyutils1'], recommends: ['krb5-locales'] },
    { name: 'libkrb5-3', version: v('1.20.1-2+deb12u2', '1.20.1-6ubuntu2.2'), size: 332_000, installedKb: 1139, multiArch: true },
    { name: 'libk5crypto3', version: v('1.20.1-2+deb12u2', '1.20.1-6ubuntu2.2'), size: 79_400, installedKb: 310, multiArch: true },
    { name: 'libkrb5support0', version: v('1.20.1-2+deb12u2', '1.20.1-6ubuntu2.2'), size: 32_800, installedKb: 109, multiArch: true },
    { name: 'libkeyutils1', version: v('1.6.3-2', '1.6.3-3build1'), size: 8_800, installedKb: 41, multiArch: true },
    { name: 'krb5-locales', version: v('1.20.1-2+deb12u2', '1.20.1-6ubuntu2.2'), size: 63_100, installedKb: 16, archAll: true },
    { name: 'libldap-2.5-0', version: v('2.5.13+dfsg-5', '2.6.7+dfsg-1~exp1ubuntu8.1'), size: 183_000, installedKb: 563, multiArch: true, depends: ['libsasl2-2'], recommends: ['libldap-common'] },
    { name: 'libldap-common', version: v('2.5.13+dfsg-5', '2.6.7+dfsg-1~exp1ubuntu8.1'), size: 29_300, installedKb: 137, archAll: true },
    { name: 'libsasl2-2', version: v('2.1.28+dfsg-10', '2.1.28+dfsg1-5ubuntu3.1'), size: 59_700, installedKb: 169, multiArch: true, depends: ['libsasl2-modules-db'], recommends: ['libsasl2-modules'] },
    { name: 'libsasl2-modules-db', version: v('2.1.28+dfsg-10', '2.1.28+dfsg1-5ubuntu3.1'), size: 20_800, installedKb: 89, multiArch: true },
    { name: 'libsasl2-modules', version: v('2.1.28+dfsg-10', '2.1.28+dfsg1-5ubuntu3.1'), size: 66_600, installedKb: 330, multiArch: true },
    { name: 'libnghttp2-14', version: v('1.52.0-1+deb12u2', '1.59.0-1ubuntu0.1'), size: 72_300, installedKb: 216, multiArch: true },
    { name: 'libpsl5', version: v('0.21.2-1', '0.21.2-1.1build1'), size: 58_700, installedKb: 95, multiArch: true, recommends: ['publicsuffix'] },
    { name: 'publicsuffix', version: v('20230209.2326-1', '20231001.0357-0.1'), size: 126_000, installedKb: 340, archAll: true },
    { name: 'librtmp1', version: v('2.4+20151223.gitfa8646d.1-2+b2', '2.4+20151223.gitfa8646d.1-2build7'), size: 60_800, installedKb: 146, multiArch: true },
    { name: 'libssh2-1', version: v('1.10.0-3+b1', '1.11.0-4.1build2'), size: 179_000, installedKb: 311, multiArch: true },
    { name: 'libssl3', version: v('3.0.15-1~deb12u1', '3.0.13-0ubuntu3.4'), size: 2_027_000, installedKb: 6380, multiArch: true },
    { name: 'ca-certificates', version: v('20230311', '20240203'), size: 153_000, installedKb: 595, depends: ['openssl'], archAll: true },
    { name: 'openssl', version: v('3.0.15-1~deb12u1', '3.0.13-0ubuntu3.4'), size: 1_430_000, installedKb: 2310, depends: ['libssl3'] },
    {
      name: 'wget', version: v('1.21.3-1+b2', '1.21.4-1ubuntu4.1'), size: 984_000, installedKb: 3736,
      depends: ['libpsl5', 'libssl3'], recommends: ['ca-certificates'], files: usrBin({ wget: 'wget/wget' }),
    },
    {
      name: 'iputils-ping', version: v('3:20221126-1+deb12u1', '3:20240117-1build1'), size: 47_100, installedKb: 119,
      depends: ['libcap2'], recommends: ['libcap2-bin'], files: usrBin({ ping: 'iputils/ping' }),
    },
    { name: 'libcap2', version: v('1:2.66-4', '1:2.66-5ubuntu2.2'), size: 27_000, installedKb: 88, multiArch: true },
    { name: 'libcap2-bin', version: v('1:2.66-4', '1:2.66-5ubuntu2.2'), size: 34_800, installedKb: 116, recommends: ['libpam-cap'] },
    { name: 'libpam-cap', version: v('1:2.66-4', '1:2.66-5ubuntu2.2'), size: 14_600, installedKb: 53, multiArch: true },
    {
      name: 'iproute2', version: v('6.1.0-3', '6.1.0-1ubuntu6'), size: 1_040_000, installedKb: 3519,
      depends: ['libbpf1', 'libelf1', 'libmnl0', 'libxtables12', 'libcap2'], recommends: ['libatm1', 'libcap2-bin'],
      files: { ...usrBin({ ip: 'iproute2/ip' }, 'sbin'), '/bin/ip': 'iproute2/ip' },
    },
    { name: 'libbpf1', version: v('1:1.1.0-1', '1:1.3.0-2build2'), size: 145_000, installedKb: 429, multiArch: true },
    { name: 'libelf1', version: v('0.188-2.1', '0.190-1.1ubuntu0.1'), size: 174_000, installedKb: 417, multiArch: true },
    { name: 'libmnl0', version: v('1.0.4-3', '1.0.5-2build1'), size: 12_100, installedKb: 44, multiArch: true },
    { name: 'libxtables12', version: v('1.8.9-2', '1.8.10-3ubuntu2'), size: 30_800, installedKb: 98, multiArch: true },
    { name: 'libatm1', version: v('1:2.5.1-4+b2', '1:2.5.1-5.1build1'), size: 68_900, installedKb: 155, multiArch: true },
    { name: 'net-tools', version: v('2.10-0.1', '2.10-0.1ubuntu4'), size: 243_000, installedKb: 1005, files: usrBin({ ifconfig: 'net-tools/ifconfig' }, 'sbin') },
    { name: 'dnsutils', version: v('1:9.18.33-1~deb12u2', '1:9.18.30-0ubuntu0.24.04.2'), size: 3_400, installedKb: 18, depends: ['bind9-dnsutils'] },
    {
      name: 'bind9-dnsutils', version: v('1:9.18.33-1~deb12u2', '1:9.18.30-0ubuntu0.24.04.2'), size: 403_000, installedKb: 1012,
      depends: ['bind9-host', 'bind9-libs', 'libedit2', 'libidn2-0', 'libxml2'], files: usrBin({ nslookup: 'bind9/nslookup' }),
    },
    { name: 'bind9-host', version: v('1:9.18.33-1~deb12u2', '1:9.18.30-0ubuntu0.24.04.2'), size: 54_300, installedKb: 143, depends: ['bind9-libs'] },
    {
      name: 'bind9-libs', version: v('1:9.18.33-1~deb12u2', '1:9.18.30-0ubuntu0.24.04.2'), size: 1_175_000, installedKb: 3470, multiArch: true,
      depends: ['libuv1', 'libjson-c5', 'liblmdb0', 'libmaxminddb0', 'libnghttp2-14', 'libssl3', 'libxml2', 'libgssapi-krb5-2', 'libfstrm0', 'libprotobuf-c1'],
    },
    { name: 'libedit2', version: v('3.1-20221030-2', '3.1-20230828-1build1'), size: 88_900, installedKb: 258, multiArch: true, depends: ['libbsd0'] },
    { name: 'libbsd0', version: v('0.11.7-2', '0.12.1-1build1'), size: 117_000, installedKb: 316, multiArch: true, depends: ['libmd0'] },
    { name: 'libmd0', version: v('1.0.4-2', '1.1.0-2build1'), size: 30_000, installedKb: 113, multiArch: true },
    { name: 'libuv1', version: v('1.44.2-1', '1.48.0-1.1build1'), size: 139_000, installedKb: 404, multiArch: true },
    { name: 'libjson-c5', version: v('0.16-2', '0.17-1build1'), size: 44_100, installedKb: 107, multiArch: true },
    { name: 'liblmdb0', version: v('0.9.24-1', '0.9.31-1build1'), size: 45_000, installedKb: 104, multiArch: true },
    { name: 'libmaxminddb0', version: v('1.7.1-1', '1.9.1-1build1'), size: 29_800, installedKb: 79, multiArch: true },
    { name: 'libfstrm0', version: v('0.6.1-1', '0.6.1-1build3'), size: 21_600, installedKb: 76, multiArch: true },
    { name: 'libprotobuf-c1', version: v('1.4.1-1+b1', '1.4.1-1ubuntu4'), size: 27_600, installedKb: 76, multiArch: true },
    { name: 'libxml2', version: v('2.9.14+dfsg-1.3~deb12u1', '2.9.14+dfsg-1.3ubuntu3.1'), size: 687_000, installedKb: 2040, multiArch: true, depends: [deb ? 'libicu72' : 'libicu74'] },
    { name: deb ? 'libicu72' : 'libicu74', version: v('72.1-3', '74.2-1ubuntu3.1'), size: 9_376_000, installedKb: 35_900, multiArch: true },
    { name: 'libidn2-0', version: v('2.3.3-1+b1', '2.3.7-2build1'), size: 125_000, installedKb: 368, multiArch: true },
  ];
}

/** Packages every Debian/Ubuntu image has (the dpkg database of the base image). */
const DEBIAN_BASE = [
  'apt', 'base-files', 'base-passwd', 'bash', 'bsdutils', 'coreutils', 'dash', 'debconf', 'debian-archive-keyring', 'debianutils',
  'diffutils', 'dpkg', 'findutils', 'gcc-12-base', 'gpgv', 'grep', 'gzip', 'hostname', 'init-system-helpers', 'libacl1', 'libapt-pkg6.0',
  'libattr1', 'libaudit-common', 'libaudit1', 'libblkid1', 'libbz2-1.0', 'libc-bin', 'libc6', 'libcap-ng0', 'libcom-err2', 'libcrypt1',
  'libdb5.3', 'libdebconfclient0', 'libffi8', 'libgcc-s1', 'libgcrypt20', 'libgmp10', 'libgnutls30', 'libgpg-error0', 'libhogweed6',
  'liblz4-1', 'liblzma5', 'libmount1', 'libnettle8', 'libp11-kit0', 'libpam-modules', 'libpam-modules-bin', 'libpam-runtime',
  'libpam0g', 'libpcre2-8-0', 'libseccomp2', 'libselinux1', 'libsemanage-common', 'libsemanage2', 'libsepol2', 'libsmartcols1',
  'libsqlite3-0', 'libstdc++6', 'libsystemd0', 'libtasn1-6', 'libtinfo6', 'libudev1', 'libunistring2', 'libuuid1', 'libxxhash0',
  'libzstd1', 'login', 'mawk', 'mount', 'ncurses-base', 'ncurses-bin', 'passwd', 'perl-base', 'sed', 'sysvinit-utils', 'tar',
  'tzdata', 'usr-is-merged', 'util-linux', 'zlib1g',
];

/** The commands of the Debian/Ubuntu base image: coreutils, findutils' xargs, grep, sed, tar, hostname, which, the shells, apt. */
export const DEBIAN_BASE_FILES: Record<string, string> = {
  ...usrBin(Object.fromEntries(
    ['cat', 'cp', 'date', 'df', 'echo', 'env', 'false', 'head', 'id', 'ls', 'mkdir', 'mv', 'printenv', 'printf', 'pwd', 'rm', 'sleep',
      'tail', 'tee', 'test', '[', 'touch', 'true', 'uname', 'wc', 'whoami', 'base64', 'sort', 'uniq', 'cut', 'tr', 'seq']
      .map((n) => [n, `coreutils/${n}`]),
  )),
  ...usrBin({ grep: 'grep/grep', egrep: 'grep/egrep', fgrep: 'grep/fgrep', sed: 'sed/sed', tar: 'tar/tar', hostname: 'hostname/hostname', which: 'debianutils/which' }),
  ...usrBin({ xargs: 'findutils/xargs' }),
  ...usrBin({ sh: 'dash', dash: 'dash', bash: 'bash', 'apt-get': 'apt/apt-get', apt: 'apt/apt' }),
};

// ---------- Alpine 3.21 ----------

const ALPINE_PACKAGES: Pkg[] = [
  { name: 'curl', version: '8.12.1-r1', size: 263_000, installedKb: 262, depends: ['ca-certificates', 'libcurl'], files: { '/usr/bin/curl': 'curl/curl' } },
  { name: 'libcurl', version: '8.12.1-r1', size: 380_000, installedKb: 672, depends: ['brotli-libs', 'c-ares', 'libidn2', 'nghttp2-libs', 'libpsl', 'zstd-libs'] },
  { name: 'ca-certificates', version: '20241121-r1', size: 155_000, installedKb: 680 },
  { name: 'brotli-libs', version: '1.1.0-r2', size: 346_000, installedKb: 954 },
  { name: 'c-ares', version: '1.34.5-r0', size: 90_000, installedKb: 208 },
  { name: 'libunistring', version: '1.2-r0', size: 530_000, installedKb: 1658 },
  { name: 'libidn2', version: '2.3.7-r0', size: 112_000, installedKb: 268, depends: ['libunistring'] },
  { name: 'nghttp2-libs', version: '1.64.0-r0', size: 72_000, installedKb: 168 },
  { name: 'libpsl', version: '0.21.5-r3', size: 62_000, installedKb: 132 },
  { name: 'zstd-libs', version: '1.5.6-r2', size: 279_000, installedKb: 704 },
  { name: 'bash', version: '5.2.37-r0', size: 420_000, installedKb: 1200, depends: ['readline'], files: { '/bin/bash': 'bash' } },
  { name: 'readline', version: '8.2.13-r0', size: 126_000, installedKb: 264, depends: ['libncursesw'] },
  { name: 'libncursesw', version: '6.5_p20241006-r3', size: 161_000, installedKb: 424, depends: ['ncurses-terminfo-base'] },
  { name: 'ncurses-terminfo-base', version: '6.5_p20241006-r3', size: 22_000, installedKb: 80 },
  { name: 'procps-ng', version: '4.0.4-r2', size: 165_000, installedKb: 520, depends: ['libproc2'], files: { '/bin/ps': 'procps/ps', '/usr/bin/ps': 'procps/ps', '/bin/kill': 'procps/kill' } },
  { name: 'libproc2', version: '4.0.4-r2', size: 60_000, installedKb: 140 },
  { name: 'bind-tools', version: '9.18.35-r0', size: 502_000, installedKb: 1500, depends: ['bind-libs'], files: { '/usr/bin/nslookup': 'bind9/nslookup' } },
  { name: 'bind-libs', version: '9.18.35-r0', size: 1_300_000, installedKb: 3900, depends: ['libuv', 'libxml2', 'json-c', 'nghttp2-libs', 'libcrypto3'] },
  { name: 'libuv', version: '1.49.2-r0', size: 86_000, installedKb: 200 },
  { name: 'libxml2', version: '2.13.4-r5', size: 680_000, installedKb: 1800 },
  { name: 'json-c', version: '0.18-r0', size: 32_000, installedKb: 84 },
  { name: 'iproute2', version: '6.11.0-r0', size: 30_000, installedKb: 80, depends: ['iproute2-minimal'] },
  { name: 'iproute2-minimal', version: '6.11.0-r0', size: 426_000, installedKb: 1100, depends: ['libmnl'], files: { '/sbin/ip': 'iproute2/ip' } },
  { name: 'libmnl', version: '1.0.5-r2', size: 10_000, installedKb: 28 },
  { name: 'wget', version: '1.25.0-r0', size: 430_000, installedKb: 920, depends: ['libidn2', 'libunistring', 'pcre2'], files: { '/usr/bin/wget': 'wget/wget' } },
  { name: 'pcre2', version: '10.43-r0', size: 283_000, installedKb: 760 },
  { name: 'iputils-ping', version: '20240905-r0', size: 40_000, installedKb: 100, depends: ['libcap2'], files: { '/bin/ping': 'iputils/ping' } },
  { name: 'libcap2', version: '2.71-r0', size: 20_000, installedKb: 56 },
];

/** Alpine 3.21's base image: 15 packages, about 7 MiB. */
const ALPINE_BASE = [
  'alpine-baselayout', 'alpine-baselayout-data', 'alpine-keys', 'alpine-release', 'apk-tools', 'busybox', 'busybox-binsh',
  'ca-certificates-bundle', 'libcrypto3', 'libssl3', 'musl', 'musl-utils', 'scanelf', 'ssl_client', 'zlib',
];

export interface PkgRepo {
  distro: PkgDistro;
  packages: Map<string, Pkg>;
  /** installed in the base image */
  base: string[];
}

const repos = new Map<PkgDistro, PkgRepo>();

export function packageRepo(distro: PkgDistro): PkgRepo {
  let r = repos.get(distro);
  if (!r) {
    const list = distro === 'alpine' ? ALPINE_PACKAGES : debianPackages(distro);
    r = { distro, packages: new Map(list.map((p) => [p.name, p])), base: distro === 'alpine' ? ALPINE_BASE : DEBIAN_BASE };
    repos.set(distro, r);
  }
  return r;
}

// ---------- installed-package databases ----------

/** /var/lib/dpkg/status: the installed packages (only Package/Status/Version, which Podlab reads). */
export const DPKG_STATUS = '/var/lib/dpkg/status';
/** /lib/apk/db/installed: P: name, V: version stanzas. */
export const APK_INSTALLED = '/lib/apk/db/installed';

export function dpkgStanza(name: string, version: string): string {
  return `Package: ${name}\nStatus: install ok installed\nVersion: ${version}\n\n`;
}

export function apkStanza(name: string, version: string): string {
  return `P:${name}\nV:${version}\n\n`;
}

/** name → version of every installed package, from either database. */
export function readInstalled(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const stanza of text.split('\n\n')) {
    const name = /^(?:Package: |P:)(.+)$/m.exec(stanza)?.[1];
    const version = /^(?:Version: |V:)(.+)$/m.exec(stanza)?.[1];
    if (name) out.set(name, version ?? '');
  }
  return out;
}

/**
 * Everything `names` pulls in that is not installed: dependencies first (the order apt and apk
 * unpack in), recommends too unless `noRecommends`.
 */
export function closure(repo: PkgRepo, names: string[], installed: Map<string, string>, noRecommends = false): Pkg[] {
  const out: Pkg[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || installed.has(name)) return;
    seen.add(name);
    const p = repo.packages.get(name);
    if (!p) return;
    for (const d of p.depends ?? []) visit(d);
    if (!noRecommends) for (const d of p.recommends ?? []) visit(d);
    out.push(p);
  };
  for (const n of names) visit(n);
  return out;
}
