// k8s.gcr.io/git-sync:v3.1.6 as an image: its config (Dockerfile.in at v3.1.6) and its program.
// k8s.gcr.io now redirects to registry.k8s.io, so both names pull the same image. Releases after
// v3.1.x were published as k8s.gcr.io/git-sync/git-sync, which has no v3.1.6.
import type { CommandRegistry } from '../../process/program';
import type { ImageConfig } from '../../image-rootfs';
import { GIT_SYNC_PROGRAM, gitSyncProgram } from './git-sync';
import { GitRemotes } from './remotes';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// Dockerfile.in: FROM k8s.gcr.io/debian-base (Debian, bash, coreutils; git and openssh-client
// installed), ADD /git-sync, USER git-sync (home /tmp, so runc sets HOME=/tmp and --root defaults
// to /tmp/git), ENTRYPOINT ["/git-sync"]. Podlab runs it as root and without a git CLI: the
// program does git's part itself.
export const GIT_SYNC_IMAGE: ImageConfig = {
  family: 'debian', os: 'debian', entrypoint: ['/git-sync'], cmd: [], env: { PATH, HOME: '/tmp' },
  programs: { '/git-sync': GIT_SYNC_PROGRAM },
};

export const GIT_SYNC_IMAGES: Record<string, ImageConfig> = {
  'k8s.gcr.io/git-sync': GIT_SYNC_IMAGE,
  'registry.k8s.io/git-sync': GIT_SYNC_IMAGE,
};

/**
 * Register git-sync over `remotes` (default: the fixture repositories, never pushed to). A cluster
 * whose repositories change passes its own through ContainerRuntimeOptions.commands:
 * `commands: (r) => registerGitSync(r, remotes)`, then `remotes.push({...})`.
 */
export function registerGitSync(r: CommandRegistry, remotes: GitRemotes = new GitRemotes()): void {
  r.register(GIT_SYNC_PROGRAM, gitSyncProgram(remotes));
}
