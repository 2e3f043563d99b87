import { describe, expect, it } from 'vitest';
import { Sandbox } from './sandbox';
import { basicRegistry } from '../shell/commands';
import { loginCredentials, makeCredentials, resolveUser, ROOT, type Credentials } from './credentials';
import type { Program } from './program';

/** `become UID CMD...`: setCredentials then exec, printing EPERM when refused (a tiny gosu). */
const become: Program<null> = {
  kind: 'program',
  start(p) {
    const uid = Number(p.argv[1]);
    if (p.setCredentials(makeCredentials(uid, uid, [uid])) === 'EPERM') {
      p.write(2, 'EPERM\n');
      return p.exit(1);
    }
    const err = p.exec({ path: `/bin/${p.argv[2]}`, argv: p.argv.slice(2) });
    if (err) p.exit(127);
  },
  event() {},
};

function sandbox(): Sandbox {
  const sb = new Sandbox({ registry: basicRegistry().register('test/become', become) });
  sb.install('/bin/become', 'test/become');
  sb.fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n');
  sb.fs.writeFile('/etc/group', 'root:x:0:\nwheel:x:10:root,app\napp:x:1000:\n');
  return sb;
}

const uids = (sb: Sandbox) => sb.kernel.processes(sb.ns).map((p) => [p.argv[0], p.uid, p.gid]);

describe('process credentials', () => {
  it('a process started without credentials is root with its /etc/group memberships', () => {
    const sb = sandbox();
    sb.sh('sleep 5');
    expect(sb.kernel.record(sb.ns, 1)!.cred).toEqual({ uid: 0, gid: 0, groups: [0, 10] });
  });

  it('children inherit them through fork and spawn; exec keeps them', () => {
    const sb = sandbox();
    const app = makeCredentials(1000, 1000, [1000, 10]);
    sb.run(['sh', '-c', 'sleep 5 & (sleep 6; true) & exec sleep 7'], { path: '/bin/sh', cred: app });
    const all = uids(sb);
    expect(all.map(([name]) => name)).toEqual(expect.arrayContaining(['sh', 'sleep']));
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every(([, uid, gid]) => uid === 1000 && gid === 1000)).toBe(true);
    expect(sb.kernel.record(sb.ns, 1)!.argv).toEqual(['sleep', '7']);
    expect(sb.kernel.record(sb.ns, 2)!.cred.groups).toEqual([10, 1000]);
  });

  it('only root may change them (setuid EPERM), and a dropped process cannot go back', () => {
    const sb = sandbox();
    const r = sb.run(['become', '1000', 'become', '0', 'true'], { path: '/bin/become' });
    sb.finish(r);
    expect([r.err, r.exit]).toEqual(['EPERM\n', { code: 1 }]);
  });

  it('survive a snapshot and restore (and a snapshot from before them reads as root)', () => {
    const sb = sandbox();
    sb.run(['sleep', '9'], { path: '/bin/sleep', cred: makeCredentials(1000, 1000, [1000]) });
    const state = sb.kernel.snapshot();
    const copy = new Sandbox({ registry: basicRegistry().register('test/become', become) });
    copy.kernel.restore(structuredClone(state));
    expect(copy.kernel.record(sb.ns, 1)!.cred).toEqual({ uid: 1000, gid: 1000, groups: [1000] });
    const old = structuredClone(state);
    for (const ns of old.namespaces) for (const r of ns.procs) delete (r as Partial<typeof r>).cred;
    copy.kernel.restore(old);
    expect(copy.kernel.record(sb.ns, 1)!.cred).toBe(ROOT);
  });

  it('resolveUser: names and numbers, with or without a group, as containerd resolves USER', () => {
    const sb = sandbox();
    expect(resolveUser(sb.fs, 'app')).toEqual({ uid: 1000, gid: 1000, name: 'app' });
    expect(resolveUser(sb.fs, '1000:wheel')).toEqual({ uid: 1000, gid: 10, name: 'app' });
    expect(resolveUser(sb.fs, '4242')).toEqual({ uid: 4242, gid: 0 });
    expect(resolveUser(sb.fs, 'ghost')).toEqual({ error: 'no users found' });
    expect(resolveUser(sb.fs, 'app:ghosts')).toEqual({ error: 'no groups found' });
    const login: Credentials = loginCredentials(sb.fs, 1000);
    expect(login).toEqual({ uid: 1000, gid: 1000, groups: [10, 1000] });
  });
});
