// `kubectl create service clusterip|nodeport NAME --tcp=PORT[:TARGET]` (kubectl pkg/cmd/create/create_service.go):
// a Service selecting app=NAME with one TCP port per --tcp pair.
import { isValidPortName, isValidPortNum, type KubeObject } from '../../../engine';
import type { CommandContext, CommandDef } from '../../command';
import { CmdError } from '../../errors';
import type { FlagSpec } from '../../flags';
import { enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, prepare } from './generator';

type ServiceType = 'ClusterIP' | 'NodePort';

const tcpFlag: FlagSpec = { name: 'tcp', type: 'stringSlice', usage: 'Ports as PORT:TARGET_PORT (or PORT alone: the same number); repeat or separate by commas.' };

const clusterIP: CommandDef = {
  name: 'clusterip',
  use: 'clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
  short: 'Create a ClusterIP service',
  long: 'Create a ClusterIP service: a stable virtual IP inside the cluster that spreads connections over the pods labelled app=NAME.',
  example: `# Port 80 of the service leads to port 8080 of the pods
kubectl create service clusterip web --tcp=80:8080

# A headless service (no virtual IP)
kubectl create service clusterip web --clusterip="None"`,
  flags: [...GENERATOR_FLAGS, tcpFlag, { name: 'clusterip', type: 'string', usage: 'The virtual IP to ask for, or None for a headless service.' }],
  run: (ctx) => generateService(ctx, 'ClusterIP'),
};

const nodePort: CommandDef = {
  name: 'nodeport',
  use: 'nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
  short: 'Create a NodePort service',
  long: 'Create a NodePort service: a ClusterIP service that is also reachable on a port of every node (30000-32767).',
  example: `# Reach port 8080 of the pods on a node port chosen by the cluster
kubectl create service nodeport web --tcp=80:8080

# ... or on node port 30080
kubectl create service nodeport web --tcp=80:8080 --node-port=30080`,
  flags: [...GENERATOR_FLAGS, tcpFlag, { name: 'node-port', type: 'int', default: 0, usage: 'The node port to ask for (0: the cluster picks one).' }],
  run: (ctx) => generateService(ctx, 'NodePort'),
};

export const createService: CommandDef = {
  name: 'service',
  aliases: ['svc'],
  use: 'service',
  short: 'Create a service using a specified subcommand',
  long: 'Create a service of one of the types below.',
  subcommands: [clusterIP, nodePort],
};

async function generateService(ctx: CommandContext, type: ServiceType): Promise<void> {
  const { flags } = ctx;
  const name = nameFromArgs(ctx);
  const finish = prepare(ctx);
  const tcp = flags.strings('tcp');
  const ip = type === 'ClusterIP' ? flags.string('clusterip') : '';
  // create_service.go Validate
  if (ip !== 'None' && !tcp.length) throw new CmdError('at least one tcp port specifier must be provided');
  const ports = tcp.map((pair) => {
    const [port, targetPort] = parsePorts(pair);
    const p: Record<string, unknown> = { name: pair.replaceAll(':', '-'), protocol: 'TCP', port, targetPort };
    if (type === 'NodePort' && flags.int('node-port')) p.nodePort = flags.int('node-port');
    return p;
  });
  const labels = { app: name };
  const metadata: Record<string, unknown> = { name, namespace: enforcedNamespace(ctx), creationTimestamp: null, labels };
  if (!metadata.namespace) delete metadata.namespace;
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: name };
  if (ip) spec.clusterIP = ip;
  spec.type = type;
  const svc = { kind: 'Service', apiVersion: 'v1', metadata, spec, status: { loadBalancer: {} } };
  // create_service.go Run: "failed to create %s service: %v"
  await finish({ resource: 'services', object: svc as unknown as KubeObject, failure: (m) => `failed to create ${type} service: ${m}` });
}

/** create_service.go parsePorts: PORT (a uint16, 0 allowed) and TARGET (a number or a port name). */
export function parsePorts(pair: string): [number, number | string] {
  const parts = pair.split(':');
  const first = parts[0]!;
  // k8s.io/utils/net ParsePort: strconv.ParseUint(p, 10, 16)
  if (!/^\d+$/.test(first)) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(first)}: invalid syntax`);
  if (Number(first) > 65535) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(first)}: value out of range`);
  const port = Number(first);
  if (parts.length === 1) return [port, port];
  const target = parts[1]!;
  // strconv.Atoi succeeds for a (signed, 64-bit) decimal: then it must be a valid port number
  const n = /^[+-]?\d+$/.test(target) ? Number(target) : NaN;
  if (Number.isSafeInteger(n)) {
    const errs = isValidPortNum(n);
    if (errs.length) throw new CmdError(errs.join(','));
    return [port, n];
  }
  const errs = isValidPortName(target);
  if (errs.length) throw new CmdError(errs.join(','));
  return [port, target];
}
