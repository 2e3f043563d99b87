// `kubectl attach (POD | TYPE/NAME) -c CONTAINER [-i] [-t]` (kubectl pkg/cmd/attach/attach.go, v1.32):
// join the running container's main process — its output from now on and, with -i, its stdin —
// until it ends, Ctrl-D closes its input, or Ctrl-C. `kubectl run -it` attaches the same way.
import type { KubeObject, StreamIO } from '../../engine';
import { attachablePod } from '../attachable-pod';
import type { CommandContext, CommandDef } from '../command';
import { CmdError } from '../errors';
import { asPod, defaultContainer, hasContainer } from '../pod-containers';

export const attach: CommandDef = {
  name: 'attach',
  group: 'Troubleshooting and Debugging Commands',
  use: 'attach (POD | TYPE/NAME) -c CONTAINER',
  short: 'Attach to a running container',
  long: 'Connect to the main process of a running container: see what it prints from now on and, with -i, type into its standard input. Unlike exec, no new process is started. Leave with Ctrl-C (or Ctrl-D, which also ends the input of the process).',
  example: `# Follow what the main process of pod web prints
kubectl attach web

# Type into the shell that pod tmp runs (it was started with kubectl run -it)
kubectl attach tmp -c tmp -i -t`,
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'The container to attach to (default: the first one).' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Pass what you type to the process.' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Use the container\'s terminal (the container must have tty: true).' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Do not print the prompt hints.' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'How long to wait for a running pod of a deployment or service.' },
  ],
  async run(ctx) {
    const { flags } = ctx;
    const args = ctx.args;
    // attach.go Validate
    if (!args.length) throw new CmdError('at least 1 argument is required for attach');
    if (args.length > 2) throw new CmdError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
    // attach.go Validate
    if (flags.duration('pod-running-timeout') <= 0) throw new CmdError('--pod-running-timeout must be higher than zero');
    const { pod } = await attachablePod(ctx, args.length === 2 ? `${args[0]}/${args[1]}` : args[0]!);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    // attach.go Run
    if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot attach a container in a completed pod; current phase is ${phase}`);
    return attachTo(ctx, pod, { container: flags.string('container'), stdin: flags.bool('stdin'), tty: flags.bool('tty'), quiet: flags.bool('quiet') });
  },
};

export interface AttachRequest {
  container: string;
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
}

interface ContainerSpec { name: string; tty?: boolean }

/** attach.go AttachOptions.Run from the container choice on: the hints, the stream, the reattach message. Returns the exit code. */
export async function attachTo(ctx: CommandContext, obj: KubeObject, req: AttachRequest): Promise<number> {
  const { env } = ctx;
  const pod = asPod(obj);
  const name = req.container || defaultContainer(pod, req.quiet, (w) => env.stderr(w));
  // podcmd.FindOrDefaultContainerByName, wrapped by attach.go Run
  if (!hasContainer(pod, name)) throw new CmdError(`cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}`);
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])] as ContainerSpec[];
  const container = containers.find((c) => c.name === name)!;
  let tty = req.tty;
  if (tty && !container.tty) {
    tty = false;
    // attach.go Run
    if (!req.quiet) env.stderr(`error: Unable to use a TTY - container ${name} did not allocate one\n`);
  } else if (!tty && container.tty) {
    tty = true;
  }
  // exec.go StreamOptions.SetupTTY: a terminal only when our input is one (then stderr joins stdout)
  let raw = tty && req.stdin && env.tty;
  if (tty && req.stdin && !env.tty) {
    // exec.go SetupTTY
    if (!req.quiet) env.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    raw = false;
  }
  // attach.go Run
  if (!req.quiet) env.stderr("If you don't see a command prompt, try pressing enter.\n");
  const code = await stream(ctx, pod.metadata.name, pod.metadata.namespace ?? ctx.namespace, { container: name, stdin: req.stdin, tty: raw }, raw);
  const restartPolicy = (pod.spec as { restartPolicy?: string }).restartPolicy ?? 'Always';
  if (!req.quiet && req.stdin && raw && restartPolicy === 'Always') {
    // attach.go reattachMessage
    const ephemeral = (pod.spec.ephemeralContainers ?? []).some((c) => c.name === name);
    env.stdout(ephemeral
      ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod.metadata.name} -c ${name} -i -t' if it is still running\n`
      : `Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${name} -i -t' command when the pod is running\n`);
  }
  return code;
}

/** The attach stream itself: until the process ends (its exit code) or Ctrl-C (130). */
function stream(ctx: CommandContext, pod: string, namespace: string, opts: { container: string; stdin: boolean; tty: boolean }, raw: boolean): Promise<number> {
  const { env } = ctx;
  return new Promise<number>((resolve, reject) => {
    let detach: (() => void) | undefined;
    let unsubscribe: (() => void) | undefined;
    let done = false;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      unsubscribe?.();
      detach?.();
      resolve(code);
    };
    const io: StreamIO = {
      // a raw terminal has one stream: stderr arrives on stdout (attach.go: DisableStderr)
      output: (s, data) => (s === 'stderr' && !raw ? env.stderr(data) : env.stdout(data)),
      close: () => finish(0),
    };
    env.api.attach(namespace, pod, opts, io).then((d) => {
      detach = d;
      if (done) return d();
      if (opts.stdin && env.onInput) unsubscribe = env.onInput((data) => io.onInput?.(data), () => io.onInputEnd?.());
      env.interrupt.onInterrupt(() => finish(130));
    }, reject);
  });
}
