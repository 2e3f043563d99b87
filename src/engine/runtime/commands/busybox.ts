// The busybox binary: one MulticallCommand whose applets are the busybox flavours of the commands
// (the kernel picks the applet from argv[0]'s basename, so /bin/ls, `busybox ls` and
// `/bin/busybox ls` all work). Where each applet is installed comes from its //applet: line
// (BB_DIR_BIN, BB_DIR_USR_BIN, BB_DIR_SBIN) in busybox 1.37's sources.
import type { Command, MulticallCommand } from '../process/program';
import { ShellProgram } from '../shell/shell';
import { catCommand, headCommand, teeCommand, wcCommand } from './text';
import { tailCommand } from './tail';
import { cpCommand, mkdirCommand, mvCommand, pwdCommand, rmCommand, touchCommand } from './files';
import { grepCommand } from './grep';
import { wgetCommand } from './wget';
import { busyboxDate, busyboxEcho, busyboxFalse, busyboxPrintf, busyboxSleep, busyboxTest, busyboxTrue } from './basics';
import {
  dfCommand, envCommand, hostnameCommand, idCommand, printenvCommand, unameCommand, whichCommand, whoamiCommand,
} from './info';
import { busyboxFree } from './free';
import { lsCommand } from './ls';
import { busyboxNetstat } from './netstat';
import { ifconfigCommand, ipCommand, libcNslookupCommand, nslookupCommand, pingCommand } from './net';
import { busyboxPs, killCommand } from './ps';
import { sedCommand } from './sed';
import { base64Command } from './basenc';
import { cutCommand } from './cut';
import { seqCommand } from './seq';
import { sortCommand, uniqCommand } from './sort';
import { tarCommand } from './tar';
import { trCommand } from './tr';
import { xargsCommand } from './xargs';
import type { CommandEnv } from './system';

/** Registry name of the busybox binary (the kernel matches `busybox APPLET` against it). */
export const BUSYBOX = 'busybox';
/** busybox 1.28 (the busybox:1.28 image): the same applets, but the old libc-based nslookup. */
export const BUSYBOX_1_28 = 'busybox-1.28';

/** Applets and the directory each is installed in (include/applets.h: BB_DIR_*). */
export const BUSYBOX_APPLET_DIRS: Readonly<Record<string, '/bin' | '/usr/bin' | '/sbin' | '/usr/sbin'>> = {
  sh: '/bin', ash: '/bin', ls: '/bin', cat: '/bin', echo: '/bin', mkdir: '/bin', rm: '/bin', cp: '/bin', mv: '/bin',
  touch: '/bin', date: '/bin', sleep: '/bin', hostname: '/bin', ps: '/bin', kill: '/bin', grep: '/bin', egrep: '/bin',
  fgrep: '/bin', sed: '/bin', true: '/bin', false: '/bin', pwd: '/bin', df: '/bin', ping: '/bin', uname: '/bin',
  printenv: '/bin', printf: '/usr/bin', env: '/usr/bin', id: '/usr/bin', head: '/usr/bin', tail: '/usr/bin', wc: '/usr/bin',
  tee: '/usr/bin', test: '/usr/bin', '[': '/usr/bin', '[[': '/usr/bin', which: '/usr/bin', nslookup: '/usr/bin',
  wget: '/usr/bin', whoami: '/usr/bin', ifconfig: '/sbin', ip: '/sbin', base64: '/bin', sort: '/usr/bin', uniq: '/usr/bin',
  cut: '/usr/bin', tr: '/usr/bin', seq: '/usr/bin', xargs: '/usr/bin', tar: '/bin', netstat: '/bin', free: '/usr/bin',
};

/** The busybox multicall binary, with the network and system facts its applets need. */
export function busyboxCommand(env: CommandEnv): MulticallCommand {
  const f = 'busybox' as const;
  const ash = new ShellProgram('ash');
  const applets: Record<string, Command> = {
    sh: ash, ash,
    ls: lsCommand(f), cat: catCommand(f), echo: busyboxEcho, printf: busyboxPrintf, mkdir: mkdirCommand(f), rm: rmCommand(f),
    cp: cpCommand(f), mv: mvCommand(f), touch: touchCommand(f), date: busyboxDate, sleep: busyboxSleep,
    hostname: hostnameCommand(f, env), env: envCommand(f), printenv: printenvCommand(f), whoami: whoamiCommand(f),
    id: idCommand(f), uname: unameCommand(f, env), ps: busyboxPs(), kill: killCommand(f), head: headCommand(f),
    tail: tailCommand(f), grep: grepCommand(f), egrep: grepCommand(f, 'E'), fgrep: grepCommand(f, 'F'), wc: wcCommand(f),
    sed: sedCommand(f), tee: teeCommand(f), true: busyboxTrue, false: busyboxFalse, test: busyboxTest('test'),
    '[': busyboxTest('['), '[[': busyboxTest('['), which: whichCommand(f), pwd: pwdCommand(f), df: dfCommand(f, env),
    nslookup: nslookupCommand(f, env), ping: pingCommand(f, env), wget: wgetCommand(f, env), ip: ipCommand(f, env),
    ifconfig: ifconfigCommand(f, env), base64: base64Command(f), sort: sortCommand(f), uniq: uniqCommand(f), cut: cutCommand(f),
    tr: trCommand(f), seq: seqCommand(f), xargs: xargsCommand(f), tar: tarCommand(f), netstat: busyboxNetstat,
    free: busyboxFree(env),
  };
  return {
    kind: 'multicall',
    applet: (name) => (Object.hasOwn(applets, name) ? applets[name] : undefined),
  };
}

/** busybox 1.28: FEATURE_NSLOOKUP_BIG (the resolver of its own) arrived in 1.29. */
export function busybox128Command(env: CommandEnv): MulticallCommand {
  const current = busyboxCommand(env);
  const nslookup = libcNslookupCommand(env);
  return { kind: 'multicall', applet: (name) => (name === 'nslookup' ? nslookup : current.applet(name)) };
}
