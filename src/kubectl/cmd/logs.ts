// `kubectl logs` (kubectl pkg/cmd/logs/logs.go, polymorphichelpers/logsforobject.go): a
// container's log, the previous instance's with -p, several containers or pods, and -f following
// it on the virtual clock until the container stops or the user presses Ctrl-C.
import { isStatusError, type KubeObject, type LogOptions } from '../../engine';
import { attachablePod } from '../attachable-pod';
import { INTERRUPTED_EXIT } from '../env';
import type { CommandContext, CommandDef } from '../command';
import { CmdError, UsageError } from '../errors';
import { asPod, defaultContainer, hasContainer } from '../pod-containers';

// logs.go logsUsageErrStr
const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
const FOLLOW_POLL_MS = 1000;

export const logs: CommandDef = {
  name: 'logs',
  group: 'Troubleshooting and Debugging Commands',
  use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  short: 'Print the logs for a container in a pod',
  long: 'Print what a container wrote to its standard output and error. With several containers in the pod, name one with -c (or get the first, with a notice). -p shows the previous, crashed instance of a restarted container; -f keeps printing new lines until you press Ctrl-C.',
  example: `# The log of the only container of pod web
kubectl logs web

# The log of container sidecar in pod web
kubectl logs web -c sidecar

# The log of the instance that crashed before the last restart
kubectl logs web -p

# Follow the log as it grows
kubectl logs -f web

# The last 20 lines, with timestamps
kubectl logs web --tail=20 --timestamps`,
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'The container whose log to print (default: the first one).' },
    { name: 'previous', shorthand: 'p', type: 'bool', usage: "Print the log of the container's previous instance, if it restarted." },
    { name: 'follow', shorthand: 'f', type: 'bool', usage: 'Keep printing new lines as they are written.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Only the last N lines (-1: all; 10 by default with a selector).' },
    { name: 'since', type: 'duration', default: '0s', usage: 'Only lines newer than this duration, e.g. 5s, 2m, 3h.' },
    { name: 'since-time', type: 'string', usage: 'Only lines written at or after this RFC3339 time.' },
    { name: 'timestamps', type: 'bool', usage: 'Prefix each line with the time it was written.' },
    { name: 'all-containers', type: 'bool', usage: 'The logs of every container of the pod.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'The logs of every pod matching this label selector.' },
    { name: 'prefix', type: 'bool', usage: 'Prefix each line with its source (pod and container).' },
    { name: 'max-log-requests', type: 'int', default: 5, usage: 'With a selector, at most this many logs at once.' },
    { name: 'ignore-errors', type: 'bool', usage: 'With -f, keep going when a log cannot be read.' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'How long to wait for the pod to be running.' },
    { name: 'limit-bytes', type: 'int', default: 0, usage: 'At most this many bytes of log (0: no limit).' },
  ],
  async run(ctx) {
    const { flags, env } = ctx;
    const selector = flags.string('selector');
    const args = ctx.args;
    // logs.go Validate/Complete
    if (!selector && !args.length) throw new UsageError(USAGE);
    if (selector && args.length) throw new CmdError('only a selector (-l) or a POD name is allowed');
    if (args.length > 2) throw new UsageError(USAGE);
    if (flags.bool('all-containers') && (flags.string('container') || args.length > 1)) throw new CmdError('--container cannot be used with --all-containers');
    let container = flags.string('container');
    if (args.length === 2) {
      // logs.go Complete: the deprecated `logs POD CONTAINER` form
      if (container) throw new UsageError(USAGE);
      container = args[1]!;
    }
    const opts: LogOptions = { previous: flags.bool('previous'), timestamps: flags.bool('timestamps') };
    const tail = flags.int('tail');
    if (tail >= 0) opts.tailLines = tail;
    else if (selector) opts.tailLines = 10; // logs.go: a selector defaults --tail to 10
    const since = flags.duration('since');
    if (since > 0) opts.sinceSeconds = Math.ceil(since / 1000);
    const pods = selector ? await selectedPods(ctx, selector, flags.int('max-log-requests')) : [(await attachablePod(ctx, args[0]!, notFoundInNamespace(ctx))).pod];
    const requests: { pod: KubeObject; container: string }[] = [];
    for (const obj of pods) {
      const pod = asPod(obj);
      if (flags.bool('all-containers')) {
        for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])]) requests.push({ pod: obj, container: c.name });
      } else if (container) {
        // logsforobject.go: "container %s is not valid for pod %s"
        if (!hasContainer(pod, container)) throw new CmdError(`container ${container} is not valid for pod ${pod.metadata.name}`);
        requests.push({ pod: obj, container });
      } else requests.push({ pod: obj, container: defaultContainer(pod, false, (w) => env.stderr(w)) });
    }
    const prefix = flags.bool('prefix') || (!!selector && requests.length > 1 && flags.bool('prefix'));
    for (const r of requests) {
      const pod = asPod(r.pod);
      const tag = prefix ? `[pod/${pod.metadata.name}/${r.container}] ` : '';
      const text = await env.api.logs(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, { ...opts, container: r.container });
      env.stdout(tag ? text.replace(/^(?=.)/gm, tag) : text);
    }
    if (flags.bool('follow') && requests.length === 1) return follow(ctx, requests[0]!, opts);
    return 0;
  },
};

function notFoundInNamespace(ctx: CommandContext): (e: unknown) => Error {
  // [REAL] kubectl v1.32 logs of a missing pod: lower-case "error from server" and the namespace
  return (e) => new CmdError(`error from server (NotFound): ${(e as Error).message} in namespace "${ctx.namespace}"`);
}

async function selectedPods(ctx: CommandContext, selector: string, max: number): Promise<KubeObject[]> {
  const list = await ctx.env.api.list('pods', { namespace: ctx.namespace, labelSelector: selector });
  // logs.go: "No resources found in default namespace." when the selector matches nothing
  if (!list.items.length) {
    ctx.env.stderr(`No resources found in ${ctx.namespace} namespace.\n`);
    return [];
  }
  // logs.go parallelConsumeRequest guard
  if (ctx.flags.bool('follow') && list.items.length > max) {
    throw new CmdError(`you are attempting to follow ${list.items.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  }
  return list.items;
}

/**
 * -f: print new lines as they come, reading the log again each virtual second with timestamps to
 * know where it left off, until the container is no longer running or Ctrl-C.
 */
async function follow(ctx: CommandContext, r: { pod: KubeObject; container: string }, opts: LogOptions): Promise<number> {
  const { env } = ctx;
  const pod = asPod(r.pod);
  const ns = pod.metadata.namespace ?? ctx.namespace;
  const read = () => env.api.logs(ns, pod.metadata.name, { container: r.container, previous: opts.previous, timestamps: true });
  let seen = (await read()).split('\n').filter(Boolean).length;
  // logs.go RunLogsContext: interrupt.New(nil, cancel) stops the stream, then os.Exit(1)
  const caught = env.interrupt.onInterrupt(() => undefined);
  try {
    while (!env.interrupt.interrupted) {
      await env.sleep(FOLLOW_POLL_MS);
      if (env.interrupt.interrupted) break;
      let lines: string[];
      try {
        lines = (await read()).split('\n').filter(Boolean);
      } catch (e) {
        if (isStatusError(e)) return 0; // the pod went away: the stream ends
        throw e;
      }
      // a restarted container starts a new log: follow kubectl, which ends with the old stream
      if (lines.length < seen) return 0;
      const fresh = lines.slice(seen);
      seen = lines.length;
      for (const l of fresh) env.stdout(`${opts.timestamps ? l : l.slice(l.indexOf(' ') + 1)}\n`);
      if (!(await stillRunning(ctx, ns, pod.metadata.name, r.container))) return 0;
    }
    return INTERRUPTED_EXIT;
  } finally {
    caught();
  }
}

async function stillRunning(ctx: CommandContext, ns: string, name: string, container: string): Promise<boolean> {
  try {
    const obj = (await ctx.env.api.get('pods', ns, name)) as unknown as {
      status?: { containerStatuses?: { name: string; state?: { running?: unknown } }[]; initContainerStatuses?: { name: string; state?: { running?: unknown } }[] };
    };
    const all = [...(obj.status?.containerStatuses ?? []), ...(obj.status?.initContainerStatuses ?? [])];
    return !!all.find((c) => c.name === container)?.state?.running;
  } catch {
    return false;
  }
}
