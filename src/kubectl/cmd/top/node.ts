// `kubectl top node [NAME | -l label]` (kubectl pkg/cmd/top/top_node.go): each node's CPU and
// memory use from metrics-server's NodeMetrics, and the share of its allocatable (or capacity).
import type { KubeObject } from '../../../engine';
import type { CommandDef } from '../../command';
import { CmdError, UsageError } from '../../errors';
import { printNodeMetrics, type NodeMetrics } from '../../printers';
import { requireMetricsAPI, validateSortBy } from './metrics-api';

const USE = 'node [NAME | -l label]';

export const topNode: CommandDef = {
  name: 'node',
  aliases: ['nodes', 'no'],
  use: USE,
  short: 'Display resource (CPU/memory) usage of nodes',
  long: 'Show how much CPU and memory each node uses — its pods plus the node\'s own daemons — and what share of the node\'s allocatable resources that is.',
  example: `# Every node
kubectl top node

# One node, compared with its full capacity
kubectl top node minikube --show-capacity`,
  flags: [
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Only nodes with these labels.' },
    { name: 'sort-by', type: 'string', usage: 'Sort by cpu or memory (largest first) instead of by name.' },
    { name: 'no-headers', type: 'bool', usage: 'Leave out the header line.' },
    { name: 'show-capacity', type: 'bool', usage: 'Compare with the node\'s capacity instead of its allocatable resources.' },
    { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Ask the Metrics API for protobuf (accepted, no effect in Podlab).' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    // top_node.go Complete: more than one NAME prints the usage line as the error
    if (ctx.args.length > 1) throw new UsageError(USE);
    const name = ctx.args[0] ?? '';
    const selector = flags.string('selector');
    const sortBy = flags.string('sort-by');
    validateSortBy(sortBy);
    // top_node.go Validate
    if (name && selector) throw new CmdError('only one of NAME or --selector can be provided');
    requireMetricsAPI(env.api);
    const metrics = name
      ? [await env.api.get('nodes.metrics.k8s.io', undefined, name)]
      : (await env.api.list('nodes.metrics.k8s.io', { labelSelector: selector || undefined })).items;
    // top_node.go RunTopNode
    if (!metrics.length) throw new CmdError('metrics not available yet');
    const nodes: KubeObject[] = name ? [await env.api.get('nodes', undefined, name)] : (await env.api.list('nodes', { labelSelector: selector || undefined })).items;
    const available = new Map<string, Record<string, unknown>>();
    for (const n of nodes) {
      const status = (n.status ?? {}) as { allocatable?: Record<string, unknown>; capacity?: Record<string, unknown> };
      available.set(n.metadata.name, (flags.bool('show-capacity') ? status.capacity : status.allocatable) ?? {});
    }
    env.stdout(printNodeMetrics(metrics as unknown as NodeMetrics[], available, { noHeaders: flags.bool('no-headers'), sortBy }));
  },
};
