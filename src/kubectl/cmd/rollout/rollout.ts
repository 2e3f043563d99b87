// `kubectl rollout` (kubectl pkg/cmd/rollout): status, restart, history, pause and resume of
// deployments.
import type { KubeObject } from '../../../engine';
import { INTERRUPTED_EXIT } from '../../env';
import type { CommandContext, CommandDef } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { buildTargets, fetchTarget, type Target } from '../../resource/builder';
import { kindRef } from '../../resource/ref';
import { toRFC3339 } from '../../../engine';
import { TabWriter } from '../../printers/tabwriter';
import { deploymentRolloutStatus } from './deployment-status';
import { undo } from './undo';

// rollout.go: the kinds each subcommand handles in Podlab (daemonsets and statefulsets are not simulated)
const ROLLOUT_KINDS = new Set(['deployments']);

const selectionFlags = [
  { name: 'filename', shorthand: 'f', type: 'stringSlice' as const, usage: 'The objects described in these files.' },
  { name: 'recursive', shorthand: 'R', type: 'bool' as const, usage: 'Also read folders inside the folders given with -f.' },
  { name: 'selector', shorthand: 'l', type: 'string' as const, usage: 'Label selector choosing the objects.' },
];

/** The deployments the command names, with rollout.go's error for other kinds. */
async function deployments(ctx: CommandContext): Promise<{ t: Target; obj: KubeObject }[]> {
  const { flags } = ctx;
  // rollout subcommands: cmdutil.UsageErrorf / "required resource not specified"
  if (!ctx.args.length && !flags.strings('filename').length) throw new CmdError('required resource not specified');
  const targets = await buildTargets(ctx, { args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: flags.string('selector') });
  const out: { t: Target; obj: KubeObject }[] = [];
  for (const t of targets) {
    for (const obj of await fetchTarget(ctx, t)) {
      // polymorphichelpers: "no status viewer has been implemented for %v" (and the like for other verbs)
      if (!ROLLOUT_KINDS.has(t.resource.resource)) throw new CmdError(`no status viewer has been implemented for ${t.resource.kind}.${t.resource.group}`.replace(/\.$/, ''));
      out.push({ t, obj });
    }
  }
  return out;
}

const status: CommandDef = {
  name: 'status',
  use: 'status (TYPE NAME | TYPE/NAME) [flags]',
  short: 'Show the status of the rollout',
  long: 'Follow a deployment\'s rollout until every replica runs the new version (or until Ctrl-C). With --watch=false, print where it is now and return.',
  example: '# Wait for deployment web to finish rolling out\nkubectl rollout status deployment/web',
  flags: [
    ...selectionFlags,
    { name: 'watch', shorthand: 'w', type: 'bool', default: true, usage: 'Keep watching until the rollout is done.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'Give up after this long (0: never).' },
    { name: 'revision', type: 'int', default: 0, usage: 'Follow this revision (0: the latest).' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const [first] = await deployments(ctx);
    if (!first) return 0;
    const meta = first.obj.metadata as { name: string; namespace?: string };
    const check = (obj: KubeObject): boolean => {
      const s = deploymentRolloutStatus(obj as never);
      if (s.error) throw new CmdError(s.error);
      // rollout_status.go Run: the status is printed on every Added or Modified event, repeats too
      env.stdout(s.message);
      return s.done;
    };
    if (check(first.obj) || !flags.bool('watch')) return 0;
    const timeout = flags.duration('timeout');
    return new Promise<number>((resolve, reject) => {
      const stops: (() => void)[] = [];
      const end = (f: () => void) => {
        for (const s of stops) s();
        f();
      };
      stops.push(
        env.api.watch(first.t.resource.resource, { namespace: meta.namespace, fieldSelector: `metadata.name=${meta.name}` }, (e) => {
          try {
            if (e.type === 'DELETED') end(() => reject(new CmdError(`object has been deleted`)));
            else if (check(e.object as KubeObject)) end(() => resolve(0));
          } catch (err) {
            end(() => reject(err));
          }
        }),
      );
      // rollout_status.go Run: interrupt.New(nil, cancel)
      stops.push(env.interrupt.onInterrupt(() => end(() => resolve(INTERRUPTED_EXIT))));
      // rollout_status.go: "timed out waiting for the condition"
      if (timeout > 0) void env.sleep(timeout).then(() => end(() => reject(new CmdError('timed out waiting for the condition'))));
    });
  },
};

const restart: CommandDef = {
  name: 'restart',
  use: 'restart RESOURCE',
  short: 'Restart a resource',
  long: 'Replace every pod of a deployment with a new one, rolling as an update would (the pod template gets a restartedAt annotation).',
  example: '# Restart the pods of deployment web\nkubectl rollout restart deployment/web',
  flags: selectionFlags,
  async run(ctx) {
    const errors: unknown[] = [];
    for (const { t, obj } of await deployments(ctx)) {
      const meta = obj.metadata as { name: string; namespace?: string };
      // polymorphichelpers/objectrestarter.go: the restartedAt annotation on the pod template
      const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': toRFC3339(ctx.env.now()) } } } } };
      try {
        await ctx.env.api.patch(t.resource.resource, meta.namespace, meta.name, 'strategic', patch);
        ctx.env.stdout(`${kindRef(t.resource)}/${meta.name} restarted\n`);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};

const history: CommandDef = {
  name: 'history',
  use: 'history (TYPE NAME | TYPE/NAME) [flags]',
  short: 'View rollout history',
  long: 'List the revisions of a deployment: one per pod template it has rolled out, kept in its replica sets.',
  example: '# The revisions of deployment web\nkubectl rollout history deployment/web',
  flags: [...selectionFlags, { name: 'revision', type: 'int', default: 0, usage: 'Show the pod template of this revision.' }],
  async run(ctx) {
    for (const { t, obj } of await deployments(ctx)) {
      const meta = obj.metadata as { name: string; namespace?: string; uid: string };
      const rsList = await ctx.env.api.list('replicasets', { namespace: meta.namespace });
      const revisions = new Map<number, KubeObject>();
      for (const rs of rsList.items) {
        const m = rs.metadata as { ownerReferences?: { uid: string }[]; annotations?: Record<string, string> };
        if (!m.ownerReferences?.some((o) => o.uid === meta.uid)) continue;
        const rev = Number(m.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
        if (rev) revisions.set(rev, rs);
      }
      // history.go DeploymentHistoryViewer.ViewHistory: a tabbed REVISION / CHANGE-CAUSE table (tabwriter 0, 8, 2)
      const w = new TabWriter({ minwidth: 0, padding: 2, rememberWidths: false });
      w.writeCells(['REVISION', 'CHANGE-CAUSE']);
      for (const rev of [...revisions.keys()].sort((a, b) => a - b)) {
        const cause = (revisions.get(rev)!.metadata as { annotations?: Record<string, string> }).annotations?.['kubernetes.io/change-cause'];
        w.writeCells([String(rev), cause || '<none>']);
      }
      // history.go: the object name, a space, then the table and a blank line
      ctx.env.stdout(`${kindRef(t.resource)}/${meta.name} \n${w.flush()}\n`);
    }
    return 0;
  },
};

function pauseCommand(name: 'pause' | 'resume'): CommandDef {
  const paused = name === 'pause';
  return {
    name,
    use: `${name} RESOURCE`,
    short: paused ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    long: paused ? 'Stop a deployment from rolling out changes to its pod template until it is resumed.' : 'Let a paused deployment roll out its pending changes.',
    flags: selectionFlags,
    async run(ctx) {
      for (const { t, obj } of await deployments(ctx)) {
        const meta = obj.metadata as { name: string; namespace?: string };
        const already = !!(obj.spec as { paused?: boolean } | undefined)?.paused === paused;
        // pause.go / resume.go: "already paused" / "already resumed" are errors
        if (already) throw new CmdError(`${kindRef(t.resource)}/${meta.name} is already ${paused ? 'paused' : 'resumed'}`);
        await ctx.env.api.patch(t.resource.resource, meta.namespace, meta.name, 'merge', { spec: { paused: paused || null } });
        ctx.env.stdout(`${kindRef(t.resource)}/${meta.name} ${paused ? 'paused' : 'resumed'}\n`);
      }
      return 0;
    },
  };
}

export const rollout: CommandDef = {
  name: 'rollout',
  group: 'Deploy Commands',
  use: 'rollout SUBCOMMAND',
  short: 'Manage the rollout of a resource',
  long: 'Follow and steer how a deployment replaces its pods when its pod template changes.\n\n Valid resource types include:\n\n  *  deployments',
  example: '# Follow the rollout of deployment web\nkubectl rollout status deployment/web\n\n# Restart its pods\nkubectl rollout restart deployment/web',
  subcommands: [history, pauseCommand('pause'), restart, pauseCommand('resume'), status, undo],
};
