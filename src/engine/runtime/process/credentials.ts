// A process's credentials (credentials(7)): the user and group it runs as and its supplementary
// groups. Real, effective and saved ids are one here: nothing in the images is setuid. Children
// inherit them, execve keeps them, and only root may change them (setuid(2), setgroups(2): EPERM).
import { readGroups, readPasswd } from '../commands/system';
import type { Vfs } from './types';

export interface Credentials {
  uid: number;
  gid: number;
  /** getgroups(2): supplementary groups, ascending (set_groups sorts them: kernel/groups.c groups_sort) */
  groups: readonly number[];
}

/** root with only its own group: shared, never changed (credentials are replaced, not edited). */
export const ROOT: Credentials = Object.freeze({ uid: 0, gid: 0, groups: Object.freeze([0]) });

/** Credentials with `groups` deduplicated and sorted, as setgroups(2) leaves them. */
export function makeCredentials(uid: number, gid: number, groups: readonly number[]): Credentials {
  const sorted = [...new Set(groups)].sort((a, b) => a - b);
  if (uid === 0 && gid === 0 && sorted.length === 1 && sorted[0] === 0) return ROOT;
  return { uid, gid, groups: sorted };
}

/**
 * A USER spec (`name`, `uid`, `name:group`, `uid:gid`) against the image's /etc/passwd and
 * /etc/group: the ids and the user's name, or why it cannot be resolved. As containerd's
 * WithUser (pkg/oci/spec_opts.go): a numeric uid need not exist (its gid is then 0 unless the
 * passwd entry gives one); a name must.
 */
export function resolveUser(fs: Vfs, spec: string): { uid: number; gid: number; name?: string } | { error: string } {
  const [user = '', group] = spec.split(':', 2);
  const passwd = readPasswd(fs);
  const entry = /^\d+$/.test(user) ? passwd.find((p) => p.uid === Number(user)) : passwd.find((p) => p.name === user);
  if (!entry && !/^\d+$/.test(user)) {
    // containerd pkg/oci/spec_opts.go WithUsername / UserFromPath: "no users found"
    return { error: `no users found` };
  }
  const uid = entry?.uid ?? Number(user);
  let gid = entry?.gid ?? 0;
  if (group !== undefined) {
    const g = /^\d+$/.test(group) ? { gid: Number(group) } : readGroups(fs).find((x) => x.name === group);
    // containerd pkg/oci/spec_opts.go WithUser: "no groups found"
    if (!g) return { error: 'no groups found' };
    gid = g.gid;
  }
  return entry ? { uid, gid, name: entry.name } : { uid, gid };
}

/**
 * initgroups(3): the groups of /etc/group that list `name` as a member, plus `gid`. containerd's
 * WithAdditionalGIDs does the same for a container's user, then ensureAdditionalGids adds the
 * primary gid (pkg/oci/spec_opts.go).
 */
export function memberGroups(fs: Vfs, name: string | undefined, gid: number): number[] {
  const out = [gid];
  if (name !== undefined) for (const g of readGroups(fs)) if (g.members.includes(name)) out.push(g.gid);
  return out;
}

/** The credentials `uid` gets at login from the files in `fs` (its passwd gid, its groups). */
export function loginCredentials(fs: Vfs, uid: number): Credentials {
  const entry = readPasswd(fs).find((p) => p.uid === uid);
  const gid = entry?.gid ?? 0;
  return makeCredentials(uid, gid, memberGroups(fs, entry?.name, gid));
}
