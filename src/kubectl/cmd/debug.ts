// `kubectl debug POD --image=IMAGE [-c NAME] [--target=CONTAINER] [-it] [-- COMMAND...]`
// (kubectl pkg/cmd/debug/debug.go and profiles.go, v1.32): add an ephemeral container to a running
// pod through the pods/ephemeralcontainers subresource and, with -i, attach to it as
// `kubectl attach` does. Copying the pod (--copy-to) and node debugging are not simulated.
import { StatusError, type KubeObject } from '../../engine';
import { SeededRandom } from '../../shared/random';
import type { CommandContext, CommandDef } from '../command';
import { CmdError } from '../errors';
import { resolveResource } from '../resource/builder';
import { attachTo } from './attach';

interface SecurityContext {
  capabilities?: { add?: string[]; drop?: string[] };
  privileged?: boolean;
  runAsNonRoot?: boolean;
  allowPrivilegeEscalation?: boolean;
  seccompProfile?: { type: string };
}

/** corev1.EphemeralContainer as encoding/json writes it (omitempty; `resources` is a struct value). */
interface EphemeralContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  resources: Record<string, never>;
  terminationMessagePolicy: 'File';
  imagePullPolicy?: string;
  securityContext?: SecurityContext;
  stdin?: boolean;
  tty?: boolean;
  targetContainerName?: string;
}

interface ContainerStatusLike {
  name: string;
  state?: { running?: object; terminated?: object; waiting?: { message?: string } };
}

// profiles.go NewProfileApplier: the profile names, in the order the flag's help lists them
const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'];

// distribution/reference ReferenceRegexp: [domain/]name[:tag][@digest], anchored
const DOMAIN = String.raw`(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?)`;
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`;
const REFERENCE = new RegExp(String.raw`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`);

export const debug: CommandDef = {
  name: 'debug',
  group: 'Troubleshooting and Debugging Commands',
  use: 'debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]',
  short: 'Create debugging sessions for troubleshooting workloads and nodes',
  long: 'Add a temporary (ephemeral) container to a running pod, for example one with a shell and tools when the pod\'s own image has none. The container runs next to the others in the pod and shares their network: localhost reaches them. It is never restarted and cannot be removed; it goes away with the pod. With -it you get its terminal at once.',
  // debug.go debugExample, the examples of what Podlab implements (no -f, --copy-to or node debugging)
  example: `# Create an interactive debugging session in pod mypod and immediately attach to it.
kubectl debug mypod -it --image=busybox

# Create a debug container named debugger using a custom automated debugging image.
kubectl debug --image=myproj/debug-tools -c debugger mypod`,
  flags: [
    { name: 'arguments-only', type: 'bool', usage: 'Pass everything after -- to the container as args instead of its command.' },
    { name: 'attach', type: 'bool', usage: 'Wait for the container to start, then attach to it as kubectl attach does (the default with -i).' },
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Name of the debug container (default: debugger- and 5 random characters).' },
    { name: 'copy-to', type: 'string', usage: 'Create a copy of the target pod with this name (not available in Podlab).' },
    { name: 'replace', type: 'bool', usage: 'With --copy-to, delete the original pod.' },
    { name: 'same-node', type: 'bool', usage: 'With --copy-to, schedule the copy on the same node.' },
    { name: 'image', type: 'string', usage: 'Image of the debug container.' },
    { name: 'image-pull-policy', type: 'string', usage: 'Image pull policy of the debug container (default: set by the server).' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Keep the container\'s stdin open, even if nothing is attached.' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Do not print informational messages.' },
    // debug.go AddFlags
    { name: 'target', type: 'string', usage: 'When using an ephemeral container, target processes in this container name.' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Give the debug container a terminal.' },
    { name: 'profile', type: 'string', default: 'legacy', usage: 'Security settings for the container: "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
  ],
  async run(ctx) {
    const o = complete(ctx);
    validate(ctx, o);
    for (const target of o.targets) {
      const pod = await visit(ctx, target);
      const name = await debugByEphemeralContainer(ctx, o, pod);
      if (o.attach) {
        const code = await handleAttachPod(ctx, o, pod.metadata.name, name);
        if (code === 130) return code;
      }
    }
    return 0;
  },
};

interface DebugOptions {
  targets: string[];
  args: string[];
  image: string;
  container: string;
  target: string;
  interactive: boolean;
  tty: boolean;
  quiet: boolean;
  attach: boolean;
  profile: string;
  pullPolicy: string;
  argsOnly: boolean;
}

/** debug.go Complete: the names before --, the command after it; -i implies --attach. */
function complete(ctx: CommandContext): DebugOptions {
  const { flags } = ctx;
  const dashAt = flags.dashAt;
  const profile = flags.string('profile') || 'legacy';
  // profiles.go NewProfileApplier
  if (!PROFILES.includes(profile)) throw new CmdError(`unknown profile: ${profile}`);
  const interactive = flags.bool('stdin');
  return {
    targets: dashAt < 0 ? ctx.args : ctx.args.slice(0, dashAt),
    args: dashAt < 0 ? [] : ctx.args.slice(dashAt),
    image: flags.string('image'),
    container: flags.string('container'),
    target: flags.string('target'),
    interactive,
    tty: flags.bool('tty'),
    quiet: flags.bool('quiet'),
    attach: flags.changed('attach') ? flags.bool('attach') : interactive,
    profile,
    pullPolicy: flags.string('image-pull-policy'),
    argsOnly: flags.bool('arguments-only'),
  };
}

/** debug.go Validate, in its order (the --target notice and the legacy warning print from here). */
function validate(ctx: CommandContext, o: DebugOptions): void {
  const { env, flags } = ctx;
  if (o.attach && flags.changed('attach') && !o.image && !o.container) {
    throw new CmdError('you must specify --container or create a new container using --image in order to attach.');
  }
  const copyTo = flags.string('copy-to');
  if (copyTo) {
    if (!o.image && !o.args.length) throw new CmdError('you must specify --image, --set-image or command arguments.');
    if (o.args.length && !o.container && !o.image) throw new CmdError('you must specify an existing container or a new image when specifying args.');
  } else if (flags.bool('replace')) {
    throw new CmdError('--replace may only be used with --copy-to.');
  } else if (flags.bool('same-node')) {
    throw new CmdError('--same-node may only be used with --copy-to.');
  } else if (!o.image) {
    throw new CmdError('you must specify --image when not using --copy-to.');
  }
  // reference.ErrReferenceInvalidFormat
  if (o.image && !REFERENCE.test(o.image)) throw new CmdError(`invalid image name "${o.image}": invalid reference format`);
  if (!o.targets.length) throw new CmdError('NAME or filename is required for debug');
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(o.pullPolicy)) throw new CmdError(`invalid image pull policy: ${o.pullPolicy}`);
  if (o.target) {
    if (copyTo) throw new CmdError('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!o.quiet) env.stdout(`Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (o.tty && !o.interactive) throw new CmdError('-i/--stdin is required for containers with -t/--tty=true');
  if (o.profile === 'legacy') {
    env.stderr('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
  }
  // Podlab simulates the ephemeral-container mode only (the phrase is debug.go Run's for what it cannot debug)
  if (copyTo) throw new CmdError('--copy-to not supported by debug');
}

/** debug.go Run: the builder's object for a name (pods by default); only pods can be debugged here. */
async function visit(ctx: CommandContext, arg: string): Promise<KubeObject> {
  const slash = arg.indexOf('/');
  const info = resolveResource(slash < 0 ? 'pods' : arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const obj = await ctx.env.api.get(info.resource, info.namespaced ? ctx.namespace : undefined, name);
  // debug.go Run: `%q not supported by debug` of the GroupVersionKind (node debugging is not simulated)
  if (info.resource !== 'pods') throw new CmdError(`"${info.group}/${info.version}, Kind=${info.kind}" not supported by debug`);
  return obj;
}

/** debug.go debugByEphemeralContainer: a strategic merge patch to pods/<name>/ephemeralcontainers. */
async function debugByEphemeralContainer(ctx: CommandContext, o: DebugOptions, pod: KubeObject): Promise<string> {
  const spec = pod.spec as { containers: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  const name = computeDebugContainerName(ctx, o, pod);
  const ec: EphemeralContainer = { name, image: o.image, resources: {}, terminationMessagePolicy: 'File' };
  if (o.args.length) ec[o.argsOnly ? 'args' : 'command'] = o.args;
  if (o.pullPolicy) ec.imagePullPolicy = o.pullPolicy;
  if (o.interactive) ec.stdin = true;
  if (o.tty) ec.tty = true;
  if (o.target) ec.targetContainerName = o.target;
  applyProfile(o.profile, ec);
  // strategicpatch.CreateTwoWayMergePatch of the pod before and after: the new container, and the
  // order of the whole list
  const order = [...(spec.ephemeralContainers ?? []).map((c) => ({ name: c.name })), { name }];
  const patch = { spec: { '$setElementOrder/ephemeralContainers': order, ephemeralContainers: [ec] } };
  await ctx.env.api.patch('pods', pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, 'strategic', patch, { subresource: 'ephemeralcontainers' });
  return name;
}

/**
 * debug.go computeDebugContainerName: -c, or `debugger-` and 5 characters of utilrand.String that
 * no container of the pod has. The characters come from a generator seeded with the pod and the
 * virtual time, so a replay names the container the same way.
 */
function computeDebugContainerName(ctx: CommandContext, o: DebugOptions, pod: KubeObject): string {
  if (o.container) return o.container;
  const spec = pod.spec as { containers: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  const taken = new Set([...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name));
  const random = new SeededRandom(`kubectl debug ${pod.metadata.uid} ${ctx.env.now()}`);
  let name = '';
  while (!name || taken.has(name)) name = `debugger-${random.nameSuffix(5)}`;
  // debug.go computeDebugContainerName
  if (!o.quiet) ctx.env.stdout(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** profiles.go: what each profile does to an ephemeral debug container. */
function applyProfile(profile: string, ec: EphemeralContainer): void {
  const sc = (): SecurityContext => (ec.securityContext ??= {});
  const addCapability = (cap: string) => {
    const caps = (sc().capabilities ??= {});
    (caps.add ??= []).push(cap);
  };
  switch (profile) {
    case 'general': // allowProcessTracing
      addCapability('SYS_PTRACE');
      break;
    case 'baseline': // clearSecurityContext
      delete ec.securityContext;
      break;
    case 'restricted': // clearSecurityContext, disallowRoot, dropCapabilities, disallowPrivilegeEscalation, setSeccompProfile
      delete ec.securityContext;
      sc().runAsNonRoot = true;
      sc().capabilities = { drop: ['ALL'] };
      sc().allowPrivilegeEscalation = false;
      sc().seccompProfile = { type: 'RuntimeDefault' };
      break;
    case 'netadmin': // allowNetadminCapability
      addCapability('NET_ADMIN');
      addCapability('NET_RAW');
      break;
    case 'sysadmin': // setPrivileged
      sc().privileged = true;
      break;
  }
}

/**
 * debug.go handleAttachPod: wait for the container to run, then attach; one that already ended
 * shows its logs instead. Returns the exit code (130 after Ctrl-C).
 */
async function handleAttachPod(ctx: CommandContext, o: DebugOptions, podName: string, container: string): Promise<number> {
  const pod = await waitForContainer(ctx, o, podName, container);
  if (!pod) return 130;
  const status = statusOf(pod, container);
  if (status?.state?.terminated) {
    ctx.env.stdout(await ctx.env.api.logs(ctx.namespace, podName, { container }));
    return 0;
  }
  return attachTo(ctx, pod, { container, stdin: o.interactive, tty: o.tty, quiet: o.quiet });
}

/** debug.go getContainerStatusByName: init, regular, then ephemeral statuses. */
function statusOf(pod: KubeObject, name: string): ContainerStatusLike | undefined {
  const s = (pod.status ?? {}) as Record<string, ContainerStatusLike[] | undefined>;
  return [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? []), ...(s.ephemeralContainerStatuses ?? [])].find((c) => c.name === name);
}

/** debug.go waitForContainer: the pod once the container runs or ended (undefined after Ctrl-C). */
function waitForContainer(ctx: CommandContext, o: DebugOptions, podName: string, container: string): Promise<KubeObject | undefined> {
  const { env } = ctx;
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const check = (p: KubeObject) => {
      const s = statusOf(p, container);
      if (s?.state?.running || s?.state?.terminated) {
        stop();
        resolve(p);
        return;
      }
      const message = s?.state?.waiting?.message;
      // debug.go waitForContainer through printers.WarningPrinter ("Warning: %s"), at every pod event
      if (!o.quiet && message) env.stderr(`Warning: container ${container}: ${message}\n`);
    };
    stop = env.api.watch('pods', { namespace: ctx.namespace, fieldSelector: `metadata.name=${podName}` }, (e) => {
      if (e.type === 'DELETED') {
        stop();
        // debug.go waitForContainer: errors.NewNotFound(schema.GroupResource{Resource: "pods"}, "")
        reject(new StatusError({
          kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound',
          message: 'pods "" not found', details: { name: '', kind: 'pods' },
        }));
        return;
      }
      check(e.object as KubeObject);
    });
    env.api.get('pods', ctx.namespace, podName).then(check, () => undefined);
    env.interrupt.onInterrupt(() => {
      stop();
      resolve(undefined);
    });
  });
}
