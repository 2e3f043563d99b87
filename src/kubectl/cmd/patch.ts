// `kubectl patch` (kubectl pkg/cmd/patch/patch.go): send a strategic merge, JSON merge or JSON
// patch to each named object and say `patched`, or `patched (no change)` when the server's object
// equals the one kubectl had before.
import { parseAllDocuments } from 'yaml';
import { StatusError, type KubeObject, type PatchType } from '../../engine';
import type { CommandDef } from '../command';
import { AggregateError, CmdError } from '../errors';
import { buildTargets, fetchTarget } from '../resource/builder';
import { goYamlError } from '../resource/yaml-errors';
import { deepEqual } from '../apply/three-way';
import { klogWarning } from '../klog';
import { goJSONSyntaxError } from './go-json-syntax';
import { objectPrinter, outputFlag, templateFlag } from './object-output';
import { dryRunFlag, dryRunOf, filenameFlags } from './shared-flags';

// patch.go patchTypes (the --type values, listed sorted in the error)
const PATCH_TYPES: Record<string, PatchType> = { json: 'json', merge: 'merge', strategic: 'strategic' };

export const patch: CommandDef = {
  name: 'patch',
  group: 'Advanced Commands',
  use: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
  short: 'Update fields of a resource',
  long: `Change some fields of an object without sending all of it. The patch is JSON or YAML and comes in three kinds:

  strategic (the default) merges maps and merges lists such as containers by their name;
  merge (RFC 7386) merges maps and replaces lists whole; null removes a field;
  json (RFC 6902) is a list of operations: add, remove, replace, move, copy, test.

A running Pod accepts only a few changes (images, activeDeadlineSeconds, tolerations added); the server refuses the rest.`,
  example: `# Change the image of container web in pod web (lists merge by name)
kubectl patch pod web -p '{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}'

# Add a label with a JSON merge patch written in YAML
kubectl patch deployment web --type merge -p 'metadata: {labels: {tier: frontend}}'

# Replace the first container's image with a JSON patch
kubectl patch pod web --type json -p '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:alpine"}]'

# Read the patch from a file
kubectl patch deployment web --patch-file scale.yaml`,
  flags: [
    { name: 'patch', shorthand: 'p', type: 'string', usage: 'The patch to send, as JSON or YAML.' },
    { name: 'patch-file', type: 'string', usage: 'A file holding the patch (instead of -p).' },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The kind of patch: json, merge or strategic.' },
    ...filenameFlags('that name the objects to patch'),
    outputFlag,
    templateFlag,
    { name: 'field-manager', type: 'string', default: 'kubectl-patch', usage: 'Name of the manager used to track field ownership.' },
    dryRunFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const o = complete(ctx);
    const print = objectPrinter(env, flags.string('output'), flags.string('template'), o.dryRun);
    const patchBody = readPatch(ctx, o.patch, o.patchFile, o.type);
    const targets = await buildTargets(ctx, { args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive'), requireNames: true });
    const errors: unknown[] = [];
    let count = 0;
    for (const t of targets) {
      let found: KubeObject[];
      try {
        // the builder's objects: the file's for -f, the live ones otherwise
        found = t.kind === 'name' && t.manifest ? [t.manifest.object] : await fetchTarget(ctx, t);
      } catch (e) {
        errors.push(e);
        continue;
      }
      for (const before of found) {
        count++;
        const meta = before.metadata as { name: string; namespace?: string };
        try {
          // Podlab computes a client dry run on the server without saving (the result is the same object)
          const r = await env.api.patch(t.resource.resource, t.resource.namespaced ? meta.namespace ?? t.namespace : undefined, meta.name, o.type, patchBody, { dryRun: o.dryRun !== 'none' });
          // patch.go RunPatch: didPatch := !reflect.DeepEqual(info.Object, patchedObj); patchOperation
          print(t.resource, r.object, deepEqual(before, r.object) ? 'patched (no change)' : 'patched');
        } catch (e) {
          errors.push(e);
        }
      }
    }
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
    // patch.go RunPatch
    if (!count) throw new CmdError('no objects passed to patch');
    return 0;
  },
};

interface PatchOptions {
  patch: string;
  patchFile: string;
  type: PatchType;
  dryRun: 'none' | 'client' | 'server';
}

/** patch.go Complete + Validate. */
function complete(ctx: Parameters<NonNullable<CommandDef['run']>>[0]): PatchOptions {
  const { flags, env } = ctx;
  const patchText = flags.string('patch');
  const patchFile = flags.string('patch-file');
  const dryRun = dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w)));
  // patch.go Validate
  if (patchText && patchFile) throw new CmdError('cannot specify --patch and --patch-file together');
  if (!patchText && !patchFile) throw new CmdError('must specify --patch or --patch-file containing the contents of the patch');
  const typed = flags.string('type');
  const type = PATCH_TYPES[typed.toLowerCase()];
  // patch.go Validate: "--type must be one of %v, not %q"
  if (!type) throw new CmdError(`--type must be one of [json merge strategic], not ${JSON.stringify(typed)}`);
  return { patch: patchText, patchFile, type, dryRun };
}

/**
 * patch.go RunPatch: the patch's bytes through apimachinery util/yaml ToJSON — text that starts
 * with "{" is taken as JSON and sent as is, anything else is YAML (first document) turned into JSON.
 */
function readPatch(ctx: Parameters<NonNullable<CommandDef['run']>>[0], text: string, file: string, type: PatchType): unknown {
  let source = text;
  if (file) {
    try {
      source = ctx.env.files.read(file);
    } catch (e) {
      // patch.go RunPatch
      throw new CmdError(`unable to read patch file: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (source.trimStart().startsWith('{')) {
    const syntax = goJSONSyntaxError(source);
    if (syntax === undefined) return JSON.parse(source) as unknown;
    // apiserver handlers/patch.go: merge patches fail with json-patch's ErrBadJSONPatch, the others
    // with json.Unmarshal's syntax error, both as BadRequest
    throw new StatusError({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', code: 400,
      message: type === 'merge' ? 'Invalid JSON Patch' : syntax,
    });
  }
  // go-yaml's stream end starts a new line (scannerc.go yaml_parser_fetch_stream_end), so errors at
  // the end of a one-line patch are on line 1: parse with that newline in place
  if (!source.endsWith('\n')) source += '\n';
  const [doc] = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: false, version: '1.1', merge: true });
  const err = doc?.errors[0];
  // patch.go RunPatch: "unable to parse %q: %v" quotes -p (empty with --patch-file) around go-yaml's error
  if (doc && err) throw new CmdError(`unable to parse ${JSON.stringify(text)}: ${goYamlError(err, doc, source)}`);
  return doc ? (doc.toJS({ maxAliasCount: 100 }) as unknown) ?? null : null;
}
