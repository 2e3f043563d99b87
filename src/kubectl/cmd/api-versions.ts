// `kubectl api-versions` (kubectl pkg/cmd/apiresources/apiversions.go): group/version pairs, sorted.
import type { CommandDef } from '../command';

export const apiVersions: CommandDef = {
  name: 'api-versions',
  group: 'Other Commands',
  use: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'List the API versions the cluster serves — what you can write after apiVersion: in a manifest.',
  example: '# Every API version\nkubectl api-versions',
  async run({ env }) {
    const versions = new Set(env.api.resources().map((r) => (r.group ? `${r.group}/${r.version}` : r.version)));
    // apiversions.go RunAPIVersions: sort.Strings
    env.stdout([...versions].sort().map((v) => `${v}\n`).join(''));
    return 0;
  },
};
