// What an image is to the container runtime: its root filesystem (the family's commands, OS
// files, its own binaries) and its config (ENTRYPOINT, CMD, Env, STOPSIGNAL), as data per
// repository. Images without a program of their own yet (the control plane) get one that does
// nothing and runs until it is signalled: honest, not pretending to serve. The lesson images'
// programs live in ./images/.
import type { MemFS } from './fs/memfs';
import { installImageCommands, type ImageFamily } from './commands/images';
import { normalizeImageRef, repositoryOf } from './image-ref';
import { programFile, type CommandRegistry, type Program } from './process/program';
import type { SignalName } from './process/types';
import { registerWebImages, webImages } from './images';
import { KUARD_1, KUARD_BLUE, KUARD_GREEN, registerKuard } from './images/kuard';
import { GIT_SYNC_IMAGES, registerGitSync } from './images/git-sync/image';
import { WATCHER_IMAGES } from './images/watcher/watcher';

export interface ImageConfig {
  family: ImageFamily;
  /** which OS files (/etc/os-release, passwd, group) the image carries */
  os?: OsName;
  /** Docker ENTRYPOINT and CMD */
  entrypoint: string[];
  cmd: string[];
  /** Docker ENV (PATH at least) */
  env: Record<string, string>;
  /** Docker USER (`name`, `uid`, `name:group`); default root */
  user?: string;
  /** Docker WORKDIR; default / */
  workingDir?: string;
  /** Docker STOPSIGNAL (default SIGTERM) */
  stopSignal?: SignalName;
  /** extra executables: path → registry name */
  programs?: Record<string, string>;
  /** extra files (scripts are 0755) */
  scripts?: Record<string, string>;
  /** plain files (0644); a path ending in / is an empty directory */
  files?: Record<string, string>;
  /**
   * Ports whose health checks the image's stand-in answers (the control plane and CoreDNS, so a
   * fresh cluster is healthy); lesson images serve nothing until their programs exist.
   */
  healthPorts?: number[];
}

type OsName = 'debian' | 'ubuntu' | 'alpine' | 'busybox';

/** Registry names of the stand-in programs. */
export const IDLE_GRACEFUL = 'image/idle-graceful';
export const IDLE_GO = 'image/idle-go';

// The usual Docker PATH (Debian, Alpine, busybox and distroless images all set this one).
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// Debian's and Ubuntu's /etc/bash.bashrc (package bash) set the prompt every interactive bash shows,
// `root@<hostname>:<dir># `. Theirs also prefixes `($debian_chroot)` inside a chroot, which
// containers are not, and tunes the window size and command-not-found; this keeps the prompt.
const DEBIAN_BASHRC = `# System-wide .bashrc for interactive bash(1) shells.

# If not running interactively, don't do anything
[ -z "$PS1" ] && return

PS1='\\u@\\h:\\w\\$ '
`;

// Real /etc/os-release and account files of each base (first lines; Podlab reads ID and names).
export const OS_FILES: Record<OsName, Record<string, string>> = {
  debian: {
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
    '/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nnogroup:x:65534:\n',
    '/etc/bash.bashrc': DEBIAN_BASHRC,
  },
  ubuntu: {
    '/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nUBUNTU_CODENAME=noble\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n',
    '/etc/group': 'root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\nubuntu:x:1000:\n',
    '/etc/bash.bashrc': DEBIAN_BASHRC,
  },
  alpine: {
    '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
    '/etc/alpine-release': '3.21.0\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
    '/etc/group': 'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nwheel:x:10:root\nnobody:x:65534:\n',
  },
  // the busybox image has no /etc/os-release (distroOf then says busybox)
  busybox: {
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    '/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nwheel:x:10:root\nnogroup:x:65534:\n',
  },
};

/** A program that waits to be signalled; behind a Go binary without handlers or a graceful server. */
function control(bin: string, healthPorts: number[]): ImageConfig {
  return { family: 'distroless', entrypoint: [], cmd: [], env: { PATH }, programs: { [`/usr/local/bin/${bin}`]: IDLE_GRACEFUL }, healthPorts };
}

/** Image configs by normalized repository; `:alpine` tags of nginx and redis have their own. */
const IMAGES: Record<string, ImageConfig> = {
  // docker-library/busybox: CMD ["sh"]
  'docker.io/library/busybox': { family: 'busybox', os: 'busybox', entrypoint: [], cmd: ['sh'], env: { PATH } },
  // busybox 1.28: the last release whose nslookup resolves through libc (the search list works)
  'docker.io/library/busybox:1.28': { family: 'busybox-1.28', os: 'busybox', entrypoint: [], cmd: ['sh'], env: { PATH } },
  'docker.io/library/busybox:1.28.4': { family: 'busybox-1.28', os: 'busybox', entrypoint: [], cmd: ['sh'], env: { PATH } },
  // docker-library alpine: CMD ["/bin/sh"]
  'docker.io/library/alpine': { family: 'alpine', os: 'alpine', entrypoint: [], cmd: ['/bin/sh'], env: { PATH } },
  // docker-library ubuntu: CMD ["/bin/bash"]; debian: CMD ["bash"]
  'docker.io/library/ubuntu': { family: 'ubuntu', os: 'ubuntu', entrypoint: [], cmd: ['/bin/bash'], env: { PATH } },
  'docker.io/library/debian': { family: 'debian', os: 'debian', entrypoint: [], cmd: ['bash'], env: { PATH } },
  // kuard Dockerfile.kuard at v0.7.2: FROM alpine, USER nobody:nobody, ENTRYPOINT ["/kuard"]
  'gcr.io/kuar-demo/kuard-amd64:1': { family: 'alpine', os: 'alpine', entrypoint: ['/kuard'], cmd: [], user: 'nobody:nobody', env: { PATH }, programs: { '/kuard': KUARD_1 } },
  // ... and at v0.10.0: USER nobody:nobody, CMD ["/kuard"] (so `args:` replaces the binary)
  'gcr.io/kuar-demo/kuard-amd64:blue': { family: 'alpine', os: 'alpine', entrypoint: [], cmd: ['/kuard'], user: 'nobody:nobody', env: { PATH }, programs: { '/kuard': KUARD_BLUE } },
  'gcr.io/kuar-demo/kuard-amd64:green': { family: 'alpine', os: 'alpine', entrypoint: [], cmd: ['/kuard'], user: 'nobody:nobody', env: { PATH }, programs: { '/kuard': KUARD_GREEN } },
  // kubernetes/build/pause Dockerfile: ENTRYPOINT ["/pause"], USER 65535:65535
  'registry.k8s.io/pause': { family: 'distroless', entrypoint: ['/pause'], cmd: [], env: { PATH }, user: '65535:65535', programs: { '/pause': IDLE_GRACEFUL } },
  // health ports: etcd --listen-metrics-urls :2381, apiserver 8443 (minikube), controller-manager
  // 10257, scheduler 10259, kube-proxy healthz 10256 (pkg/cluster/ports/ports.go)
  'registry.k8s.io/etcd': control('etcd', [2381]),
  'registry.k8s.io/kube-apiserver': control('kube-apiserver', [8443]),
  'registry.k8s.io/kube-controller-manager': control('kube-controller-manager', [10257]),
  'registry.k8s.io/kube-scheduler': control('kube-scheduler', [10259]),
  'registry.k8s.io/kube-proxy': control('kube-proxy', [10256]),
  // coredns Dockerfile: ENTRYPOINT ["/coredns"]
  'registry.k8s.io/coredns/coredns': { family: 'distroless', entrypoint: ['/coredns'], cmd: [], env: { PATH }, programs: { '/coredns': IDLE_GRACEFUL }, healthPorts: [8080, 8181] },
  'gcr.io/k8s-minikube/storage-provisioner': { family: 'distroless', entrypoint: [], cmd: [], env: { PATH }, programs: { '/storage-provisioner': IDLE_GO } },
  ...webImages(),
  ...GIT_SYNC_IMAGES,
  ...WATCHER_IMAGES,
};

export interface ResolvedImage {
  /** the layer key: one root filesystem per config */
  key: string;
  config: ImageConfig;
}

/** The config of an image reference, or undefined for an image Podlab has no rootfs for. */
export function imageConfigOf(image: string): ResolvedImage | undefined {
  const n = normalizeImageRef(image);
  if (!n.ok) return undefined;
  const repo = repositoryOf(n.parsed);
  const tag = n.parsed.tag || 'latest';
  if (IMAGES[`${repo}:${tag}`]) return { key: `${repo}:${tag}`, config: IMAGES[`${repo}:${tag}`]! };
  if (tag.includes('alpine') && IMAGES[`${repo}:alpine`]) return { key: `${repo}:alpine`, config: IMAGES[`${repo}:alpine`]! };
  const config = IMAGES[repo];
  return config && { key: repo, config };
}

/** Write an image's root filesystem: the family's commands, OS files, its own binaries and scripts. */
export function populateImage(fs: MemFS, config: ImageConfig): void {
  for (const d of ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/etc', '/root', '/tmp', '/var', '/dev', '/proc']) fs.mkdir(d, { recursive: true });
  fs.chmod('/tmp', 0o1777);
  installImageCommands(fs, config.family);
  if (config.os) for (const [path, text] of Object.entries(OS_FILES[config.os])) fs.writeFile(path, text);
  for (const [path, prog] of Object.entries(config.programs ?? {})) writeExecutable(fs, path, programFile(prog));
  for (const [path, text] of Object.entries(config.scripts ?? {})) writeExecutable(fs, path, text);
  for (const [path, text] of Object.entries(config.files ?? {})) {
    if (path.endsWith('/')) fs.mkdir(path, { recursive: true });
    else {
      fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
      fs.writeFile(path, text);
    }
  }
}

function writeExecutable(fs: MemFS, path: string, content: string): void {
  fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
  fs.writeFile(path, content, { mode: 0o755 });
  fs.chmod(path, 0o755);
}

/** A server that has nothing to serve yet: quits with 0 on TERM, INT or QUIT (nginx's fast and graceful shutdowns). */
const idleGraceful: Program<null> = {
  kind: 'program',
  start(p) {
    p.state = null;
    for (const s of ['TERM', 'INT', 'QUIT'] as const) p.setSignal(s, 'catch');
  },
  event(p, ev) {
    if (ev.type === 'signal') p.exit(0);
  },
};

/**
 * A Go binary without signal handlers: the Go runtime catches TERM and INT and dies of them
 * (runtime/signal_unix.go dieFromSignal), which the runtime reports as 128 + signal.
 */
const idleGo: Program<null> = {
  kind: 'program',
  start(p) {
    p.state = null;
    for (const s of ['TERM', 'INT'] as const) p.setSignal(s, 'catch');
  },
  event(p, ev) {
    if (ev.type === 'signal') p.exit(ev.signal === 'INT' ? 130 : 143);
  },
};

/** Register the stand-in programs (before a kernel restore: snapshots name them). */
export function registerImagePrograms(r: CommandRegistry): void {
  r.register(IDLE_GRACEFUL, idleGraceful);
  r.register(IDLE_GO, idleGo);
  registerWebImages(r);
  registerKuard(r);
  registerGitSync(r);
}
