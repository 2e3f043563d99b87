// `kubectl events` (kubectl pkg/cmd/events/events.go and event_printer.go): the events of a
// namespace (or all, -A), oldest first, optionally only those about one object (--for TYPE/NAME)
// or of some types (--types=Warning); -w keeps printing new ones until Ctrl-C.
import type { KubeObject, WatchEvent } from '../../engine';
import { INTERRUPTED_EXIT } from '../env';
import type { CommandContext, CommandDef } from '../command';
import { CmdError } from '../errors';
import { eventsCommandCells, eventsCommandHeader, genericPrinter, GENERIC_FORMATS, KUBECTL_TABWRITER, omitManagedFields, parseOutputFormat, TabWriter, type OutputFormat, type ResourcePrinter } from '../printers';
import { resolveResource } from '../resource/builder';

export const events: CommandDef = {
  name: 'events',
  group: 'Troubleshooting and Debugging Commands',
  use: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
  short: 'List events',
  long: 'List the events of the namespace, oldest first: what the scheduler, the kubelet and the controllers reported about objects. Events are kept for an hour.',
  example: `# Events in the current namespace
kubectl events

# Only warnings, in every namespace
kubectl events -A --types=Warning

# What happened to pod web, and keep watching
kubectl events --for pod/web --watch`,
  flags: [
    { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing, keep printing new events.' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'Events of every namespace.' },
    { name: 'for', type: 'string', usage: 'Only the events about this object (TYPE/NAME, e.g. pod/web).' },
    { name: 'types', type: 'stringSlice', usage: 'Only events of these types: Normal, Warning.' },
    { name: 'no-headers', type: 'bool', usage: 'Leave out the header line.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'List in pages of this size (accepted, Podlab answers in one page).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Print the events as json, yaml, name, go-template=..., jsonpath=... .' },
    { name: 'template', type: 'string', usage: 'The template for -o go-template or -o jsonpath.' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'With a template output, print nothing instead of failing when a field is missing.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'Keep metadata.managedFields in json or yaml output.' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const all = flags.bool('all-namespaces');
    const fieldSelector = flags.string('for') ? forSelector(flags.string('for')) : undefined;
    // events.go ToOptions: the types, de-duplicated and sorted
    const types = [...new Set(flags.strings('types'))].sort();
    const output = flags.string('output');
    let generic: ResourcePrinter | undefined;
    if (output) {
      const format = parseOutputFormat({ output, template: flags.string('template') || undefined, allowed: GENERIC_FORMATS }) as Exclude<OutputFormat, { kind: 'table' }>;
      generic = genericPrinter(format, { readFile: (p) => env.files.read(p), allowMissingTemplateKeys: flags.bool('allow-missing-template-keys') });
    }
    // events.go Validate
    for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new CmdError('valid --types are Normal or Warning');
    const wanted = (e: KubeObject) => !types.length || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase());
    const namespace = all ? undefined : ctx.namespace;
    const printer = eventPrinter(ctx, all, generic);
    if (flags.bool('watch')) return watchEvents(ctx, namespace, fieldSelector, wanted, printer);
    const items = (await env.api.list('events', { namespace, fieldSelector })).items.filter(wanted);
    if (!items.length) {
      // events.go Run
      env.stderr(all ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    // events.go SortableEvents: by the time each event was last seen (stable, as a list from the server is ordered)
    const sorted = items.map((e, i) => ({ e, i, t: eventTime(e) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.e);
    printer(sorted, true);
    return 0;
  },
};

/** Prints the listed events as one EventList (`list`), or one watched event. */
type Print = (events: KubeObject[], list: boolean) => void;

/** EventPrinter (the table, header once) or the -o printer over the list or each watched event. */
function eventPrinter(ctx: CommandContext, all: boolean, generic: ResourcePrinter | undefined): Print {
  const { env, flags } = ctx;
  const w = new TabWriter(KUBECTL_TABWRITER);
  let headerDone = flags.bool('no-headers');
  const keepManaged = flags.bool('show-managed-fields');
  return (items, list) => {
    if (generic) {
      const strip = (o: KubeObject) => (keepManaged ? o : omitManagedFields(o));
      const r = generic.print(list ? { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: items.map(strip) } : strip(items[0]!));
      env.stdout(r.stdout);
      if (r.error) throw r.error;
      return;
    }
    if (!headerDone) w.write(`${eventsCommandHeader(all).join('\t')}\n`);
    headerDone = true;
    for (const e of items) w.write(`${eventsCommandCells(e, { now: env.now() }, all).join('\t')}\n`);
    env.stdout(w.flush());
  };
}

/** events.go runWatch: what exists now (as the watch's initial ADDED events), then each new or changed event; deletions are not printed. */
function watchEvents(ctx: CommandContext, namespace: string | undefined, fieldSelector: string | undefined, wanted: (e: KubeObject) => boolean, print: Print): Promise<number> {
  const { env } = ctx;
  return new Promise<number>((resolve, reject) => {
    const onEvent = (e: WatchEvent) => {
      const obj = e.object as KubeObject;
      if (e.type === 'DELETED' || !wanted(obj)) return;
      try {
        print([obj], false);
      } catch (err) {
        reject(err);
      }
    };
    env.api.list('events', { namespace, fieldSelector }).then((list) => {
      for (const e of list.items) onEvent({ type: 'ADDED', object: e });
      const stop = env.api.watch('events', { namespace, fieldSelector }, onEvent);
      env.interrupt.onInterrupt(() => {
        stop();
        // events.go runWatch: interrupt.New(nil, cancel)
        resolve(INTERRUPTED_EXIT);
      });
    }, reject);
  });
}

/** events.go ToOptions/decodeResourceTypeName, Run: the involvedObject field selector for --for TYPE/NAME. */
function forSelector(forObject: string): string {
  // events.go ToOptions: "--for must be in resource/name form"
  if (!forObject.includes('/')) throw new CmdError('--for must be in resource/name form');
  const seg = forObject.split('/');
  // events.go decodeResourceTypeName
  if (seg.length !== 2) throw new CmdError('arguments in resource/name form may not have more than one slash');
  const info = resolveResource(seg[0]!.toLowerCase());
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  return `involvedObject.kind=${info.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${seg[1]}`;
}

/** events.go eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: KubeObject): number {
  const ev = e as { series?: { lastObservedTime?: string }; lastTimestamp?: string; eventTime?: string };
  const t = ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime;
  return t ? Date.parse(t) : 0;
}
