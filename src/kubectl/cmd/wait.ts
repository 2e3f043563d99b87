// `kubectl wait` (kubectl pkg/cmd/wait/wait.go RunWait, condition.go getObjAndCheckCondition,
// delete.go IsDeleted): for each object in turn, watch it on the virtual clock until the condition
// holds, printing `pod/web condition met`; one --timeout covers the whole command.
import { isStatusError, type KubeObject, type ResourceInfo } from '../../engine';
import { INTERRUPTED_EXIT } from '../env';
import type { CommandContext, CommandDef } from '../command';
import { AggregateError, CmdError } from '../errors';
import { buildTargets, fetchTarget, NO_RESOURCES_GIVEN, type Target } from '../resource/builder';
import { objectPrinter, outputFlag, templateFlag } from './object-output';
import { filenameFlags } from './shared-flags';
import { conditionFor, type WaitCondition } from './wait-conditions';
import { WAIT_FOREVER_MS } from './wait-util';

// wait.go: what the timeouts say
const WAIT_TIMEOUT = 'timed out waiting for the condition';

export const wait: CommandDef = {
  name: 'wait',
  group: 'Advanced Commands',
  use: "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]",
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: `Wait until objects reach a state, then print one line per object. --for says which state:

  condition=NAME[=VALUE]   a status condition (Ready, Available, ...) has that status (true by default)
  jsonpath='{.path}'=VALUE  a field has that value (or just exists, without =VALUE)
  delete                   the object is gone
  create                   the object exists

The command gives up after --timeout (30s by default) with an error; 0 checks once, a negative timeout waits a week.`,
  example: `# Wait until pod web is Ready
kubectl wait --for=condition=Ready pod/web

# Wait for every pod labelled app=web, at most two minutes
kubectl wait --for=condition=Ready pods -l app=web --timeout=2m

# Wait until a pod is running
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web

# Wait until pod web has been deleted
kubectl wait --for=delete pod/web --timeout=60s`,
  flags: [
    { name: 'for', type: 'string', usage: "What to wait for: create, delete, condition=NAME[=VALUE] or jsonpath='{.path}'[=VALUE]." },
    { name: 'timeout', type: 'duration', default: '30s', usage: 'How long to wait before giving up; 0 checks once, negative waits a week.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector choosing the objects.' },
    { name: 'field-selector', type: 'string', usage: 'Field selector choosing the objects.' },
    { name: 'all', type: 'bool', usage: 'Every object of the given types in the namespace.' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'With a selector or --all, look in every namespace.' },
    ...filenameFlags('that name the objects to wait for', true),
    outputFlag,
    templateFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const print = objectPrinter(env, flags.string('output'), flags.string('template'), 'none');
    const condition = conditionFor(flags.string('for'));
    const timeout = flags.duration('timeout');
    const effective = timeout < 0 ? WAIT_FOREVER_MS : timeout;
    const deadline = env.now() + effective;
    const targets = await buildTargets(ctx, {
      args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: flags.string('selector'),
      fieldSelector: flags.string('field-selector'), all: flags.bool('all'), allNamespaces: flags.bool('all-namespaces'), requireNames: true,
    });
    if (!targets.length) throw new CmdError(NO_RESOURCES_GIVEN);
    const waiter = new Waiter(ctx, deadline, effective === 0);
    if (condition.kind === 'create') {
      const r = await waiter.untilCreated(targets);
      // wait.go --for=create polls with no interrupt handler: kubectl dies of the signal
      if (r === 'interrupted') return 130;
      // wait.go RunWait: the poll's timeout, without an object name
      if (r === 'timeout') throw new CmdError(WAIT_TIMEOUT);
    }
    const errors: unknown[] = [];
    let visited = 0;
    for (const t of targets) {
      let objects: KubeObject[];
      try {
        objects = await fetchTarget(ctx, t);
      } catch (e) {
        // wait.go RunWait: --for=delete ignores objects that are already gone
        if (!(condition.kind === 'delete' && isStatusError(e, 'NotFound'))) errors.push(e);
        continue;
      }
      for (const obj of objects) {
        visited++;
        if (env.interrupt.interrupted) return INTERRUPTED_EXIT;
        try {
          const final = await waiter.forObject(t.resource, obj, condition);
          // condition.go ConditionalWait: interrupt.New(nil, cancel)
          if (final === 'interrupted') return INTERRUPTED_EXIT;
          print(t.resource, final, 'condition met');
        } catch (e) {
          errors.push(e);
        }
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    // wait.go errNoMatchingResources
    if (!visited && condition.kind !== 'delete') throw new CmdError('no matching resources found');
    return 0;
  },
};

class Waiter {
  constructor(private readonly ctx: CommandContext, private readonly deadline: number, private readonly checkOnce: boolean) {}

  /** wait.go RunWait --for=create: poll every 500ms until every named object exists. */
  async untilCreated(targets: Target[]): Promise<'done' | 'timeout' | 'interrupted'> {
    const { env } = this.ctx;
    for (;;) {
      let missing = false;
      for (const t of targets) {
        try {
          await fetchTarget(this.ctx, t);
        } catch (e) {
          if (!isStatusError(e, 'NotFound')) throw e;
          missing = true;
        }
      }
      if (!missing) return 'done';
      if (env.interrupt.interrupted) return 'interrupted';
      if (env.now() + 500 > this.deadline) return 'timeout';
      await env.sleep(500);
    }
  }

  /** The object once the condition holds (what kubectl prints), or a thrown error. */
  async forObject(info: ResourceInfo, obj: KubeObject, condition: WaitCondition): Promise<KubeObject | 'interrupted'> {
    const { env } = this.ctx;
    const meta = obj.metadata as { name: string; namespace?: string };
    const objectName = `${info.resource}/${meta.name}`;
    if (condition.kind === 'create') return obj;
    let current: KubeObject | undefined;
    try {
      current = await env.api.get(info.resource, meta.namespace, meta.name);
    } catch (e) {
      // delete.go IsDeleted: already gone
      if (condition.kind === 'delete' && isStatusError(e, 'NotFound')) return obj;
      throw e;
    }
    const met = (o: KubeObject) => condition.kind === 'check' && condition.met(o);
    if (met(current)) return current;
    // condition.go / delete.go: a zero timeout checks once
    if (this.checkOnce) throw new CmdError(`condition not met for ${objectName}`);
    // condition.go extendErrWaitTimeout: "%s on %s/%s"
    const timedOut = new CmdError(`${WAIT_TIMEOUT} on ${objectName}`);
    if (env.now() >= this.deadline) throw timedOut;
    return new Promise<KubeObject | 'interrupted'>((resolve, reject) => {
      const stops: (() => void)[] = [];
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        for (const s of stops) s();
        f();
      };
      stops.push(
        env.api.watch(info.resource, { namespace: meta.namespace, fieldSelector: `metadata.name=${meta.name}` }, (e) => {
          const o = e.object as KubeObject;
          try {
            // delete.go Wait.IsDeleted: the DELETED event; condition.go: deletions do not meet conditions
            if (condition.kind === 'delete') {
              if (e.type === 'DELETED') finish(() => resolve(current!));
            } else if (e.type !== 'DELETED' && met(o)) finish(() => resolve(o));
          } catch (err) {
            finish(() => reject(err));
          }
        }),
      );
      stops.push(env.interrupt.onInterrupt(() => finish(() => resolve('interrupted'))));
      void env.sleep(this.deadline - env.now()).then(() => finish(() => reject(timedOut)));
    });
  }
}
