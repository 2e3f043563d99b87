// `kubectl version` (kubectl pkg/cmd/version/version.go): the client's and the server's versions.
import { stringify } from 'yaml';
import type { CommandDef } from '../command';
import { CmdError } from '../errors';

// The client Podlab imitates (kubectl v1.32.5, as on the machine the goldens come from) and the
// server minikube runs (Kubernetes v1.32.0).
const CLIENT = {
  major: '1', minor: '32', gitVersion: 'v1.32.5', gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1', gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z', goVersion: 'go1.23.8', compiler: 'gc', platform: 'linux/amd64',
};
const SERVER = {
  major: '1', minor: '32', gitVersion: 'v1.32.0', gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53', gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z', goVersion: 'go1.23.3', compiler: 'gc', platform: 'linux/amd64',
};
const KUSTOMIZE = 'v5.5.0';

export const version: CommandDef = {
  name: 'version',
  group: 'Other Commands',
  use: 'version [flags]',
  short: 'Print the client and server version information',
  long: 'Print the version of this kubectl and of the cluster it talks to.',
  example: '# Print the client and server versions for the current context\nkubectl version',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  async run({ env, flags }) {
    const client = flags.bool('client');
    const output = flags.string('output');
    // version.go Validate: "--output must be 'yaml' or 'json'"
    if (output && output !== 'yaml' && output !== 'json') throw new CmdError("--output must be 'yaml' or 'json'");
    // version.go Run: struct field order of version.Info, then kustomizeVersion
    const doc: Record<string, unknown> = { clientVersion: CLIENT, kustomizeVersion: KUSTOMIZE };
    if (!client) doc.serverVersion = SERVER;
    if (output === 'json') {
      env.stdout(`${JSON.stringify(doc, null, 2)}\n`);
      return;
    }
    if (output === 'yaml') {
      // sigs.k8s.io/yaml sorts keys (it marshals through JSON into a map)
      // YAML 1.1 quoting rules, as go-yaml v2 applies them ("1", timestamps, yes/no are quoted)
      env.stdout(stringify(sortKeys(doc), { version: '1.1', lineWidth: 0 }));
      return;
    }
    let out = `Client Version: ${CLIENT.gitVersion}\nKustomize Version: ${KUSTOMIZE}\n`;
    if (!client) out += `Server Version: ${SERVER.gitVersion}\n`;
    env.stdout(out);
  },
};

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
