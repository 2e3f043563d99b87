// `kubectl create deployment NAME --image=IMAGE [-- COMMAND...]` (kubectl pkg/cmd/create/create_deployment.go):
// a Deployment labelled app=NAME with one container per image, named after the image.
import type { KubeObject } from '../../../engine';
import type { CommandDef } from '../../command';
import { CmdError } from '../../errors';
import { FlagError } from '../../flags';
import { enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, prepare } from './generator';

export const createDeployment: CommandDef = {
  name: 'deployment',
  aliases: ['deploy'],
  use: 'deployment NAME --image=image -- [COMMAND] [args...]',
  short: 'Create a deployment with the specified name',
  long: 'Create a deployment that runs the given image(s). Its pods are labelled app=NAME and the deployment selects them by that label. Words after -- become the container\'s command.',
  example: `# A deployment running nginx
kubectl create deployment web --image=nginx

# Three replicas, with the container port recorded
kubectl create deployment web --image=nginx --replicas=3 --port=80

# A busybox deployment running a command
kubectl create deployment sleeper --image=busybox -- sleep 3600

# Start a manifest file instead of creating anything
kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml`,
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'image', type: 'stringSlice', usage: 'The image(s) to run, one container each (repeat the flag or separate by commas).' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort of the first container.' },
    { name: 'replicas', shorthand: 'r', type: 'int', default: 1, usage: 'How many pods the deployment keeps running.' },
  ],
  async run(ctx) {
    const { flags } = ctx;
    const images = flags.strings('image');
    // cobra MarkFlagRequired("image"), checked before the command runs
    if (!flags.changed('image')) throw new CmdError('required flag(s) "image" not set');
    const name = nameFromArgs(ctx);
    const command = ctx.args.slice(1);
    const finish = prepare(ctx);
    // create_deployment.go Validate
    if (images.length > 1 && command.length) throw new CmdError('cannot specify multiple --image options and command');
    const labels = { app: name };
    const containers: Record<string, unknown>[] = images.map((image) => {
      const c: Record<string, unknown> = { name: containerName(image, ctx.env.now()), image };
      if (command.length) c.command = command;
      c.resources = {};
      return c;
    });
    const port = int32(flags.int('port'), '--port');
    // create_deployment.go createDeployment: the port goes on the first container only
    if (port >= 0 && containers.length) containers[0] = withPorts(containers[0]!, port);
    const metadata: Record<string, unknown> = { name, namespace: enforcedNamespace(ctx), creationTimestamp: null, labels };
    if (!metadata.namespace) delete metadata.namespace;
    const deploy = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata,
      spec: {
        replicas: int32(flags.int('replicas'), '--replicas'),
        selector: { matchLabels: labels },
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        strategy: {},
      },
      status: {},
    };
    await finish({ resource: 'deployments', object: deploy as unknown as KubeObject, failure: (m) => `failed to create deployment: ${m}` });
  },
};

/** Container fields in the Go struct's order: name, image, command, ports, resources. */
function withPorts(c: Record<string, unknown>, port: number): Record<string, unknown> {
  const { resources, ...rest } = c;
  return { ...rest, ports: [{ containerPort: port }], resources };
}

/** pflag Int32Var: values outside int32 fail to parse. */
function int32(n: number, flag: string): number {
  // pflag int32.go Set: strconv.ParseInt(s, 0, 32), reported as a flag error
  if (n > 2147483647 || n < -2147483648) throw new FlagError(`invalid argument "${n}" for "${flag}" flag: strconv.ParseInt: parsing "${n}": value out of range`);
  return n;
}

/** create_deployment.go buildPodSpec: the last path segment of the image without tag or digest. */
export function containerName(image: string, seed: number): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  return sanitizeAndUniquify(name, seed);
}

// create_deployment.go sanitizeAndUniquify: "_" and "." become "-" plus a 5-character suffix
// (utilrand.String's alphabet). Podlab derives the suffix from the name and the virtual time.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function sanitizeAndUniquify(name: string, seed: number): string {
  if (!/[_.]/.test(name)) return name;
  let h = seed >>> 0;
  for (const ch of name) h = (Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0);
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
    suffix += SUFFIX_ALPHABET[h % SUFFIX_ALPHABET.length];
  }
  return `${name.replace(/[_.]/g, '-')}-${suffix}`;
}
