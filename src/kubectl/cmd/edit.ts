// `kubectl edit` (kubectl pkg/cmd/edit/edit.go over pkg/cmd/util/editor/editoptions.go, normal
// edit mode): the live objects as YAML (or JSON) under a comment header go to the host's editor;
// on save the changes become a strategic merge patch per object. Invalid changes reopen the file
// with the server's reasons in the header; giving up leaves a copy of the edits in /tmp.
import { isStatusError, type KubeObject, type ResourceInfo } from '../../engine';
import { deepEqual, threeWayMergePatch } from '../apply/three-way';
import type { CommandContext, CommandDef } from '../command';
import { CmdError, ExitError } from '../errors';
import { marshalYAML, omitManagedFields, printJSON } from '../printers';
import { buildTargets, fetchTarget, NO_RESOURCES_GIVEN } from '../resource/builder';
import { parseManifests, sortedJson } from '../resource/manifest';
import { objectPrinter, type PrintObject } from './object-output';
import { fieldValidationOf, filenameFlags, validateFlag } from './shared-flags';
import { editorArgs, manualStrip, stripComments, hasLines, tempFileName, writeHeader, type EditReason } from './edit-file';

interface Info {
  resource: ResourceInfo;
  obj: KubeObject;
}

export const edit: CommandDef = {
  name: 'edit',
  group: 'Basic Commands (Intermediate)',
  use: 'edit (RESOURCE/NAME | -f FILENAME)',
  short: 'Edit a resource on the server',
  long: `Open objects from the cluster in your editor (the editor named by KUBE_EDITOR or EDITOR, vi otherwise) and save the changes back. Several objects open together as a List.

Saving sends only what you changed. When the server refuses a change (a running Pod allows only a few), the file opens again with the reasons at the top; close it unchanged to give up — a copy of your edits is kept in /tmp for a later kubectl replace -f or apply -f.`,
  example: `# Edit the pod named web
kubectl edit pod/web

# Edit deployment web as JSON
kubectl edit deployment web -o json

# Edit with a different editor for this command
KUBE_EDITOR="nano" kubectl edit svc/web`,
  flags: [
    ...filenameFlags('that name the objects to edit'),
    { name: 'output', shorthand: 'o', type: 'string', usage: 'The format to edit in and to print the result with: yaml or json.' },
    { name: 'output-patch', type: 'bool', usage: 'Also print the patch that was sent.' },
    { name: 'show-managed-fields', type: 'bool', usage: 'Keep metadata.managedFields in the file.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit', usage: 'Name of the manager used to track field ownership.' },
    validateFlag,
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const output = flags.string('output');
    // editoptions.go: only the json and yaml printers are offered
    if (output && output !== 'json' && output !== 'yaml') throw new CmdError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
    const fieldValidation = fieldValidationOf(flags.string('validate'));
    const targets = await buildTargets(ctx, { args: ctx.args, filenames: flags.strings('filename'), recursive: flags.bool('recursive') });
    if (!targets.length) throw new CmdError(NO_RESOURCES_GIVEN);
    const infos: Info[] = [];
    for (const t of targets) for (const obj of await fetchTarget(ctx, t)) infos.push({ resource: t.resource, obj });
    // editoptions.go Run
    if (!infos.length) throw new CmdError('edit cancelled, no objects found');
    const session = new EditSession(ctx, infos, output === 'json' ? 'json' : 'yaml', fieldValidation, objectPrinter(env, output, '', 'none'));
    return session.run();
  },
};

/** editoptions.go editResults: what one save produced. */
interface Results {
  reasons: EditReason[];
  retryable: number;
  notfound: number;
  /** objects the server found invalid (to edit again) */
  edit: number;
}

class EditSession {
  private attempt = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly infos: Info[],
    private readonly format: 'yaml' | 'json',
    private readonly fieldValidation: 'Strict' | 'Warn' | 'Ignore',
    private readonly print: PrintObject,
  ) {}

  /** editoptions.go Run editFn: loop until saved, cancelled or given up. */
  async run(): Promise<number> {
    const { env } = this.ctx;
    let results: Results = { reasons: [], retryable: 0, notfound: 0, edit: 0 };
    let original = '';
    let edited = '';
    let containsError = false;
    for (;;) {
      // a JSON file has no header (editoptions.go editPrinterOptions.Complete)
      let buf = this.format === 'yaml' ? writeHeader(results.reasons) : '';
      if (!containsError) {
        original = this.serialize();
        buf += original;
      } else buf += manualStrip(edited);
      const previous = edited;
      const file = tempFileName(env.now(), this.attempt++, this.format === 'json' ? '.json' : '.yaml');
      edited = await this.launch(file, buf);
      // editoptions.go: a reopened file saved without changes gives up
      if (containsError && stripComments(previous) === stripComments(edited)) {
        throw this.preserved(file, edited, new CmdError('Edit cancelled, no valid changes were saved.'));
      }
      if (stripComments(original) === stripComments(edited)) {
        env.stderr('Edit cancelled, no changes made.\n');
        return 0;
      }
      if (!hasLines(edited)) {
        env.stderr('Edit cancelled, saved file was empty.\n');
        return 0;
      }
      results = { reasons: [], retryable: 0, notfound: 0, edit: 0 };
      let updated: Info[];
      try {
        // editoptions.go updatedResultGetter: the builder over the saved bytes, source "edited-file"
        updated = parseManifests(edited, 'edited-file', { validate: false }).map((m) => ({ resource: m.resource, obj: m.object }));
      } catch (e) {
        containsError = true;
        results.reasons.push({ head: `The edited file had a syntax error: ${e instanceof Error ? e.message : String(e)}`, other: [] });
        continue;
      }
      containsError = false;
      for (const u of updated) this.requireNamespace(u, file, edited);
      for (const u of updated) await this.patchOne(u, results, file, edited);
      if (results.retryable > 0) {
        env.files.write(file, edited);
        // editoptions.go Run: the file is kept for a replace
        env.stderr(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
        throw new ExitError('', 1);
      }
      if (results.notfound > 0) {
        env.files.write(file, edited);
        env.stderr(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
        throw new ExitError('', 1);
      }
      if (!results.edit) return 0;
      if (results.reasons.length) containsError = true;
    }
  }

  /** The file's object: the single object, or a v1 List of them (editoptions.go Run). */
  private serialize(): string {
    const strip = (o: KubeObject) => (this.ctx.flags.bool('show-managed-fields') ? o : omitManagedFields(o));
    const objs = this.infos.map((i) => strip(i.obj));
    const doc = objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: {} };
    return this.format === 'json' ? printJSON(doc) : marshalYAML(doc);
  }

  /** editor.go LaunchTempFile: write the file, run the editor, read it back. */
  private async launch(file: string, content: string): Promise<string> {
    const { env } = this.ctx;
    const args = editorArgs(env.vars);
    // launcher_others.go Launch: the editor cannot be started (Podlab: the host offers none)
    if (!env.editor) throw new CmdError(`unable to launch the editor ${JSON.stringify(args.join(' '))}`);
    const saved = await env.editor(file, content);
    // an editor closed without saving leaves the file as it was written
    return saved ?? content;
  }

  /** editoptions.go preservedFile: tell where the edits are kept, then fail with `err`. */
  private preserved(file: string, content: string, err: unknown): unknown {
    this.ctx.env.files.write(file, content);
    this.ctx.env.stderr(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
    return err;
  }

  /** cli-runtime resource.RequireNamespace: objects stay in the namespace they came from. */
  private requireNamespace(u: Info, file: string, edited: string): void {
    if (!u.resource.namespaced) return;
    const meta = (u.obj.metadata ??= {} as KubeObject['metadata']) as { namespace?: string };
    if (!meta.namespace) meta.namespace = this.ctx.namespace;
    else if (meta.namespace !== this.ctx.namespace) {
      // cli-runtime visitor.go RequireNamespace
      throw this.preserved(file, edited, new CmdError(`the namespace from the provided object "${meta.namespace}" does not match the namespace "${this.ctx.namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`));
    }
  }

  /** editoptions.go visitToPatch for one saved object. */
  private async patchOne(u: Info, results: Results, file: string, edited: string): Promise<void> {
    const { env, flags } = this.ctx;
    const uid = (u.obj.metadata as { uid?: string } | undefined)?.uid ?? '';
    const orig = this.infos.find((i) => ((i.obj.metadata as { uid?: string }).uid ?? '') === uid);
    // editoptions.go visitToPatch: matched by uid
    if (!orig) throw this.preserved(file, edited, new CmdError(`no original object found for ${kindName(u)}`));
    const before = orig.obj as unknown as Record<string, unknown>;
    const after = u.obj as unknown as Record<string, unknown>;
    if (deepEqual(before, after)) return this.print(u.resource, u.obj, 'skipped');
    const name = (after.metadata as { name?: string } | undefined)?.name;
    // mergepatch preconditions RequireKeyUnchanged("apiVersion"/"kind"), RequireMetadataKeyUnchanged("name")
    if (after.apiVersion !== before.apiVersion || after.kind !== before.kind || name !== orig.obj.metadata.name) {
      throw this.preserved(file, edited, new CmdError('At least one of apiVersion, kind and name was changed'));
    }
    const patch = threeWayMergePatch(orig.resource.kind, before, after, before);
    if (flags.bool('output-patch')) env.stdout(`Patch: ${sortedJson(patch)}\n`);
    const meta = orig.obj.metadata as { name: string; namespace?: string };
    try {
      const r = await env.api.patch(orig.resource.resource, meta.namespace, meta.name, 'strategic', patch, { fieldValidation: this.fieldValidation });
      this.print(orig.resource, r.object, 'edited');
    } catch (e) {
      env.stderr(`${addError(e, orig, results)}\n`);
    }
  }
}

/** editoptions.go editResults.addError: count the failure and word it. */
function addError(err: unknown, info: Info, results: Results): string {
  const r = info.resource;
  const what = r.group ? `${r.resource}.${r.group}` : r.resource;
  const name = JSON.stringify(info.obj.metadata.name);
  if (isStatusError(err, 'Invalid')) {
    results.edit++;
    const causes = err.status.details?.causes ?? [];
    results.reasons.push({ head: `${what} ${name} was not valid`, other: causes.map((c) => `${c.field ?? ''}: ${c.message}`) });
    return `error: ${what} ${name} is invalid`;
  }
  if (isStatusError(err, 'NotFound')) {
    results.notfound++;
    return `error: ${what} ${name} could not be found on the server`;
  }
  results.retryable++;
  return `error: ${what} ${name} could not be patched: ${err instanceof Error ? err.message : String(err)}`;
}

function kindName(u: Info): string {
  return `${u.resource.kind}/${u.obj.metadata?.name ?? ''}`;
}
