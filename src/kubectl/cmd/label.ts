// `kubectl label` (kubectl pkg/cmd/label/label.go).
import type { CommandDef } from '../command';
import { metadataFlags, runMetadataUpdate } from './metadata-update';

export const label: CommandDef = {
  name: 'label',
  group: 'Settings Commands',
  use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
  short: 'Update the labels on a resource',
  long: 'Add, change or remove labels. KEY=VALUE sets a label, KEY- removes it; changing a label that already has a value needs --overwrite. Labels are what selectors (Services, ReplicaSets, -l) match on.',
  example: `# Label pod web with tier=frontend
kubectl label pod web tier=frontend

# Change it (the label exists already)
kubectl label pod web tier=backend --overwrite

# Remove it
kubectl label pod web tier-

# Label every pod in the namespace
kubectl label pods --all checked=yes`,
  flags: metadataFlags('label'),
  run: (ctx) => runMetadataUpdate(ctx, 'labels'),
};
