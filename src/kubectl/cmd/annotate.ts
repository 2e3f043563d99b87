// `kubectl annotate` (kubectl pkg/cmd/annotate/annotate.go).
import type { CommandDef } from '../command';
import { metadataFlags, runMetadataUpdate } from './metadata-update';

export const annotate: CommandDef = {
  name: 'annotate',
  group: 'Settings Commands',
  use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  short: 'Update the annotations on a resource',
  long: 'Add, change or remove annotations: notes attached to an object for people and tools, never used to select objects. KEY=VALUE sets one, KEY- removes it; changing an existing value needs --overwrite.',
  example: `# Note who owns pod web
kubectl annotate pod web owner=team-a

# Change the note
kubectl annotate pod web owner=team-b --overwrite

# Remove it
kubectl annotate pod web owner-`,
  flags: metadataFlags('annotation'),
  run: (ctx) => runMetadataUpdate(ctx, 'annotations'),
};
