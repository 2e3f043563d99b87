// `kubectl top pod [NAME | -l label]` (kubectl pkg/cmd/top/top_pod.go): CPU and memory of pods
// from metrics-server's PodMetrics, summed over containers or one line each with --containers.
import type { KubeObject } from '../../../engine';
import { goDuration } from '../../../shared/duration';
import type { CommandContext, CommandDef } from '../../command';
import { CmdError, UsageError } from '../../errors';
import { noResourcesFound, printPodMetrics, type PodMetrics } from '../../printers';
import { requireMetricsAPI, validateSortBy } from './metrics-api';

// top_pod.go metricsCreationDelay: a pod younger than this may simply not have been scraped yet
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

const USE = 'pod [NAME | -l label]';

export const topPod: CommandDef = {
  name: 'pod',
  aliases: ['pods', 'po'],
  use: USE,
  short: 'Display resource (CPU/memory) usage of pods',
  long: 'Show how much CPU (in millicores) and memory each pod uses, as metrics-server last measured it. Metrics are refreshed every minute and appear a little while after a pod starts.',
  example: `# Every pod in the current namespace
kubectl top pod

# Every pod in every namespace, the busiest first
kubectl top pod -A --sort-by=cpu

# One line per container
kubectl top pod web --containers

# The pods labelled app=web
kubectl top pod -l app=web`,
  flags: [
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Only pods with these labels (e.g. -l app=web,tier!=db).' },
    { name: 'field-selector', type: 'string', usage: 'Only pods whose fields match (e.g. spec.nodeName=minikube).' },
    { name: 'sort-by', type: 'string', usage: 'Sort by cpu or memory (largest first) instead of by name.' },
    { name: 'containers', type: 'bool', usage: 'Print a line per container.' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'Pods in every namespace.' },
    { name: 'no-headers', type: 'bool', usage: 'Leave out the header line.' },
    { name: 'sum', type: 'bool', usage: 'Add a line with the totals.' },
    { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Ask the Metrics API for protobuf (accepted, no effect in Podlab).' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    // top_pod.go Complete: more than one NAME prints the usage line as the error
    if (ctx.args.length > 1) throw new UsageError(USE);
    const name = ctx.args[0] ?? '';
    const labelSelector = flags.string('selector');
    const fieldSelector = flags.string('field-selector');
    const sortBy = flags.string('sort-by');
    const all = flags.bool('all-namespaces');
    validateSortBy(sortBy);
    // top_pod.go Validate
    if (name && (labelSelector || fieldSelector)) throw new CmdError('only one of NAME or selector can be provided');
    requireMetricsAPI(env.api);
    const ns = all ? undefined : ctx.namespace;
    let metrics: KubeObject[] = name
      ? [await env.api.get('pods.metrics.k8s.io', ctx.namespace, name)]
      : (await env.api.list('pods.metrics.k8s.io', { namespace: ns, labelSelector: labelSelector || undefined })).items;
    if (metrics.length && fieldSelector) {
      // top_pod.go filterPodMetricsByFieldSelector: keep the pods the field selector lists
      const pods = await env.api.list('pods', { namespace: ns, labelSelector: labelSelector || undefined, fieldSelector });
      const keep = new Set(pods.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
      metrics = metrics.filter((m) => keep.has(`${m.metadata.namespace}/${m.metadata.name}`));
    }
    if (!metrics.length) {
      await verifyEmptyMetrics(ctx, name, labelSelector, fieldSelector);
      env.stderr(noResourcesFound(all ? undefined : ctx.namespace));
    }
    env.stdout(printPodMetrics(metrics as unknown as PodMetrics[], {
      containers: flags.bool('containers'), withNamespace: all, noHeaders: flags.bool('no-headers'), sortBy, sum: flags.bool('sum'),
    }));
  },
};

/**
 * top_pod.go verifyEmptyMetrics: no metrics but matching pods means they are too young to have
 * been scraped ("metrics not available yet"), or something is wrong with an older one. It looks in
 * the context's namespace even with -A, as kubectl does.
 */
async function verifyEmptyMetrics(ctx: CommandContext, name: string, labelSelector: string, fieldSelector: string): Promise<void> {
  const { env } = ctx;
  const pods = name
    ? [await env.api.get('pods', ctx.namespace, name)]
    : (await env.api.list('pods', { namespace: ctx.namespace, labelSelector: labelSelector || undefined, fieldSelector: fieldSelector || undefined })).items;
  if (!pods.length) return;
  for (const pod of pods) {
    const created = Date.parse(String(pod.metadata.creationTimestamp));
    const age = env.now() - created;
    // top_pod.go checkPodAge
    if (age > METRICS_CREATION_DELAY_MS) throw new CmdError(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
  }
  // top_pod.go verifyEmptyMetrics
  throw new CmdError('metrics not available yet');
}
