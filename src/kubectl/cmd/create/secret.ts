// `kubectl create secret generic NAME --from-literal=k=v --from-file=... --from-env-file=... --type=T`
// (kubectl pkg/cmd/create/create_secret.go). `create secret` itself only groups the kinds of secret.
import { isConfigMapKey, type KubeObject } from '../../../engine';
import { base64EncodeUtf8 } from '../../../shared/base64';
import type { CommandDef } from '../../command';
import { CmdError } from '../../errors';
import { enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, prepare } from './generator';
import { addEnvFiles, addFiles, addLiterals, validateSources } from './sources';

const generic: CommandDef = {
  name: 'generic',
  use: 'generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  short: 'Create a secret from a local file, directory, or literal value',
  long: 'Create a secret from literal values, files or an env file, keyed as for create configmap. The values are stored base64-encoded in data; base64 is an encoding, not encryption.',
  example: `# A username and password
kubectl create secret generic db-auth --from-literal=username=admin --from-literal=password=s3cret

# A key from a file
kubectl create secret generic tls-key --from-file=key.pem`,
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'from-literal', type: 'stringArray', usage: 'A key and its value (key=value); repeat for more keys.' },
    { name: 'from-file', type: 'stringSlice', usage: 'A file (key = the file name), key=file, or a folder (one key per file in it).' },
    { name: 'from-env-file', type: 'stringSlice', usage: 'A file of KEY=value lines, one key per line.' },
    { name: 'type', type: 'string', usage: 'The secret\'s type (Opaque when not given).' },
  ],
  async run(ctx) {
    const { flags, env } = ctx;
    const name = nameFromArgs(ctx);
    const finish = prepare(ctx);
    const sources = { literals: flags.strings('from-literal'), files: flags.strings('from-file'), envFiles: flags.strings('from-env-file') };
    validateSources(sources);
    const data: Record<string, string> = {};
    const add = (key: string, value: string) => {
      const errs = isConfigMapKey(key);
      // create_secret.go addKeyFromLiteralToSecret
      if (errs.length) throw new CmdError(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
      if (key in data) throw new CmdError(`cannot add key ${key}, another key by that name already exists`);
      data[key] = base64EncodeUtf8(value);
    };
    // create_secret.go createSecret: literals, then files, then env files
    addLiterals(sources.literals, add);
    addFiles(env.files, sources.files, add);
    addEnvFiles(env.files, sources.envFiles, add, 'secret');
    const metadata: Record<string, unknown> = { name, namespace: enforcedNamespace(ctx), creationTimestamp: null };
    if (!metadata.namespace) delete metadata.namespace;
    const secret: Record<string, unknown> = { kind: 'Secret', apiVersion: 'v1', metadata };
    if (Object.keys(data).length) secret.data = Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (flags.string('type')) secret.type = flags.string('type');
    // create_secret.go Run: "failed to create secret %v" (no colon)
    await finish({ resource: 'secrets', object: secret as unknown as KubeObject, failure: (m) => `failed to create secret ${m}` });
  },
};

export const createSecret: CommandDef = {
  name: 'secret',
  use: 'secret (docker-registry | generic | tls)',
  short: 'Create a secret using a specified subcommand',
  long: 'Create a secret. Podlab has the generic kind: keys and values from literals, files or an env file.',
  subcommands: [generic],
};
