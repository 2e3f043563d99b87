// `kubectl run NAME --image=IMAGE` (kubectl pkg/cmd/run/run.go and generate/versioned/run.go
// BasicPod): build a pod from flags, print it (--dry-run=client -o yaml) or create it, and with
// -i/-t attach to it (--rm deletes it afterwards).
import { isStatusError, lookupResource, type KubeObject } from '../../engine';
import { INTERRUPTED_EXIT } from '../env';
import type { CommandContext, CommandDef } from '../command';
import { CmdError, ExitError, UsageError } from '../errors';
import { genericPrinter, GENERIC_FORMATS, parseOutputFormat } from '../printers';
import { deletedLine, operationLine, warningLines } from '../resource/ref';
import { attachTo } from './attach';
import { dryRunFlag, dryRunOf, dryRunSuffix } from './shared-flags';
import { klogWarning } from '../klog';

export const run: CommandDef = {
  name: 'run',
  group: 'Basic Commands (Beginner)',
  use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
  short: 'Run a particular image on the cluster',
  long: 'Create a pod with one container from an image. Arguments after -- replace the image\'s default arguments (or, with --command, its command). Add --dry-run=client -o yaml to see the manifest instead of creating the pod — a quick way to start a YAML file.',
  example: `# Start an nginx pod
kubectl run web --image=nginx

# Start hello-app and say which port it listens on
kubectl run hello --image=gcr.io/google-samples/hello-app:1.0 --port=8080

# Print the manifest instead of creating the pod
kubectl run web --image=nginx --dry-run=client -o yaml

# A busybox pod that runs one command and is never restarted
kubectl run once --image=busybox --restart=Never -- sh -c 'echo hello'

# An interactive shell in a throwaway pod
kubectl run -it --rm tmp --image=busybox -- sh`,
  flags: [
    { name: 'image', type: 'string', usage: 'The image of the container.' },
    { name: 'port', type: 'string', usage: 'The port the container exposes.' },
    { name: 'env', type: 'stringArray', usage: 'An environment variable for the container (NAME=value); repeat the flag for more.' },
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Labels for the pod (k=v,k2=v2); default run=NAME.' },
    { name: 'annotations', type: 'stringArray', usage: 'An annotation for the pod (k=v).' },
    { name: 'restart', type: 'string', default: 'Always', usage: 'The pod\'s restartPolicy: Always, OnFailure or Never.' },
    { name: 'command', type: 'bool', usage: 'The arguments after -- are the command, not arguments to the image\'s command.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The container\'s imagePullPolicy (Always, IfNotPresent, Never).' },
    { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Keep stdin open and attach to it.' },
    { name: 'tty', shorthand: 't', type: 'bool', usage: 'Give the container a terminal.' },
    { name: 'rm', type: 'bool', usage: 'Delete the pod when the attached session ends (needs -i or -t).' },
    { name: 'attach', type: 'bool', usage: 'Wait for the pod to start and show its output.' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Do not print the prompt hints.' },
    { name: 'overrides', type: 'string', usage: 'A JSON merge patch applied to the generated pod.' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Print the pod in this format: json, yaml, name, jsonpath=..., go-template=...' },
    dryRunFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const args = ctx.args;
    const dashAt = flags.dashAt;
    const name = args[0];
    // run.go Complete: "NAME is required for run"
    if (!name || dashAt === 0) throw new UsageError('NAME is required for run');
    const image = flags.string('image');
    // cobra MarkFlagRequired("image")
    if (!image) throw new CmdError('required flag(s) "image" not set');
    const restart = flags.string('restart');
    // run.go getRestartPolicy
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new UsageError(`invalid restart policy: ${restart}`);
    const interactive = flags.bool('stdin');
    const tty = flags.bool('tty');
    // run.go Run: --attach defaults to -i
    const attaching = flags.changed('attach') ? flags.bool('attach') : interactive;
    // run.go Run
    if (tty && !interactive) throw new UsageError('-i/--stdin is required for containers with -t/--tty=true');
    if (flags.bool('rm') && !attaching) throw new UsageError('--rm should only be used for attached containers');
    const dryRun = dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w)));
    // run.go Run
    if (attaching && dryRun !== 'none') throw new UsageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    const rest = dashAt < 0 ? args.slice(1) : args.slice(dashAt);
    const pod = basicPod(ctx, name, image, rest, restart);
    const output = flags.string('output');
    const printer = output ? genericPrinter(parseOutputFormat({ output, allowed: GENERIC_FORMATS }) as never) : undefined;
    if (dryRun === 'client') {
      env.stdout(printer ? printer.print(pod).stdout : operationLine(POD_INFO, name, `created${dryRunSuffix(dryRun)}`));
      return 0;
    }
    const r = await env.api.create('pods', pod, { namespace: ctx.namespace, dryRun: dryRun === 'server', fieldValidation: 'Strict' });
    env.stderr(warningLines(r.warnings));
    if (!attaching) {
      env.stdout(printer ? printer.print(r.object).stdout : operationLine(POD_INFO, name, `created${dryRunSuffix(dryRun)}`));
      return 0;
    }
    try {
      return await attachRun(ctx, name, restart);
    } finally {
      // run.go Run: `defer o.removeCreatedObjects` (delete without waiting, not found ignored)
      if (flags.bool('rm')) await removePod(ctx, name);
    }
  },
};

/** run.go Run with --attach: wait for the pod, attach (or show its logs once it completed), then its exit code. */
async function attachRun(ctx: CommandContext, name: string, restart: string): Promise<number> {
  const { env, flags } = ctx;
  // run.go handleAttachPod: waitForPod(podRunningAndReady); a completed pod shows its logs instead
  const pod = await waitForPod(ctx, name, (p) => ready(p) || completed(p));
  // run.go waitForPod: interrupt.New(nil, cancel)
  if (!pod) return INTERRUPTED_EXIT;
  if (completed(pod)) {
    env.stdout(await env.api.logs(ctx.namespace, name, { container: name }));
  } else {
    const code = await attachTo(ctx, pod, { container: '', stdin: flags.bool('stdin'), tty: flags.bool('tty'), quiet: flags.bool('quiet') });
    if (code === 130) return code;
  }
  // run.go Run: only Never and OnFailure pods have an exit code worth waiting for
  if (restart === 'Always') return 0;
  const done = await waitForPod(ctx, name, restart === 'OnFailure' ? (p) => phaseOf(p) === 'Succeeded' : completed);
  if (!done) return INTERRUPTED_EXIT;
  const phase = phaseOf(done);
  if (phase === 'Succeeded') return 0;
  const terminated = (done.status as { containerStatuses?: { state?: { terminated?: { exitCode: number; reason?: string; message?: string } } }[] }).containerStatuses?.[0]?.state?.terminated;
  // run.go Run: "pod %s/%s failed with unknown exit code" / "pod %s/%s terminated (%s)\n%s" with the container's code
  if (!terminated || terminated.exitCode === 0) throw new CmdError(`pod ${ctx.namespace}/${name} failed with unknown exit code`);
  // (helpers.go checkErr prints an ExitError as is, adding the newline only when it is missing)
  throw new ExitError(`pod ${ctx.namespace}/${name} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}`.replace(/\n$/, ''), terminated.exitCode);
}

const phaseOf = (p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase ?? '';
const completed = (p: KubeObject) => phaseOf(p) === 'Succeeded' || phaseOf(p) === 'Failed';
// run.go podRunningAndReady
const ready = (p: KubeObject) => phaseOf(p) === 'Running' && !!(p.status as { conditions?: { type: string; status: string }[] }).conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/** run.go waitForPod: the pod once `until` holds (undefined after Ctrl-C). */
function waitForPod(ctx: CommandContext, name: string, until: (p: KubeObject) => boolean): Promise<KubeObject | undefined> {
  const { env } = ctx;
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const check = (p: KubeObject) => {
      if (!until(p)) return false;
      stop();
      resolve(p);
      return true;
    };
    stop = env.api.watch('pods', { namespace: ctx.namespace, fieldSelector: `metadata.name=${name}` }, (e) => {
      // run.go podRunningAndReady: a deleted pod is NotFound
      if (e.type === 'DELETED') {
        stop();
        reject(new CmdError(`pods "${name}" not found`));
        return;
      }
      check(e.object as KubeObject);
    });
    env.api.get('pods', ctx.namespace, name).then((p) => check(p), () => undefined);
    env.interrupt.onInterrupt(() => {
      stop();
      resolve(undefined);
    });
  });
}

/** run.go removeCreatedObjects: delete the pod as `kubectl delete` prints it, without waiting. */
async function removePod(ctx: CommandContext, name: string): Promise<void> {
  try {
    await ctx.env.api.delete('pods', ctx.namespace, name);
    ctx.env.stdout(deletedLine(POD_INFO, name));
  } catch (e) {
    // IgnoreNotFound
    if (!isStatusError(e, 'NotFound')) throw e;
  }
}

const POD_INFO = lookupResource('pods')!;

/** generate/versioned/run.go BasicPod.Generate: the object `kubectl run` sends. */
function basicPod(ctx: CommandContext, name: string, image: string, rest: string[], restart: string): KubeObject {
  const { flags } = ctx;
  const labels = flags.string('labels') ? parseKV(flags.string('labels').split(','), 'labels') : { run: name };
  const container: Record<string, unknown> = { name, image };
  if (rest.length) container[flags.bool('command') ? 'command' : 'args'] = rest;
  const env = flags.strings('env').map((e) => {
    const eq = e.indexOf('=');
    // run.go: "invalid env: %v"
    if (eq <= 0) throw new CmdError(`invalid env: ${e}`);
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
  if (env.length) container.env = env;
  const port = flags.string('port');
  if (port) {
    const n = Number(port);
    // run.go updatePodPorts: strconv.Atoi
    if (!/^\d+$/.test(port)) throw new CmdError(`strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: n }];
  }
  if (flags.string('image-pull-policy')) container.imagePullPolicy = flags.string('image-pull-policy');
  container.resources = {};
  if (flags.bool('stdin')) container.stdin = true;
  if (flags.bool('stdin') && !flags.bool('tty')) container.stdinOnce = true;
  if (flags.bool('tty')) container.tty = true;
  const metadata: Record<string, unknown> = { creationTimestamp: null, labels, name };
  const annotations = flags.strings('annotations');
  if (annotations.length) metadata.annotations = parseKV(annotations, 'annotations');
  let pod: Record<string, unknown> = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
  if (flags.string('overrides')) pod = mergePatch(pod, parseOverrides(flags.string('overrides'))) as Record<string, unknown>;
  return pod as unknown as KubeObject;
}

function parseKV(items: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const it of items) {
    const eq = it.indexOf('=');
    // [REAL] kubectl v1.32: "unexpected label spec: %s" (generate.ParseLabels); annotations likewise
    if (eq <= 0) throw new CmdError(`unexpected ${what === 'labels' ? 'label' : 'annotation'} spec: ${it}`);
    out[it.slice(0, eq)] = it.slice(eq + 1);
  }
  return out;
}

function parseOverrides(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CmdError(`error: unable to parse "${text}": ${(e as Error).message}`);
  }
}

/** RFC 7386 JSON merge patch (overrides are applied this way by default). */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
