// `kubectl options`: the flags every command accepts.
import type { CommandDef } from '../command';
import { renderFlag } from '../command';
import { GLOBAL_FLAGS } from '../global-flags';

export const options: CommandDef = {
  name: 'options',
  use: 'options',
  short: 'Print the list of flags inherited by all commands',
  async run({ env }) {
    env.stdout(`The following options can be passed to any command:\n\n${GLOBAL_FLAGS.filter((f) => !f.hidden).map(renderFlag).join('')}`);
  },
};
