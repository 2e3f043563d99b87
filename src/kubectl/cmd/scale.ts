// `kubectl scale` (kubectl pkg/cmd/scale/scale.go): set spec.replicas of deployments and
// replica sets, optionally only if they still have --current-replicas.
import type { KubeObject } from '../../engine';
import type { CommandDef } from '../command';
import { AggregateError, CmdError } from '../errors';
import { buildTargets, fetchTarget, NO_RESOURCES_GIVEN } from '../resource/builder';
import { kindRef } from '../resource/ref';
import { dryRunFlag, dryRunOf, dryRunSuffix } from './shared-flags';

const SCALABLE = new Set(['deployments', 'replicasets']);

export const scale: CommandDef = {
  name: 'scale',
  group: 'Deploy Commands',
  use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: 'Change how many pods a Deployment or ReplicaSet keeps running. Its controller then creates or deletes pods until the count matches.',
  example: `# Run three replicas of deployment web
kubectl scale deployment web --replicas=3

# Only if it has two now
kubectl scale deployment web --current-replicas=2 --replicas=3`,
  flags: [
    { name: 'replicas', type: 'int', default: 0, usage: 'The new number of replicas (required).' },
    { name: 'current-replicas', type: 'int', default: -1, usage: 'Only scale if the object has this many replicas now (-1: any).' },
    { name: 'resource-version', type: 'string', usage: 'Only scale if this is still the object\'s resourceVersion.' },
    { name: 'all', type: 'bool', usage: 'Every object of the given type in the namespace.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector choosing the objects.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The objects described in these files.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Also read folders inside the folders given with -f.' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: name.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'Accepted for compatibility (scale returns once the new size is set).' },
    dryRunFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    // cobra MarkFlagRequired("replicas"); scale.go Validate
    if (!flags.changed('replicas')) throw new CmdError('required flag(s) "replicas" not set');
    const replicas = flags.int('replicas');
    if (replicas < 0) throw new CmdError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const dryRun = dryRunOf(flags);
    const targets = await buildTargets(ctx, {
      args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: flags.string('selector'), all: flags.bool('all'),
    });
    if (!targets.length) throw new CmdError(NO_RESOURCES_GIVEN);
    const errors: unknown[] = [];
    for (const t of targets) {
      let objects: KubeObject[];
      try {
        objects = await fetchTarget(ctx, t);
      } catch (e) {
        errors.push(e);
        continue;
      }
      for (const obj of objects) {
        const meta = obj.metadata as { name: string; namespace?: string };
        // the scale subresource exists only for scalable kinds
        if (!SCALABLE.has(t.resource.resource)) {
          errors.push(new CmdError(`cannot scale ${kindRef(t.resource)}/${meta.name}: Podlab can scale deployments and replica sets`));
          continue;
        }
        const current = (obj.spec as { replicas?: number } | undefined)?.replicas ?? 1;
        const expected = flags.int('current-replicas');
        // scale.go ScalePrecondition.validate: "Expected replicas to be %d, was %d"
        if (expected >= 0 && expected !== current) {
          errors.push(new CmdError(`Expected replicas to be ${expected}, was ${current}`));
          continue;
        }
        const patch: Record<string, unknown> = { spec: { replicas } };
        if (flags.string('resource-version')) patch.metadata = { resourceVersion: flags.string('resource-version') };
        try {
          if (dryRun !== 'client') await env.api.patch(t.resource.resource, meta.namespace, meta.name, 'merge', patch, { dryRun: dryRun === 'server' });
        } catch (e) {
          errors.push(e);
          continue;
        }
        env.stdout(flags.string('output') === 'name' ? `${kindRef(t.resource)}/${meta.name}\n` : `${kindRef(t.resource)}/${meta.name} scaled${dryRunSuffix(dryRun)}\n`);
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};
