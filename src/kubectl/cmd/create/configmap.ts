// `kubectl create configmap NAME --from-literal=k=v --from-file=[key=]path --from-env-file=path`
// (kubectl pkg/cmd/create/create_configmap.go).
import { isConfigMapKey, type KubeObject } from '../../../engine';
import type { CommandDef } from '../../command';
import { CmdError } from '../../errors';
import { enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, prepare } from './generator';
import { addEnvFiles, addFiles, addLiterals, validateSources } from './sources';

export const createConfigMap: CommandDef = {
  name: 'configmap',
  aliases: ['cm'],
  use: 'configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  short: 'Create a config map from a local file, directory or literal value',
  long: 'Create a config map from literal values, files or an env file. A file becomes one key named after the file (or the key you give before =); a folder adds one key per file in it; an env file adds one key per KEY=value line.',
  example: `# Two keys from literals
kubectl create configmap app-config --from-literal=MODE=dev --from-literal=LEVEL=debug

# One key per file, named after the file
kubectl create configmap web-conf --from-file=nginx.conf

# A file under a key of your choice
kubectl create configmap web-conf --from-file=default.conf=site.conf

# Keys from KEY=value lines
kubectl create configmap app-env --from-env-file=app.env`,
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'from-literal', type: 'stringArray', usage: 'A key and its value (key=value); repeat for more keys.' },
    { name: 'from-file', type: 'stringSlice', usage: 'A file (key = the file name), key=file, or a folder (one key per file in it).' },
    { name: 'from-env-file', type: 'stringSlice', usage: 'A file of KEY=value lines, one key per line.' },
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
      // create_configmap.go validateNewConfigMap
      if (errs.length) throw new CmdError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
      if (key in data) throw new CmdError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
      data[key] = value;
    };
    // create_configmap.go createConfigMap: files, then literals, then env files
    addFiles(env.files, sources.files, add);
    addLiterals(sources.literals, add);
    addEnvFiles(env.files, sources.envFiles, add, 'config');
    const metadata: Record<string, unknown> = { name, namespace: enforcedNamespace(ctx), creationTimestamp: null };
    if (!metadata.namespace) delete metadata.namespace;
    const cm: Record<string, unknown> = { kind: 'ConfigMap', apiVersion: 'v1', metadata };
    // Go prints a map's keys sorted; an empty map is omitted (omitempty)
    if (Object.keys(data).length) cm.data = Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await finish({ resource: 'configmaps', object: cm as unknown as KubeObject, failure: (m) => `failed to create configmap: ${m}` });
  },
};
