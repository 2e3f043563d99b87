// `kubectl get -w` and `--watch-only` (kubectl pkg/cmd/get/get.go watch): one resource type; the
// objects as they are now, then a row (or an object) for every change, until Ctrl-C. It is its
// own path in get.go, not the list's: no "No resources found", no multi-kind tables, and one tab
// writer for the whole watch, so the rows that come later keep the widths of the columns above
// them (liggitt/tabwriter RememberWidths) and only ever widen them.
import type { KubeObject, WatchEvent } from '../../engine';
import type { CommandContext } from '../command';
import { INTERRUPTED_EXIT } from '../env';
import { CmdError } from '../errors';
import { genericPrinter, HumanReadablePrinter, type OutputFormat, type ResourcePrinter } from '../printers';
import { goJSONString, marshalJSON } from '../printers/json';
import { sortObjects } from '../printers/sort';
import { buildTable } from '../printers/table/handlers';
import { KUBECTL_TABWRITER, TabWriter } from '../printers/tabwriter';
import { fetchTarget, type Target } from '../resource/builder';

export async function watchTargets(ctx: CommandContext, targets: Target[], format: OutputFormat): Promise<number> {
  const { env, flags } = ctx;
  const watchOnly = flags.bool('watch-only');
  const sortBy = flags.string('sort-by');
  if (sortBy) {
    // get.go Complete: the --watch case comes first
    env.stderr(flags.bool('watch') ? 'warning: --watch requested, --sort-by will be ignored for watch events received\n' : 'warning: --watch-only requested, --sort-by will be ignored\n');
  }
  if (new Set(targets.map((t) => `${t.resource.resource}.${t.resource.group}`)).size > 1) {
    if (!flags.strings('filename').length) {
      // cli-runtime resource/builder.go resourceMappings, under SingleResourceType()
      throw new CmdError('you may only specify a single resource type');
    }
    // get.go watch, multipleGVKsRequested
    throw new CmdError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  const t = targets[0];
  if (!t) return 0;
  // the builder stops at the first object it cannot get: nothing is printed then
  let objects: KubeObject[] = [];
  for (const target of targets) objects.push(...(await fetchTarget(ctx, target)));
  if (sortBy && !watchOnly) objects = sortObjects(objects, sortBy);

  const withEvents = flags.bool('output-watch-events');
  const print = watchPrinter(ctx, t, format);
  if (!watchOnly) {
    const err = print(objects, 'ADDED', withEvents);
    // get.go watch: "unable to output the provided object: %v"
    if (err) throw new CmdError(`unable to output the provided object: ${err.message}`);
  }

  const fieldSelector = t.kind === 'name' ? `metadata.name=${t.name}` : t.fieldSelector;
  const labelSelector = t.kind === 'list' ? t.labelSelector : undefined;
  return new Promise<number>((resolve) => {
    const stop = env.api.watch(t.resource.resource, { namespace: t.namespace, fieldSelector, labelSelector }, (e: WatchEvent) => {
      if (!print([e.object as KubeObject], e.type, withEvents)) return;
      // get.go watch: a printer error ends UntilWithoutRetry, but intr.Run's error is dropped and
      // watch returns nil: kubectl stops, silent, with status 0
      stop();
      resolve(0);
    });
    env.interrupt.onInterrupt(() => {
      stop();
      // get.go watch: interrupt.New(nil, cancel), and the signal ends kubectl with status 1
      resolve(INTERRUPTED_EXIT);
    });
  });
}

/** Prints objects (as `type` events with --output-watch-events); an error ends the watch. */
type Print = (objects: KubeObject[], type: WatchEvent['type'], withEvents: boolean) => CmdError | undefined;

/** get.go watch: one printer and one tab writer, flushed after the first objects and after every event. */
function watchPrinter(ctx: CommandContext, t: Target, format: OutputFormat): Print {
  const { env, flags } = ctx;
  if (format.kind !== 'table') {
    const generic: ResourcePrinter = genericPrinter(format, {
      allowMissingTemplateKeys: flags.bool('allow-missing-template-keys'), noHeaders: flags.bool('no-headers'), readFile: (p) => env.files.read(p),
    });
    return (objects, type, withEvents) => {
      for (const object of objects) {
        if (withEvents && format.kind === 'json') {
          // cli-runtime json.go PrintObj: a metav1.WatchEvent is json.Marshal'ed, on one line, type first
          env.stdout(`{"type":${goJSONString(type)},"object":${marshalJSON(object)}}\n`);
          continue;
        }
        // name.go PrintObj prints the event's object; the other printers see {type, object}
        const r = generic.print(withEvents && format.kind !== 'name' ? { type, object } : object);
        env.stdout(r.stdout);
        if (r.error) return r.error;
      }
      return undefined;
    };
  }
  const { resource } = t;
  const printer = new HumanReadablePrinter({
    wide: flags.string('output') === 'wide',
    noHeaders: flags.bool('no-headers'),
    showLabels: flags.bool('show-labels'),
    columnLabels: flags.strings('label-columns'),
    withNamespace: flags.bool('all-namespaces') && resource.namespaced,
    withKind: flags.bool('show-kind'),
    kind: resource.group ? `${resource.kind}.${resource.group}` : resource.kind,
  });
  const w = new TabWriter(KUBECTL_TABWRITER);
  return (objects, type, withEvents) => {
    printer.printTable(buildTable(resource.kind, objects, { now: env.now() }), w, withEvents ? type : undefined);
    env.stdout(w.flush());
    return undefined;
  };
}
