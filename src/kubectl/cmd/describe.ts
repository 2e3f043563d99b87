// `kubectl describe` (kubectl pkg/cmd/describe/describe.go): a readable report per object, by
// name, name prefix, selector, file or type; the describers themselves live in ../describe.
import { isStatusError, type KubeObject, type ResourceInfo } from '../../engine';
import type { CommandDef } from '../command';
import { AggregateError, CmdError } from '../errors';
import { describe as describeObject } from '../describe';
import { noResourcesFound } from '../printers';
import { buildTargets } from '../resource/builder';

export const describe: CommandDef = {
  name: 'describe',
  group: 'Troubleshooting and Debugging Commands',
  use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  short: 'Show details of a specific resource or group of resources',
  long: 'Show a readable report about objects: their settings, their state and the recent events about them — usually the first thing to look at when a pod does not start. A name that matches no object exactly describes every object whose name starts with it.',
  example: `# Describe pod web
kubectl describe pod web

# Describe every pod whose name starts with web
kubectl describe pods web

# Describe the pods labelled app=web
kubectl describe pods -l app=web

# Describe the node
kubectl describe node minikube`,
  flags: [
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector choosing the objects to describe.' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'Look in every namespace.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Describe the objects in these files.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Also read folders inside the folders given with -f.' },
    { name: 'show-events', type: 'bool', default: true, usage: 'Include the events about each object.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Accepted for compatibility (lists are not chunked in Podlab).' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    // [REAL] kubectl v1.32 describe without arguments (describe.go Complete)
    if (!ctx.args.length && !flags.strings('filename').length) {
      throw new CmdError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    const allNamespaces = flags.bool('all-namespaces');
    const targets = await buildTargets(ctx, {
      args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: flags.string('selector'), allNamespaces,
    });
    const settings = { showEvents: flags.bool('show-events'), now: env.now(), chunkSize: flags.int('chunk-size') };
    const found: { resource: ResourceInfo; namespace: string; name: string }[] = [];
    const errors: unknown[] = [];
    for (const t of targets) {
      if (t.kind === 'list') {
        const list = await env.api.list(t.resource.resource, { namespace: t.namespace, labelSelector: t.labelSelector, fieldSelector: t.fieldSelector });
        for (const o of list.items) found.push(ref(t.resource, o, ctx.namespace));
        continue;
      }
      try {
        await env.api.get(t.resource.resource, t.namespace, t.name);
        found.push({ resource: t.resource, namespace: t.namespace ?? '', name: t.name });
      } catch (e) {
        if (!isStatusError(e, 'NotFound') || t.manifest) {
          errors.push(e);
          continue;
        }
        // describe.go DescribeMatchingResources: no exact match → every object whose name starts with it
        const list = await env.api.list(t.resource.resource, { namespace: t.namespace });
        const matches = list.items.filter((o) => ((o.metadata ?? {}) as { name?: string }).name?.startsWith(t.name));
        if (!matches.length) errors.push(e);
        for (const o of matches) found.push(ref(t.resource, o, ctx.namespace));
      }
    }
    let first = true;
    for (const f of found) {
      try {
        const text = await describeObject(env.api, f.resource, f.namespace, f.name, settings);
        // describe.go Run: later objects are separated by a blank line
        env.stdout(first ? text : `\n\n${text}`);
        first = false;
      } catch (e) {
        errors.push(e);
      }
    }
    if (!found.length && !errors.length) env.stderr(noResourcesFound(allNamespaces || targets.some((t) => !t.resource.namespaced) ? undefined : ctx.namespace));
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};

function ref(resource: ResourceInfo, o: KubeObject, fallbackNs: string): { resource: ResourceInfo; namespace: string; name: string } {
  const meta = (o.metadata ?? {}) as { name?: string; namespace?: string };
  return { resource, namespace: resource.namespaced ? meta.namespace ?? fallbackNs : '', name: meta.name ?? '' };
}
