// `kubectl top` (kubectl pkg/cmd/top/top.go): groups `top pod` and `top node`.
import type { CommandDef } from '../../command';
import { topNode } from './node';
import { topPod } from './pod';

export const top: CommandDef = {
  name: 'top',
  group: 'Cluster Management Commands',
  use: 'top',
  short: 'Display resource (CPU/memory) usage',
  long: 'Show the CPU and memory use of nodes or pods, as measured by metrics-server (the Metrics API).',
  subcommands: [topNode, topPod],
};
