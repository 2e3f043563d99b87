// Every kubectl command Podlab has, in the order `kubectl --help` lists them within their groups.
import type { CommandDef } from '../command';
import { apply } from './apply';
import { create } from './create/create';
import { del } from './delete';
import { options } from './options';
import { version } from './version';

export const COMMANDS: CommandDef[] = [
  // Basic Commands (Beginner)
  create,
  // Basic Commands (Intermediate)
  del,
  // Advanced Commands
  apply,
  // Other Commands
  version,
  options,
];
