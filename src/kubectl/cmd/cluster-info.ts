// `kubectl cluster-info` (kubectl pkg/cmd/clusterinfo/clusterinfo.go): the control plane address
// and the kube-system services labelled kubernetes.io/cluster-service=true, in kubectl's colours.
import type { CommandDef } from '../command';
import { CmdError } from '../errors';
import { CLUSTER_SERVER } from './config/kubeconfig';

// clusterinfo.go printService: go-colortext writes these whether or not stdout is a terminal
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

export const clusterInfo: CommandDef = {
  name: 'cluster-info',
  group: 'Cluster Management Commands',
  use: 'cluster-info [flags]',
  short: 'Display cluster information',
  long: 'Show where the control plane and the cluster services (such as DNS) can be reached.',
  example: '# Where the control plane runs\nkubectl cluster-info',
  subcommands: [
    {
      name: 'dump',
      use: 'dump [flags]',
      short: 'Dump relevant information for debugging and diagnosis',
      long: 'Not available in Podlab: use kubectl get, describe, logs and events to look at the cluster.',
      async run() {
        throw new CmdError('cluster-info dump is not available in Podlab; use kubectl get, describe, logs and events');
      },
    },
  ],
  async run({ env }) {
    const print = (name: string, link: string) => `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
    let out = print('Kubernetes control plane', CLUSTER_SERVER);
    const services = await env.api.list('services', { namespace: 'kube-system', labelSelector: 'kubernetes.io/cluster-service=true' });
    for (const svc of services.items) {
      const meta = svc.metadata as { name: string; labels?: Record<string, string> };
      const ports = (svc.spec as { ports?: { name?: string; port: number }[] } | undefined)?.ports ?? [];
      // clusterinfo.go: the service's name label, and an API proxy link over its first port
      const name = meta.labels?.['kubernetes.io/name'] ?? meta.name;
      const port = ports[0];
      const target = port ? `${meta.name}:${port.name || port.port}` : meta.name;
      out += print(name, `${CLUSTER_SERVER}/api/v1/namespaces/kube-system/services/${target}/proxy`);
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    env.stdout(out);
    return 0;
  },
};
