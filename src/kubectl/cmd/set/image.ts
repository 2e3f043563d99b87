// `kubectl set image` (kubectl pkg/cmd/set/set_image.go): change container images of pods,
// deployments and replica sets: `CONTAINER=IMAGE` pairs, `*=IMAGE` for every container.
import type { KubeObject } from '../../../engine';
import type { CommandDef } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { buildTargets, fetchTarget, NO_RESOURCES_GIVEN } from '../../resource/builder';
import { kindRef } from '../../resource/ref';
import { dryRunFlag, dryRunOf, dryRunSuffix } from '../shared-flags';

interface ContainerLike {
  name: string;
  image?: string;
}

/** The pod spec of a pod, or of a workload's pod template. */
function podSpecOf(obj: KubeObject): { containers: ContainerLike[]; initContainers?: ContainerLike[] } | undefined {
  const spec = obj.spec as { containers?: ContainerLike[]; template?: { spec?: { containers: ContainerLike[] } } } | undefined;
  if (spec?.containers) return spec as { containers: ContainerLike[] };
  return spec?.template?.spec;
}

export const setImage: CommandDef = {
  name: 'image',
  use: 'image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
  short: 'Update the image of a pod template',
  long: 'Change the image of containers: in a pod (the only change a running pod allows), or in a deployment\'s pod template, which rolls out new pods.',
  example: `# Move deployment web's container web to nginx 1.27
kubectl set image deployment/web web=nginx:1.27

# Every container of pod web
kubectl set image pod/web '*=nginx:alpine'`,
  flags: [
    { name: 'all', type: 'bool', usage: 'Every object of the given type in the namespace.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector choosing the objects.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The objects described in these files.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Also read folders inside the folders given with -f.' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: name.' },
    { name: 'local', type: 'bool', usage: 'Not available in Podlab.', hidden: true },
    dryRunFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const pairs = ctx.args.filter((a) => a.includes('='));
    const objects = ctx.args.filter((a) => !a.includes('='));
    // [REAL] kubectl v1.32 set image with no object
    if (!objects.length && !flags.strings('filename').length) throw new CmdError(NO_RESOURCES_GIVEN);
    if (!pairs.length) throw new CmdError('at least one image update is required');
    const images: Record<string, string> = {};
    for (const p of pairs) {
      const eq = p.indexOf('=');
      if (eq <= 0 || eq === p.length - 1) throw new CmdError(`invalid image update: ${p}`);
      images[p.slice(0, eq)] = p.slice(eq + 1);
    }
    const dryRun = dryRunOf(flags);
    const targets = await buildTargets(ctx, { args: objects, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: flags.string('selector'), all: flags.bool('all') });
    const errors: unknown[] = [];
    for (const t of targets) {
      let found: KubeObject[];
      try {
        found = await fetchTarget(ctx, t);
      } catch (e) {
        errors.push(e);
        continue;
      }
      for (const obj of found) {
        const meta = obj.metadata as { name: string; namespace?: string };
        const spec = podSpecOf(obj);
        if (!spec) {
          errors.push(new CmdError(`${kindRef(t.resource)}/${meta.name} has no pod template`));
          continue;
        }
        const all = [...(spec.initContainers ?? []).map((c) => ({ c, list: 'initContainers' })), ...spec.containers.map((c) => ({ c, list: 'containers' }))];
        const patchLists: Record<string, { name: string; image: string }[]> = {};
        let changed = false;
        for (const [name, image] of Object.entries(images)) {
          const hits = name === '*' ? all : all.filter((x) => x.c.name === name);
          // set_image.go: `unable to find container named %q`
          if (!hits.length) {
            errors.push(new CmdError(`unable to find container named "${name}"`));
            continue;
          }
          for (const h of hits) {
            (patchLists[h.list] ??= []).push({ name: h.c.name, image });
            changed ||= h.c.image !== image;
          }
        }
        if (!Object.keys(patchLists).length) continue;
        const body = t.resource.resource === 'pods' ? { spec: patchLists } : { spec: { template: { spec: patchLists } } };
        try {
          if (changed && dryRun !== 'client') await env.api.patch(t.resource.resource, meta.namespace, meta.name, 'strategic', body, { dryRun: dryRun === 'server' });
        } catch (e) {
          errors.push(e);
          continue;
        }
        env.stdout(flags.string('output') === 'name' ? `${kindRef(t.resource)}/${meta.name}\n` : `${kindRef(t.resource)}/${meta.name} image updated${dryRunSuffix(dryRun)}\n`);
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};
