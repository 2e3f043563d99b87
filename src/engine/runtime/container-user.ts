// Who a container's processes run as, and where they start: the kubelet's effective security
// context (container fields over the pod's) handed to containerd, which resolves the user against
// the image's /etc/passwd and /etc/group and adds the supplementary groups.
import type { Container, PodSecurityContext } from 'kubernetes-types/core/v1';
import type { ImageConfig } from './image-rootfs';
import { makeCredentials, memberGroups, resolveUser, type Credentials } from './process/credentials';
import type { Vfs } from './process/types';

/**
 * The credentials of a container's first process (and of every `kubectl exec` into it), or the
 * error that fails CreateContainer.
 */
export function containerCredentials(
  fs: Vfs, podSc: PodSecurityContext | undefined, container: Container, image: ImageConfig,
): Credentials | { error: string } {
  const sc = container.securityContext;
  // pkg/kubelet/kuberuntime/security_context.go determineEffectiveSecurityContext: container over pod
  const runAsUser = sc?.runAsUser ?? podSc?.runAsUser;
  const runAsGroup = sc?.runAsGroup ?? podSc?.runAsGroup;
  // ... and without runAsUser, the image's user (kubelet getImageUser: the part before any ':')
  const imageUser = image.user?.split(':')[0] ?? '';
  const user = runAsUser !== undefined ? String(runAsUser) : imageUser;
  if (!user) {
    // containerd internal/cri/server/container_create_linux.go generateUserString
    if (runAsGroup !== undefined) return { error: `failed to generate user string: user group "${runAsGroup}" is specified without user` };
    // no user anywhere: runc's default, root, with its /etc/group memberships
    return makeCredentials(0, 0, [...memberGroups(fs, 'root', 0), ...extraGroups(podSc)]);
  }
  const resolved = resolveUser(fs, runAsGroup !== undefined ? `${user}:${runAsGroup}` : user);
  // containerd pkg/oci/spec_opts.go WithUser: the user must exist when named
  if ('error' in resolved) return { error: `failed to create containerd container: ${resolved.error}` };
  // pkg/oci/spec_opts.go WithAdditionalGIDs + ensureAdditionalGids: the user's /etc/group
  // memberships and its gid; then the pod's supplementalGroups and fsGroup
  return makeCredentials(resolved.uid, resolved.gid, [...memberGroups(fs, resolved.name, resolved.gid), ...extraGroups(podSc)]);
}

/**
 * kuberuntime security_context.go determineEffectiveSecurityContext: fsGroup joins the
 * supplementary groups, then supplementalGroups (the docs' security-context walkthrough:
 * `uid=1000 gid=3000 groups=2000,3000,4000` for fsGroup 2000 and supplementalGroups [4000]).
 */
function extraGroups(podSc: PodSecurityContext | undefined): number[] {
  const out: number[] = [];
  if (podSc?.fsGroup !== undefined) out.push(podSc.fsGroup);
  for (const g of podSc?.supplementalGroups ?? []) out.push(g);
  return out;
}

/** The container's working directory: its workingDir, else the image's WORKDIR, else `/` (runc). */
export function containerWorkingDir(container: Container, image: ImageConfig): string {
  return container.workingDir || image.workingDir || '/';
}
