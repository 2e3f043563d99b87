// `kubectl exec` (kubectl pkg/cmd/exec/exec.go): run a command in a container of a running pod,
// streaming its output; with -it an interactive session fed by what the learner types.
import type { StreamIO } from '../../engine';
import { attachablePod } from '../attachable-pod';
import type { CommandDef } from '../command';
import { CmdError, ExitError, UsageError } from '../errors';
import { asPod, defaultContainer } from '../pod-containers';

export const exec: CommandDef = {
  name: 'exec',
  group: 'Troubleshooting and Debugging Commands',
  use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  short: 'Execute a command in a container',
  long: 'Run a command inside a running container and show its output. Everything after -- is the command. With -i the command reads what you type, and -t gives it a terminal, so -it opens an interactive shell (leave it with exit or Ctrl-D).',
  example: `# Run date in pod web (its first container)
kubectl exec web -- date

# List files in container sidecar of pod web
kubectl exec web -c sidecar -- ls /data

# Open a shell in pod web
kubectl exec -it web -- /bin/sh`,
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'The container to run the command in (default: the first one).' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Pass what you type to the command.' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Give the command a terminal.' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only print what the command prints.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Use the pod described in this file.' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'How long to wait for the pod to be running.' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const dashAt = flags.dashAt;
    const args = ctx.args;
    const before = dashAt < 0 ? args : args.slice(0, dashAt);
    const command = dashAt < 0 ? args.slice(1) : args.slice(dashAt);
    // exec.go Complete: the pod comes before --, the command after it
    if (!before.length && !flags.strings('filename').length) throw new CmdError('pod, type/name or --filename must be specified');
    if (dashAt < 0 && args.length > 1) throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    if (before.length > 1) throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    if (!command.length) throw new CmdError('you must specify at least one command for the container');
    const { pod: obj, name } = await attachablePod(ctx, before[0]!);
    const pod = asPod(obj);
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    // exec.go Run: "cannot exec into a container in a completed pod; current phase is %s"
    if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = flags.string('container') || defaultContainer(pod, flags.bool('quiet'), (w) => env.stderr(w));
    const interactive = flags.bool('stdin');
    const tty = flags.bool('tty') && interactive && env.tty;
    // exec.go: -t without a terminal on our side
    if (flags.bool('tty') && !env.tty) env.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    const code = await new Promise<number>((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      const io: StreamIO = {
        output: (stream, data) => (stream === 'stderr' && !tty ? env.stderr(data) : env.stdout(data)),
        close: (exitCode) => {
          unsubscribe?.();
          resolve(exitCode ?? 0);
        },
      };
      env.api.exec(pod.metadata.namespace ?? ctx.namespace, name, { container, command, stdin: interactive, tty }, io).then(() => {
        if (interactive && env.onInput) unsubscribe = env.onInput((d) => io.onInput?.(d), () => io.onInputEnd?.());
        else if (interactive && env.readStdin) {
          // stdin is a file or a pipe (`exec -i pod -- sh -c 'cat > f' < f`): all of it, then EOF
          void env.readStdin().then((data) => {
            if (data) io.onInput?.(data);
            io.onInputEnd?.();
          });
        } else if (interactive) io.onInputEnd?.();
      }, reject);
    });
    // exec.go: a non-zero exit becomes "command terminated with exit code N" and kubectl's exit code
    if (code !== 0) throw new ExitError(`command terminated with exit code ${code}`, code);
    return 0;
  },
};
