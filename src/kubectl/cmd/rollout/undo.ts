// `kubectl rollout undo` (kubectl pkg/cmd/rollout/rollout_undo.go over polymorphichelpers
// rollback.go DeploymentRollbacker): put the pod template of an earlier revision — kept in the
// deployment's replica set of that revision — back into the deployment, which then rolls it out.
import type { KubeObject } from '../../../engine';
import type { CommandDef } from '../../command';
import { AggregateError, CmdError } from '../../errors';
import { buildTargets, fetchTarget } from '../../resource/builder';
import { LAST_APPLIED } from '../apply';
import { objectPrinter, outputFlag, templateFlag } from '../object-output';

// deploymentutil / appsv1: the annotations and label the rollback reads or leaves alone
const REVISION = 'deployment.kubernetes.io/revision';
const POD_TEMPLATE_HASH = 'pod-template-hash';
// rollback.go annotationsToSkip: the deployment keeps its own values of these
const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED, REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to',
]);

interface Template {
  metadata?: { labels?: Record<string, string> } & Record<string, unknown>;
  spec?: unknown;
}

interface Deployment extends KubeObject {
  spec: { paused?: boolean; template: Template };
}

export const undo: CommandDef = {
  name: 'undo',
  use: 'undo (TYPE NAME | TYPE/NAME) [flags]',
  short: 'Undo a previous rollout',
  long: 'Roll a deployment back to an earlier revision: its pod template becomes the one of that revision again (the previous one unless --to-revision says which), and the deployment rolls out pods with it as for any change. kubectl rollout history lists the revisions.',
  example: `# Go back to the previous revision of deployment web
kubectl rollout undo deployment/web

# Go back to revision 2
kubectl rollout undo deployment/web --to-revision=2`,
  flags: [
    { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to go back to (0: the one before the current).' },
    { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The objects described in these files.' },
    { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Also read folders inside the folders given with -f.' },
    { name: 'selector', shorthand: 'l', type: 'string', usage: 'Label selector choosing the objects.' },
    outputFlag,
    templateFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    // rollout_undo.go Validate
    if (!ctx.args.length && !flags.strings('filename').length) throw new CmdError('required resource not specified');
    const print = objectPrinter(env, flags.string('output'), flags.string('template'), 'none');
    const toRevision = flags.int('to-revision');
    const targets = await buildTargets(ctx, { args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), labelSelector: flags.string('selector') });
    const errors: unknown[] = [];
    for (const t of targets) {
      try {
        for (const obj of await fetchTarget(ctx, t)) {
          // rollback.go RollbackerFor: `no rollbacker has been implemented for %q` (the GroupKind)
          if (t.resource.resource !== 'deployments') throw new CmdError(`no rollbacker has been implemented for ${JSON.stringify(t.resource.group ? `${t.resource.kind}.${t.resource.group}` : t.resource.kind)}`);
          print(t.resource, obj, await rollback(ctx, obj as Deployment, toRevision));
        }
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    return 0;
  },
};

/** rollback.go DeploymentRollbacker.Rollback: the operation printed after the name. */
async function rollback(ctx: Parameters<NonNullable<CommandDef['run']>>[0], obj: Deployment, toRevision: number): Promise<string> {
  const api = ctx.env.api;
  // rollback.go revisionNotFoundErr
  if (toRevision < 0) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
  const { name, namespace } = obj.metadata as { name: string; namespace?: string };
  let deployment: Deployment;
  try {
    deployment = (await api.get('deployments', namespace, name)) as Deployment;
  } catch (e) {
    throw new CmdError(`failed to retrieve Deployment ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const rs = await revisionReplicaSet(ctx, deployment, toRevision);
  // rollback.go Rollback
  if (deployment.spec.paused) throw new CmdError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const template = withoutHash((rs.spec as { template: Template }).template);
  if (JSON.stringify(sorted(template)) === JSON.stringify(sorted(withoutHash(deployment.spec.template)))) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const annotations: Record<string, string> = {};
  const own = deployment.metadata.annotations ?? {};
  for (const k of ANNOTATIONS_TO_SKIP) if (k in own) annotations[k] = own[k]!;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  // rollback.go getDeploymentPatch: a JSON patch replacing the template and the annotations
  const patch = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    await api.patch('deployments', namespace, name, 'json', patch);
  } catch (e) {
    throw new CmdError(`failed restoring revision ${toRevision}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return 'rolled back';
}

/** rollback.go deploymentRevision: the replica set of that revision, or of the one before the latest. */
async function revisionReplicaSet(ctx: Parameters<NonNullable<CommandDef['run']>>[0], deployment: Deployment, toRevision: number): Promise<KubeObject> {
  const { uid, name, namespace } = deployment.metadata as { uid: string; name: string; namespace?: string };
  const owned = (await ctx.env.api.list('replicasets', { namespace })).items.filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((o) => o.uid === uid && o.controller));
  let latest: { rev: number; rs?: KubeObject } = { rev: -1 };
  let previous: { rev: number; rs?: KubeObject } = { rev: -1 };
  for (const rs of owned) {
    const raw = rs.metadata.annotations?.[REVISION];
    if (raw === undefined || !/^\d+$/.test(raw)) continue;
    const rev = Number(raw);
    if (toRevision === 0) {
      if (latest.rev < rev) {
        previous = latest;
        latest = { rev, rs };
      } else if (previous.rev < rev) previous = { rev, rs };
    } else if (rev === toRevision) return rs;
  }
  if (toRevision > 0) throw new CmdError(`unable to find specified revision ${toRevision} in history`);
  // rollback.go deploymentRevision
  if (!previous.rs) throw new CmdError(`no rollout history found for deployment ${JSON.stringify(name)}`);
  return previous.rs;
}

/** The template without the pod-template-hash label the controller adds to a replica set's copy. */
function withoutHash(t: Template): Template {
  const copy = structuredClone(t);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
  }
  return copy;
}

/** A value with its object keys sorted, so equal templates serialize alike. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}
