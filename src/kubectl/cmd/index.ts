// Every kubectl command Podlab has, in the order `kubectl --help` lists them within their groups.
import type { CommandDef } from '../command';
import { version } from './version';
import { options } from './options';

export const COMMANDS: CommandDef[] = [version, options];
