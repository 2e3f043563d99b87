// `kubectl expose` (kubectl pkg/cmd/expose/expose.go with polymorphichelpers canbeexposed.go,
// mapbasedselectorforobject.go, portsforobject.go, protocolsforobject.go): a Service in front of a
// pod, deployment, replica set or service, its selector, ports and protocols read from the object
// unless the flags give them.
import { lookupResource, type KubeObject, type ResourceInfo } from '../../engine';
import type { CommandContext, CommandDef } from '../command';
import { AggregateError, CmdError } from '../errors';
import { klogWarning } from '../klog';
import { buildTargets, fetchTarget, NO_RESOURCES_GIVEN } from '../resource/builder';
import { warningLines } from '../resource/ref';
import { objectPrinter, outputFlag, templateFlag, type PrintObject } from './object-output';
import { dryRunFlag, dryRunOf, filenameFlags, type DryRun } from './shared-flags';

interface PodSpecLike {
  containers?: { ports?: { containerPort: number; protocol?: string }[] }[];
}

interface ExposeFlags {
  port: string;
  protocol: string;
  targetPort: string;
  name: string;
  type: string;
  selector: string;
  labels: string;
  externalIP: string;
  clusterIP: string;
  sessionAffinity: string;
  loadBalancerIP: string;
}

export const expose: CommandDef = {
  name: 'expose',
  group: 'Basic Commands (Beginner)',
  use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: `Create a Service that sends traffic to the pods of an existing object. The Service selects pods with the object's labels (a pod) or its selector (a deployment, replica set or service), and takes its ports from the containers' ports unless --port says otherwise.

Objects that can be exposed: pod (po), service (svc), deployment (deploy), replicaset (rs).`,
  example: `# A Service on port 80 for deployment web, sending traffic to the containers' port 8080
kubectl expose deployment web --port=80 --target-port=8080

# Expose pod web on the port its container declares, under another name
kubectl expose pod web --name=web-svc

# Reach deployment web from outside the cluster through a node port
kubectl expose deployment web --type=NodePort --port=80`,
  flags: [
    { name: 'port', type: 'string', usage: 'The port the Service listens on; taken from the exposed object when not given.' },
    { name: 'protocol', type: 'string', usage: 'The protocol of the Service\'s ports (TCP unless the object says otherwise).' },
    { name: 'target-port', type: 'string', usage: 'The container port (number or name) the Service sends traffic to; the same as --port when not given.' },
    { name: 'name', type: 'string', usage: 'The name of the new Service (default: the exposed object\'s name).' },
    { name: 'type', type: 'string', usage: 'The Service type: ClusterIP (the default), NodePort, LoadBalancer or ExternalName.' },
    { name: 'selector', type: 'string', usage: 'The pod selector of the Service, key=value pairs separated by commas (default: from the object).' },
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Labels for the Service itself (default: the object\'s labels).' },
    { name: 'external-ip', type: 'string', usage: 'An extra IP address the Service accepts traffic on.' },
    { name: 'cluster-ip', type: 'string', usage: 'The Service\'s cluster IP; empty picks one, None makes a headless Service.' },
    { name: 'session-affinity', type: 'string', usage: 'None or ClientIP (send a client to the same pod each time).' },
    { name: 'load-balancer-ip', type: 'string', usage: 'The address asked for with --type=LoadBalancer.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose', usage: 'Name of the manager used to track field ownership.' },
    ...filenameFlags('that name the object to expose'),
    outputFlag,
    templateFlag,
    dryRunFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const dryRun = dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w)));
    const print = objectPrinter(env, flags.string('output'), flags.string('template'), dryRun);
    const f: ExposeFlags = {
      port: flags.string('port'), protocol: flags.string('protocol'), targetPort: flags.string('target-port'), name: flags.string('name'),
      type: flags.string('type'), selector: flags.string('selector'), labels: flags.string('labels'), externalIP: flags.string('external-ip'),
      clusterIP: flags.string('cluster-ip'), sessionAffinity: flags.string('session-affinity'), loadBalancerIP: flags.string('load-balancer-ip'),
    };
    const targets = await buildTargets(ctx, { args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), requireNames: true });
    if (!targets.length) throw new CmdError(NO_RESOURCES_GIVEN);
    const errors: unknown[] = [];
    for (const t of targets) {
      try {
        for (const obj of t.kind === 'name' && t.manifest ? [t.manifest.object] : await fetchTarget(ctx, t)) await exposeOne(ctx, t.resource, obj, f, dryRun, print);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};

const SERVICE_INFO = lookupResource('services')!;

/** expose.go RunExpose, one visited object. */
async function exposeOne(ctx: CommandContext, info: ResourceInfo, obj: KubeObject, flags: ExposeFlags, dryRun: DryRun, print: PrintObject): Promise<void> {
  const f = { ...flags };
  // canbeexposed.go: `cannot expose a %s` with the GroupKind (`Kind` or `Kind.group`)
  if (!['pods', 'services', 'deployments', 'replicasets'].includes(info.resource)) {
    throw new CmdError(`cannot expose a ${info.group ? `${info.kind}.${info.group}` : info.kind}`);
  }
  // expose.go: the default name is cut to a DNS-1035 label's 63 characters
  const defaultName = obj.metadata.name.slice(0, 63);
  if (!f.selector) {
    try {
      f.selector = makeLabels(selectorFor(info, obj));
    } catch (e) {
      // expose.go RunExpose
      throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  const headless = f.clusterIP === 'None';
  let ports = f.port;
  if (!ports) {
    const found = portsFor(info, obj);
    // expose.go RunExpose
    if (!found.length && !headless) throw new CmdError("couldn't find port via --port flag or introspection");
    ports = found.join(',');
  }
  const protocols = protocolsFor(info, obj);
  if (!f.labels) f.labels = makeLabels(obj.metadata.labels ?? {});
  const service = createService(f, ports, protocols, defaultName);
  const namespace = ctx.namespace;
  if (dryRun === 'client') {
    if (ctx.namespaceGiven) (service.metadata as unknown as Record<string, unknown>).namespace = namespace;
    // the typed corev1.Service kubectl prints carries its zero values
    const typed = { ...service, metadata: { creationTimestamp: null, ...(service.metadata as object) }, status: { loadBalancer: {} } } as unknown as KubeObject;
    return print(SERVICE_INFO, typed, 'exposed');
  }
  const r = await ctx.env.api.create('services', service, { namespace, dryRun: dryRun === 'server' });
  ctx.env.stderr(warningLines(r.warnings));
  print(SERVICE_INFO, r.object, 'exposed');
}

/** mapbasedselectorforobject.go mapBasedSelectorForObject. */
function selectorFor(info: ResourceInfo, obj: KubeObject): Record<string, string> {
  const spec = (obj.spec ?? {}) as { selector?: Record<string, unknown> & { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } };
  switch (info.resource) {
    case 'pods':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw new Error('the pod has no labels and cannot be exposed');
      return obj.metadata.labels!;
    case 'services':
      if (!spec.selector) throw new Error('the service has no pod selector set');
      return spec.selector as Record<string, string>;
    default: {
      const what = info.resource === 'deployments' ? 'deployment' : 'replicaset';
      if (!spec.selector || !Object.keys(spec.selector.matchLabels ?? {}).length) throw new Error(`invalid ${what}: no selectors, therefore cannot be exposed`);
      if (spec.selector.matchExpressions?.length) {
        throw new Error(`couldn't convert expressions - "${goStructs(spec.selector.matchExpressions)}" to map-based selector format`);
      }
      return spec.selector.matchLabels!;
    }
  }
}

/** `%+v` of []LabelSelectorRequirement: `[{Key:tier Operator:In Values:[a b]}]`. */
function goStructs(reqs: unknown[]): string {
  return `[${reqs.map((r) => {
    const q = r as { key?: string; operator?: string; values?: string[] };
    return `{Key:${q.key ?? ''} Operator:${q.operator ?? ''} Values:[${(q.values ?? []).join(' ')}]}`;
  }).join(' ')}]`;
}

function podSpecOf(info: ResourceInfo, obj: KubeObject): PodSpecLike {
  const spec = (obj.spec ?? {}) as PodSpecLike & { template?: { spec?: PodSpecLike } };
  return info.resource === 'pods' ? spec : spec.template?.spec ?? {};
}

/** portsforobject.go: the distinct container ports (service ports for a service), in order. */
function portsFor(info: ResourceInfo, obj: KubeObject): string[] {
  const ports = info.resource === 'services'
    ? ((obj.spec as { ports?: { port: number }[] }).ports ?? []).map((p) => String(p.port))
    : (podSpecOf(info, obj).containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)));
  return [...new Set(ports)];
}

/** protocolsforobject.go multiProtocolsForObject: port → its distinct protocols. */
function protocolsFor(info: ResourceInfo, obj: KubeObject): Map<string, string[]> {
  const pairs = info.resource === 'services'
    ? ((obj.spec as { ports?: { port: number; protocol?: string }[] }).ports ?? []).map((p) => [String(p.port), p.protocol ?? 'TCP'] as const)
    : (podSpecOf(info, obj).containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => [String(p.containerPort), p.protocol ?? 'TCP'] as const));
  const out = new Map<string, string[]>();
  for (const [port, protocol] of pairs) {
    const list = out.get(port) ?? [];
    if (!list.includes(protocol)) list.push(protocol);
    out.set(port, list);
  }
  return out;
}

/** polymorphichelpers MakeLabels: `k=v,k=v`. */
function makeLabels(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

/** expose.go parseLabels. */
function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const kv = item.split('=');
    if (kv.length !== 2) throw new CmdError(`unexpected label spec: ${item}`);
    if (!kv[0]) throw new CmdError('unexpected empty label key');
    out[kv[0]] = kv[1]!;
  }
  return out;
}

/** expose.go createService. */
function createService(f: ExposeFlags, portString: string, protocols: Map<string, string[]>, defaultName: string): KubeObject {
  // expose.go createService
  if (!f.selector) throw new CmdError('selector must be specified');
  const selector = parseLabels(f.selector);
  const labels = f.labels ? parseLabels(f.labels) : undefined;
  const name = f.name || defaultName;
  if (!name) throw new CmdError('name must be specified');
  const ports: Record<string, unknown>[] = [];
  if (portString) {
    const list = portString.split(',');
    list.forEach((p, i) => {
      // strconv.Atoi's error
      if (!/^[+-]?\d+$/.test(p)) throw new CmdError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
      const port = Number(p);
      const portName = list.length > 1 ? `port-${i + 1}` : undefined;
      let protocol = f.protocol;
      const known = protocols.get(p);
      if (!protocol) {
        protocol = 'TCP';
        if (known?.length === 1) protocol = known[0]!;
        else if (known && known.length > 1) {
          // expose.go createService: one port per protocol, named port-N-<protocol>
          for (const proto of known) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port, protocol: proto });
          return;
        }
      }
      ports.push({ ...(portName ? { name: portName } : {}), port, protocol });
    });
  }
  for (const p of ports) {
    // intstr.Parse: a number is a port number, anything else a port name; default the port itself
    p.targetPort = f.targetPort ? (/^-?\d+$/.test(f.targetPort) ? Number(f.targetPort) : f.targetPort) : p.port;
  }
  const spec: Record<string, unknown> = { selector, ports };
  if (f.externalIP) spec.externalIPs = [f.externalIP];
  if (f.type) spec.type = f.type;
  if (f.type === 'LoadBalancer' && f.loadBalancerIP) spec.loadBalancerIP = f.loadBalancerIP;
  if (f.sessionAffinity) {
    // expose.go createService
    if (f.sessionAffinity !== 'None' && f.sessionAffinity !== 'ClientIP') throw new CmdError(`unknown session affinity: ${f.sessionAffinity}`);
    spec.sessionAffinity = f.sessionAffinity;
  }
  if (f.clusterIP) spec.clusterIP = f.clusterIP;
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...(labels ? { labels } : {}) }, spec } as unknown as KubeObject;
}
