// `kubectl apply -f` (kubectl pkg/cmd/apply/apply.go, client-side apply): create what does not
// exist, otherwise patch the live object with a three-way merge against the last-applied
// configuration it carries, and say `created`, `configured` or `unchanged` per object.
import { isStatusError, type KubeObject } from '../../engine';
import { MergeKeyError, threeWayMergePatch } from '../apply/three-way';
import type { CommandDef } from '../command';
import { AggregateError, addSourceToErr, CmdError, UsageError } from '../errors';
import { sortedJson, type Manifest } from '../resource/manifest';
import { buildTargets } from '../resource/builder';
import { kindRef, operationLine, warningLines } from '../resource/ref';
import { klogWarning } from '../klog';
import { dryRunFlag, dryRunOf, dryRunSuffix, fieldValidationOf, filenameFlags, validateFlag } from './shared-flags';

// apply/apply.go: the annotation that holds what was last applied
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const apply: CommandDef = {
  name: 'apply',
  group: 'Advanced Commands',
  use: 'apply (-f FILENAME | -k DIRECTORY)',
  short: 'Apply a configuration to a resource by file name or stdin',
  long:
    'Make the cluster match the objects in one or more files: objects that do not exist are created, objects that do are updated with the changes since the last apply. The file (YAML or JSON, several documents allowed) is the source of truth; apply remembers it in an annotation so that a field removed from the file is removed from the object too.',
  example: `# Create or update the objects in pod.yaml
kubectl apply -f pod.yaml

# Apply every manifest in a folder
kubectl apply -f manifests/

# Apply what arrives on standard input
cat pod.yaml | kubectl apply -f -`,
  flags: [
    ...filenameFlags('that contains the configuration to apply'),
    dryRunFlag,
    validateFlag,
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: only "name" (print kind/name of each object applied).' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration' },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
    { name: 'server-side', type: 'bool', usage: 'Not available in Podlab: apply runs client-side, as kubectl does by default.' },
    { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Not available in Podlab (no kustomize).' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const files = flags.strings('filename');
    // apply.go Validate: "error: must specify one of -f and -k"
    if (!files.length && !flags.string('kustomize')) throw new CmdError('must specify one of -f and -k');
    if (flags.string('kustomize')) throw new CmdError('kustomize is not available in Podlab');
    if (flags.bool('server-side')) throw new CmdError('--server-side is not available in Podlab; drop it to apply client-side');
    if (ctx.args.length) throw new UsageError(`Unexpected args: [${ctx.args.join(' ')}]`);
    const output = flags.string('output');
    // apply.go: only the name printer (and yaml/json, which Podlab prints as names) are offered here
    if (output && output !== 'name') throw new CmdError(`unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
    const dryRun = dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w)));
    const validate = flags.string('validate');
    fieldValidationOf(validate);
    // apply.go Run: the builder continues on error; what it read is applied, its errors come first
    const errors: unknown[] = [];
    const targets = await buildTargets(ctx, {
      args: [], filenames: files, recursive: flags.bool('recursive'), validate: validate !== 'false' && validate !== 'ignore', onError: (e) => errors.push(e),
    });
    // apply.go Run: "no objects passed to apply"
    if (!targets.length && !errors.length) throw new CmdError('no objects passed to apply');
    for (const t of targets) {
      if (t.kind !== 'name' || !t.manifest) continue;
      try {
        const op = await applyOne(ctx.env.api, t.manifest, t.namespace, { dryRun, fieldValidation: fieldValidationOf(validate), warn: (w) => env.stderr(w) });
        env.stdout(output === 'name' ? `${kindRef(t.resource)}/${t.name}\n` : operationLine(t.resource, t.name, `${op}${dryRunSuffix(dryRun)}`));
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length) throw new AggregateError(errors);
  },
};

interface ApplyOptions {
  dryRun: 'none' | 'client' | 'server';
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
  warn(text: string): void;
}

type Api = Parameters<NonNullable<CommandDef['run']>>[0]['env']['api'];

/** Apply one object; returns the operation word. */
export async function applyOne(api: Api, m: Manifest, namespace: string | undefined, o: ApplyOptions): Promise<'created' | 'configured' | 'unchanged'> {
  const meta = (m.object.metadata ?? {}) as { name?: unknown; generateName?: unknown };
  // unstructured GetName/GetGenerateName: anything but a string reads as ""
  const name = typeof meta.name === 'string' ? meta.name : '';
  // apply.go applyOneObject: apply needs a name to look the object up, so generateName is refused
  if (!name && typeof meta.generateName === 'string' && meta.generateName) throw new CmdError(`from ${meta.generateName}: cannot use generate name with apply`);
  // apply.go applyOneObject: info.Get() fails in client-go before any request (request.go Name:
  // "resource name may not be empty"), wrapped with "retrieving current configuration of"
  if (!name) throw new CmdError(`error when retrieving current configuration of:\n${infoString(m, name, namespace)}\nfrom server for: ${JSON.stringify(m.source)}: resource name may not be empty`);
  const modified = withLastApplied(m.object, namespace);
  let current: KubeObject | undefined;
  try {
    current = await api.get(m.resource.resource, namespace, name);
  } catch (e) {
    if (!isStatusError(e, 'NotFound')) throw addSourceToErr('retrieving current configuration of', m.source, e);
  }
  if (!current) {
    if (o.dryRun === 'client') return 'created';
    try {
      const r = await api.create(m.resource.resource, modified, { namespace, dryRun: o.dryRun === 'server', fieldValidation: o.fieldValidation });
      o.warn(warningLines(r.warnings));
    } catch (e) {
      // apply.go: creating errors name the file
      throw addSourceToErr('creating', m.source, e);
    }
    return 'created';
  }
  const annotations = ((current.metadata ?? {}) as { annotations?: Record<string, string> }).annotations ?? {};
  const lastApplied = annotations[LAST_APPLIED];
  if (lastApplied === undefined) {
    // apply.go warningNoLastAppliedConfigAnnotation
    o.warn(
      `Warning: resource ${m.resource.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const original = lastApplied ? (safeParse(lastApplied) as Record<string, unknown> | undefined) : undefined;
  let patch: Record<string, unknown>;
  try {
    patch = threeWayMergePatch(m.resource.kind, original, modified as Record<string, unknown>, current as Record<string, unknown>);
  } catch (e) {
    if (!(e instanceof MergeKeyError)) throw e;
    // apply.go: a client dry run computes no patch
    if (o.dryRun === 'client') return 'configured';
    // apply/patcher.go patchSimple: the OpenAPI v3 and v2 attempts warn, the built-in one fails with
    // errors.Wrapf(err, createPatchErrFormat, original, modified, current) (hence "for:: "); the
    // documents are Go's JSON encodings, each ending in a newline
    o.warn(`warning: error calculating patch from openapi v3 spec: ${e.message}\n`);
    o.warn(`warning: error calculating patch from openapi spec: ${e.message}\n`);
    const creating = `creating patch with:\noriginal:\n${lastApplied ?? ''}\nmodified:\n${sortedJson(modified)}\n\ncurrent:\n${sortedJson(current)}\n\nfor:: ${e.message}`;
    // patcher.go Patch: AddSourceToErr("patching"); apply.go applyOneObject: AddSourceToErr("applying patch:\n%s\nto:\n%v\nfor:") with no patch
    const src = JSON.stringify(m.source);
    throw new CmdError(`error when applying patch:\n\nto:\n${infoString(m, name, namespace)}\nfor: ${src}: error when patching ${src}: ${creating}`);
  }
  // apply.go patcher.Patch: an empty patch ("{}") leaves the object unchanged
  if (!Object.keys(patch).length) return 'unchanged';
  if (o.dryRun === 'client') return 'configured';
  try {
    const r = await api.patch(m.resource.resource, namespace, name, 'strategic', patch, { dryRun: o.dryRun === 'server', fieldValidation: o.fieldValidation });
    o.warn(warningLines(r.warnings));
  } catch (e) {
    if (isStatusError(e) && e.reason !== 'Invalid') {
      // apply.go patcher.Patch: cmdutil.AddSourceToErr(fmt.Sprintf("applying patch:\n%s\nto:\n%v\nfor:", patch, info), source, err)
      throw addSourceToErr(`applying patch:\n${sortedJson(patch)}\nto:\n${infoString(m, name, namespace)}\nfor:`, m.source, addSourceToErr('patching', m.source, e));
    }
    throw e;
  }
  return 'configured';
}

/** cli-runtime resource.Info's String(): the object an apply error is about. */
function infoString(m: Manifest, name: string, namespace: string | undefined): string {
  const gv = `${m.resource.group}/${m.resource.version}`;
  return `Resource: "${gv}, Resource=${m.resource.resource}", GroupVersionKind: "${gv}, Kind=${m.resource.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"`;
}

/**
 * util.GetModifiedConfiguration: the object as the builder holds it (namespace filled in for
 * namespaced kinds, the annotations map kept even when empty) serialized without the annotation —
 * Go's JSON: sorted keys and a trailing newline — and stored in the annotation of the object sent.
 */
export function withLastApplied(obj: KubeObject, namespace?: string): KubeObject {
  const copy = structuredClone(obj) as unknown as Record<string, unknown> & { metadata?: Record<string, unknown> };
  const meta = (copy.metadata ??= {});
  if (namespace) meta.namespace = namespace;
  const annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  meta.annotations = annotations;
  const json = `${sortedJson(copy)}\n`;
  meta.annotations = { ...annotations, [LAST_APPLIED]: json };
  return copy as unknown as KubeObject;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
