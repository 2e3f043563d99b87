// `kubectl set` (kubectl pkg/cmd/set): change one aspect of existing objects.
import type { CommandDef } from '../../command';
import { setImage } from './image';

export const set: CommandDef = {
  name: 'set',
  group: 'Basic Commands (Beginner)',
  use: 'set SUBCOMMAND',
  short: 'Set specific features on objects',
  long: 'Change one aspect of existing objects without editing their whole YAML.',
  subcommands: [setImage],
};
