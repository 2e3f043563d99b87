// gosu (tianon/gosu 1.17), the "sudo without a tty" official images use to drop root before
// exec'ing their server: redis's docker-entrypoint.sh runs `exec gosu redis "$0" "$@"`. It sets
// the user's groups, gid and uid (setup-user.go SetupUser), HOME, then execs the command found on
// $PATH in place of itself, so the server keeps gosu's pid.
import { readPasswd } from '../commands/system';
import { searchPath, instantProgram } from '../commands/util';
import { makeCredentials, memberGroups, resolveUser } from '../process/credentials';
import type { Program } from '../process/program';

export const GOSU = 'gosu/gosu';

export const gosu: Program<unknown> = instantProgram((p, c) => {
  const [, spec, cmd] = c.argv;
  if (spec === undefined || cmd === undefined) {
    // gosu main.go: fewer than two arguments print usage() and exit 1
    c.err('Usage: gosu user-spec command [args]\n   eg: gosu tianon bash\n       gosu nobody:root bash -c \'whoami && id\'\n       gosu 1000:1 id\n');
    return 1;
  }
  const who = resolveUser(c.fs, spec);
  if ('error' in who) {
    // gosu main.go: log.Fatalf("error: failed switching to %q: %v"); libcontainer user.GetExecUser:
    // "unable to find user %s: no matching entries in passwd file"
    c.err(`error: failed switching to "${spec}": unable to find user ${spec.split(':')[0]}: no matching entries in passwd file\n`);
    return 1;
  }
  // setgroups(2)/setgid/setuid need root: anyone else gets EPERM
  if (p.setCredentials(makeCredentials(who.uid, who.gid, memberGroups(c.fs, who.name, who.gid))) === 'EPERM') {
    c.err(`error: failed switching to "${spec}": operation not permitted\n`);
    return 1;
  }
  // setup-user.go: HOME becomes the user's home directory
  const home = readPasswd(c.fs).find((u) => u.uid === who.uid)?.home ?? '/';
  const env = { ...p.env, HOME: home };
  const path = searchPath(c.fs, env, cmd)[0];
  if (!path) {
    // gosu main.go: exec.LookPath's error, "exec: %q: executable file not found in $PATH"
    c.err(`error: exec: "${cmd}": executable file not found in $PATH\n`);
    return 1;
  }
  const err = p.exec({ path, argv: c.argv.slice(2), env });
  if (!err) return undefined;
  // gosu main.go: log.Fatalf("error: exec failed: %v")
  c.err(`error: exec failed: ${err.errno === 'EACCES' ? 'permission denied' : 'exec format error'}\n`);
  return 1;
});
