// Registering every command under the names executable files carry (programFile(name)). Names are
// stable: snapshots store them. GNU tools are `<package>/<command>` (coreutils/ls, grep/grep,
// procps/ps, curl/curl, ...), busybox is one multicall binary, the shells are dash, bash and ash.
import { registerBasicCommands, registerShells } from '../shell/commands';
import { CommandRegistry } from '../process/program';
import { aptCommand, apkCommand } from './apt';
import { BUSYBOX, BUSYBOX_1_28, busybox128Command, busyboxCommand } from './busybox';
import { cpCommand, mkdirCommand, mvCommand, pwdCommand, rmCommand, touchCommand } from './files';
import { grepCommand } from './grep';
import { curlCommand } from './curl';
import { wgetCommand } from './wget';
import {
  dfCommand, envCommand, hostnameCommand, idCommand, printenvCommand, unameCommand, whichCommand, whoamiCommand,
} from './info';
import { lsCommand } from './ls';
import { ifconfigCommand, ipCommand, nslookupCommand, pingCommand } from './net';
import { killCommand, procpsPs } from './ps';
import { sedCommand } from './sed';
import { createCommandEnv, type CommandEnv } from './system';
import { catCommand, headCommand, teeCommand, wcCommand } from './text';
import { tailCommand } from './tail';
import { base64Command } from './basenc';
import { cutCommand } from './cut';
import { seqCommand } from './seq';
import { sortCommand, uniqCommand } from './sort';
import { tarCommand } from './tar';
import { trCommand } from './tr';
import { xargsCommand } from './xargs';

/**
 * Register the image commands (and the shells and basic commands) on `r`. `env` carries the
 * network stack and kernel facts; keep it to swap in the cluster network later.
 */
export function registerCommands(r: CommandRegistry, env: CommandEnv = createCommandEnv()): CommandRegistry {
  registerShells(r);
  registerBasicCommands(r);
  const g = 'gnu' as const;
  // coreutils (echo, printf, test, [, true, false, date and sleep come from registerBasicCommands)
  r.register('coreutils/cat', catCommand(g));
  r.register('coreutils/ls', lsCommand(g));
  r.register('coreutils/mkdir', mkdirCommand(g));
  r.register('coreutils/rm', rmCommand(g));
  r.register('coreutils/cp', cpCommand(g));
  r.register('coreutils/mv', mvCommand(g));
  r.register('coreutils/touch', touchCommand(g));
  r.register('coreutils/pwd', pwdCommand(g));
  r.register('coreutils/head', headCommand(g));
  r.register('coreutils/tail', tailCommand(g));
  r.register('coreutils/wc', wcCommand(g));
  r.register('coreutils/tee', teeCommand(g));
  r.register('coreutils/uname', unameCommand(g, env));
  r.register('coreutils/id', idCommand(g));
  r.register('coreutils/env', envCommand(g));
  r.register('coreutils/printenv', printenvCommand(g));
  r.register('coreutils/whoami', whoamiCommand(g));
  r.register('coreutils/df', dfCommand(g, env));
  r.register('coreutils/base64', base64Command(g));
  r.register('coreutils/sort', sortCommand(g));
  r.register('coreutils/uniq', uniqCommand(g));
  r.register('coreutils/cut', cutCommand(g));
  r.register('coreutils/tr', trCommand(g));
  r.register('coreutils/seq', seqCommand(g));
  // other GNU/Debian packages
  r.register('grep/grep', grepCommand(g));
  // grep 3.8 egrep/fgrep scripts: "%s: warning: %s is obsolescent; using grep -E"
  r.register('grep/egrep', grepCommand(g, 'E', 'egrep: warning: egrep is obsolescent; using grep -E\n'));
  r.register('grep/fgrep', grepCommand(g, 'F', 'fgrep: warning: fgrep is obsolescent; using grep -F\n'));
  r.register('sed/sed', sedCommand(g));
  r.register('tar/tar', tarCommand(g));
  r.register('hostname/hostname', hostnameCommand(g, env));
  r.register('debianutils/which', whichCommand(g));
  r.register('findutils/xargs', xargsCommand(g));
  r.register('procps/ps', procpsPs(env));
  r.register('procps/kill', killCommand(g));
  r.register('curl/curl', curlCommand(env));
  r.register('wget/wget', wgetCommand(g, env));
  r.register('iputils/ping', pingCommand(g, env));
  r.register('bind9/nslookup', nslookupCommand(g, env));
  r.register('iproute2/ip', ipCommand(g, env));
  r.register('net-tools/ifconfig', ifconfigCommand(g, env));
  r.register('apt/apt-get', aptCommand('apt-get'));
  r.register('apt/apt', aptCommand('apt'));
  r.register('apk/apk', apkCommand());
  r.register(BUSYBOX, busyboxCommand(env));
  r.register(BUSYBOX_1_28, busybox128Command(env));
  return r;
}

/** A registry with every command (tests, the default runtime). */
export function commandRegistry(env?: CommandEnv): CommandRegistry {
  return registerCommands(new CommandRegistry(), env);
}
