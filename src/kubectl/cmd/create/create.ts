// `kubectl create -f` (kubectl pkg/cmd/create/create.go RunCreate): create every object in the
// files; an object that exists already is an AlreadyExists error naming the file. The
// generator subcommands (`create deployment`, `create namespace`, ...) live beside this file.
import type { CommandDef } from '../../command';
import { AggregateError, addSourceToErr, CmdError } from '../../errors';
import { buildTargets } from '../../resource/builder';
import { kindRef, operationLine, warningLines } from '../../resource/ref';
import { withLastApplied } from '../apply';
import { dryRunFlag, dryRunOf, dryRunSuffix, fieldValidationOf, filenameFlags, validateFlag } from '../shared-flags';
import { klogWarning } from '../../klog';
import { CREATE_SUBCOMMANDS } from './subcommands';

export const create: CommandDef = {
  name: 'create',
  group: 'Basic Commands (Beginner)',
  use: 'create -f FILENAME',
  short: 'Create a resource from a file or from stdin',
  long: 'Create the objects described in one or more files (YAML or JSON). Unlike apply, create fails for an object that already exists. The subcommands create common objects straight from the command line.',
  example: `# Create the pod described in pod.yaml
kubectl create -f pod.yaml

# Create what arrives on standard input
cat pod.yaml | kubectl create -f -`,
  flags: [
    ...filenameFlags('that describe the objects to create'),
    dryRunFlag,
    validateFlag,
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: "name" prints kind/name of each object created.' },
    { name: 'save-config', type: 'bool', usage: 'Store the configuration in the last-applied annotation, so a later kubectl apply can update the object.' },
    { name: 'edit', type: 'bool', usage: 'Not available in Podlab.' , hidden: true },
  ],
  subcommands: CREATE_SUBCOMMANDS,
  async run(ctx) {
    const { env, flags } = ctx;
    const files = flags.strings('filename');
    // create.go ValidateArgs: "must specify one of -f and -k"
    if (!files.length) throw new CmdError('must specify one of -f and -k');
    const output = flags.string('output');
    if (output && output !== 'name') throw new CmdError(`unable to match a printer suitable for the output format "${output}", allowed formats are: name`);
    const dryRun = dryRunOf(flags, (w) => env.stderr(klogWarning(env.now(), w)));
    const validate = flags.string('validate');
    const fieldValidation = fieldValidationOf(validate);
    // create.go RunCreate: the builder continues on error, so what was read before a bad document
    // is still created; the reading errors are reported with the rest at the end
    const readErrors: unknown[] = [];
    const targets = await buildTargets(ctx, {
      args: ctx.args, filenames: files, recursive: flags.bool('recursive'), validate: fieldValidation !== 'Ignore', onError: (e) => readErrors.push(e),
    });
    // create.go RunCreate: "no objects passed to create"
    if (!targets.length && !readErrors.length) throw new CmdError('no objects passed to create');
    const errors: unknown[] = [];
    for (const t of targets) {
      if (t.kind !== 'name' || !t.manifest) continue;
      const obj = flags.bool('save-config') ? withLastApplied(t.manifest.object, t.namespace) : t.manifest.object;
      let name = t.name;
      try {
        if (dryRun !== 'client') {
          const r = await env.api.create(t.resource.resource, obj, { namespace: t.namespace, dryRun: dryRun === 'server', fieldValidation });
          // generateName: the server chose the name, and the operation line shows it
          name = (r.object.metadata as { name?: string } | undefined)?.name ?? name;
          env.stderr(warningLines(r.warnings));
        }
        env.stdout(output === 'name' ? `${kindRef(t.resource)}/${name}\n` : operationLine(t.resource, name, `created${dryRunSuffix(dryRun)}`));
      } catch (e) {
        errors.push(addSourceToErr('creating', t.manifest.source, e));
      }
    }
    errors.push(...readErrors);
    if (errors.length) throw errors.length === 1 ? errors[0] : new AggregateError(errors);
  },
};
