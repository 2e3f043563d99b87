// `kubectl api-resources` (kubectl pkg/cmd/apiresources/apiresources.go): what the API serves,
// by group, from discovery (KubeApi.resources()).
import type { ResourceInfo } from '../../engine';
import type { CommandDef } from '../command';
import { CmdError } from '../errors';
import { KUBECTL_TABWRITER, TabWriter } from '../printers/tabwriter';

// discovery: every Podlab resource offers the full verb set.
// apiresources.go printer (1.32): verbs and categories joined with commas
const VERBS = 'create,delete,deletecollection,get,list,patch,update,watch';

export const apiResources: CommandDef = {
  name: 'api-resources',
  group: 'Other Commands',
  use: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'List the kinds of object the cluster knows: their plural name (what you type after kubectl get), short names, API version, whether they live in a namespace, and their Kind (what you write in YAML).',
  example: `# Every resource
kubectl api-resources

# Only those that live in a namespace
kubectl api-resources --namespaced=true

# Only the apps group
kubectl api-resources --api-group=apps`,
  flags: [
    { name: 'namespaced', type: 'bool', default: true, usage: 'true: only namespaced resources; false: only cluster-wide ones (all when not given).' },
    { name: 'api-group', type: 'string', usage: 'Only resources of this API group ("" for the core group).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: wide or name.' },
    { name: 'no-headers', type: 'bool', usage: "Don't print the header line." },
    { name: 'sort-by', type: 'string', usage: 'Sort by name or kind.' },
    { name: 'verbs', type: 'stringSlice', usage: 'Only resources that support these verbs.' },
    { name: 'cached', type: 'bool', usage: 'Accepted for compatibility (discovery is never cached here).' },
    { name: 'categories', type: 'stringSlice', usage: 'Only resources in these categories (e.g. all).' },
  ],
  async run({ env, flags }) {
    const output = flags.string('output');
    // apiresources.go Validate
    if (output && output !== 'wide' && output !== 'name') throw new CmdError(`--output ${output} is not available`);
    const sortBy = flags.string('sort-by');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new CmdError(`--sort-by accepts only name or kind`);
    let list = [...env.api.resources()];
    if (flags.changed('namespaced')) list = list.filter((r) => r.namespaced === flags.bool('namespaced'));
    if (flags.changed('api-group')) list = list.filter((r) => r.group === flags.string('api-group'));
    const cats = flags.strings('categories');
    if (cats.length) list = list.filter((r) => cats.every((c) => r.categories.includes(c)));
    // apiresources.go sortableResource: by group (stable; the server lists a group's resources by name), or by name/kind
    const key = (r: ResourceInfo) => (sortBy === 'kind' ? r.kind : sortBy === 'name' ? r.resource : r.group);
    list.sort((a, b) => cmp(key(a), key(b)) || (sortBy ? 0 : cmp(a.resource, b.resource)));
    if (output === 'name') {
      // apiresources.go: name.group per line
      env.stdout(list.map((r) => (r.group ? `${r.resource}.${r.group}\n` : `${r.resource}\n`)).join(''));
      return 0;
    }
    const w = new TabWriter(KUBECTL_TABWRITER);
    const wide = output === 'wide';
    if (!flags.bool('no-headers')) w.writeCells(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const r of list) {
      const cells = [r.resource, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, String(r.namespaced), r.kind];
      if (wide) cells.push(VERBS, r.categories.join(','));
      w.writeCells(cells);
    }
    env.stdout(w.flush());
    return 0;
  },
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
