// `kubectl get` (kubectl pkg/cmd/get/get.go): tables by kind, or one of the -o formats; with
// -w the rows of every change that follows, until Ctrl-C (get-watch.ts).
import { isStatusError } from '../../engine';
import type { CommandContext, CommandDef } from '../command';
import { AggregateError, UsageError } from '../errors';
import {
  genericPrinter, GET_FORMATS, noResourcesFound, parseOutputFormat, printableObject, printGetTables, type OutputFormat, type PrintItem,
} from '../printers';
import { sortObjects } from '../printers/sort';
import { buildTargets, fetchTarget } from '../resource/builder';
import { watchTargets } from './get-watch';

export const get: CommandDef = {
  name: 'get',
  group: 'Basic Commands (Intermediate)',
  use: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  short: 'Display one or many resources',
  long: 'List objects as a table of their most useful fields, or print them whole as YAML or JSON, or pick fields out with jsonpath, custom columns or a Go template. Without a namespace flag you see the current namespace (default); -A shows every namespace. -w keeps the command open and prints a new row each time an object changes.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  example: `# Pods in the current namespace
kubectl get pods

# With their IP and node
kubectl get pods -o wide

# One pod, whole, as YAML
kubectl get pod web -o yaml

# Pods and services together
kubectl get pods,services

# Only the phase of pod web
kubectl get pod web -o jsonpath='{.status.phase}'

# Watch pods change until Ctrl-C
kubectl get pods -w`,
  flags: [
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: json, yaml, name, wide, jsonpath=..., jsonpath-file=..., custom-columns=..., custom-columns-file=..., go-template=..., go-template-file=...' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector, e.g. -l app=web,tier!=db or -l \'env in (dev,test)\'.' },
    { name: 'field-selector', type: 'string', usage: 'Field selector, e.g. --field-selector status.phase=Running (=, == and != on the fields each kind supports).' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'List objects in every namespace.' },
    { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing, keep printing objects as they change.' },
    { name: 'watch-only', type: 'bool', usage: 'Only print changes, not the current list.' },
    { name: 'output-watch-events', type: 'bool', usage: 'With --watch, print the kind of each change (ADDED, MODIFIED, DELETED).' },
    { name: 'show-labels', type: 'bool', usage: 'Add a LABELS column.' },
    { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'Add a column per label key, e.g. -L app,tier.' },
    { name: 'show-kind', type: 'bool', usage: 'Prefix names with their kind (pod/web).' },
    { name: 'no-headers', type: 'bool', usage: "Don't print the header line." },
    { name: 'sort-by', type: 'string', usage: 'Sort by a field given as a JSONPath expression, e.g. .metadata.creationTimestamp.' },
    { name: 'ignore-not-found', type: 'bool', usage: 'Print nothing (and succeed) for objects that do not exist.' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Get the objects described in these files.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Also read folders inside the folders given with -f.' },
    { name: 'template', type: 'string', usage: 'The template for -o go-template or -o jsonpath.' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'In templates, treat a missing field as empty instead of an error.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'Keep metadata.managedFields in JSON and YAML output.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Accepted for compatibility (lists are not chunked in Podlab).' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    if (!ctx.args.length && !flags.strings('filename').length) {
      // get.go Run: the hint goes to stderr before the usage error
      env.stderr('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      throw new UsageError('Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).');
    }
    const format = parseOutputFormat({ output: flags.string('output'), template: flags.string('template') || undefined, allowed: GET_FORMATS });
    const allNamespaces = flags.bool('all-namespaces');
    const targets = await buildTargets(ctx, {
      args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: flags.string('selector'),
      fieldSelector: flags.string('field-selector'), allNamespaces,
    });
    // get.go Run: a watch takes its own path
    if (flags.bool('watch') || flags.bool('watch-only')) return watchTargets(ctx, targets, format);
    const errors: unknown[] = [];
    const items: PrintItem[] = [];
    for (const t of targets) {
      try {
        for (const object of await fetchTarget(ctx, t)) items.push({ object, resource: t.resource });
      } catch (e) {
        if (!(flags.bool('ignore-not-found') && isStatusError(e, 'NotFound'))) errors.push(e);
      }
    }
    const sortBy = flags.string('sort-by');
    const printed = sortBy && format.kind !== 'table' ? sortItems(items, sortBy) : items;
    let out = '';
    if (format.kind === 'table') {
      const sorted = sortBy ? sortGroups(items, sortBy) : items;
      out = printGetTables(sorted, tableOptions(ctx), { now: env.now() });
    } else if (printed.length || targets.some((t) => t.kind === 'list')) {
      const printer = genericPrinter(format as Exclude<OutputFormat, { kind: 'table' }>, {
        allowMissingTemplateKeys: flags.bool('allow-missing-template-keys'), noHeaders: flags.bool('no-headers'), readFile: (p) => env.files.read(p),
      });
      const single = targets.length === 1 && targets[0]!.kind === 'name';
      const r = printer.print(printableObject(printed.map((i) => i.object), single, flags.bool('show-managed-fields')));
      out = r.stdout;
      if (r.error) errors.push(r.error);
    }
    env.stdout(out);
    if (format.kind === 'table' && !items.length && !errors.length && !flags.bool('ignore-not-found')) {
      // get.go: the namespace form unless -A or a cluster-scoped kind was requested
      env.stderr(noResourcesFound(allNamespaces || targets.some((t) => !t.resource.namespaced) ? undefined : ctx.namespace));
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};

function tableOptions(ctx: CommandContext) {
  const f = ctx.flags;
  return {
    wide: f.string('output') === 'wide',
    noHeaders: f.bool('no-headers'),
    showLabels: f.bool('show-labels'),
    columnLabels: f.strings('label-columns'),
    allNamespaces: f.bool('all-namespaces'),
    showKind: f.bool('show-kind'),
  };
}

/** Items in --sort-by order of their objects (a map back from object to item: no search per item). */
function sortItems(items: PrintItem[], sortBy: string): PrintItem[] {
  const byObject = new Map(items.map((i) => [i.object, i]));
  return sortObjects(items.map((i) => i.object), sortBy).map((o) => byObject.get(o)!);
}

/** get.go: tables are sorted per resource kind, keeping the kinds in request order. */
function sortGroups(items: PrintItem[], sortBy: string): PrintItem[] {
  const out: PrintItem[] = [];
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && items[j]!.resource === items[i]!.resource) j++;
    out.push(...sortItems(items.slice(i, j), sortBy));
    i = j;
  }
  return out;
}
