// What `kubectl top pod` and `top node` share (kubectl pkg/cmd/top/top.go): the metrics.k8s.io
// group must be served (discovery), and --sort-by takes cpu or memory.
import type { KubeApi } from '../../../engine';
import { CmdError } from '../../errors';

const METRICS_GROUP = 'metrics.k8s.io';

/** top.go SupportedMetricsAPIVersionAvailable: is metrics.k8s.io among the server's groups? */
export function requireMetricsAPI(api: KubeApi): void {
  // top_pod.go / top_node.go RunTop*: errors.New("Metrics API not available")
  if (!api.resources().some((r) => r.group === METRICS_GROUP)) throw new CmdError('Metrics API not available');
}

/** top_pod.go / top_node.go Validate */
export function validateSortBy(sortBy: string): void {
  // top_pod.go Validate: "--sort-by accepts only cpu or memory"
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new CmdError('--sort-by accepts only cpu or memory');
}
