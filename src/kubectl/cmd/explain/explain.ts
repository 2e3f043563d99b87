// `kubectl explain` (kubectl pkg/cmd/explain/explain.go, OpenAPI v3 "plaintext" output): the
// documentation of a resource or one of its fields, from the schema generated at build time.
import { definitionFor, type KubeApi, type ResourceInfo } from '../../../engine';
import type { CommandDef } from '../../command';
import { CmdError, ExitError } from '../../errors';
import { explainPlaintext } from './plaintext';

/** schema.GroupVersionResource String(): `apps/v1, Resource=deployments` (`/v1, …` for core). */
function gvrString(group: string, version: string, resource: string): string {
  return `${group}/${version}, Resource=${resource}`;
}

const gvOf = (group: string, version: string): string => (group ? `${group}/${version}` : version);

/** restmapper ResourcesFor (after the short-name expander), over what this API serves, core first. */
function resourcesFor(api: KubeApi, typed: string): ResourceInfo[] {
  const n = typed.toLowerCase();
  return api.resources().filter((r) => r.resource === n || r.singular === n || r.kind.toLowerCase() === n || r.shortNames.includes(n));
}

/**
 * pkg/explain/explain.go SplitAndParseResourceRequestWithMatchingPrefix: of the resources named
 * by the first part, the first whose `resource.group` is a prefix of the input
 * (`deployments.apps.spec`); else the first one, with the rest as the field path.
 */
function splitWithMatchingPrefix(api: KubeApi, input: string): { info: ResourceInfo; fields: string[] } {
  const trimmed = input.replace(/\.$/, '');
  const { info: first, fields } = split(api, trimmed);
  for (const info of resourcesFor(api, trimmed.split('.')[0])) {
    const groupResource = info.group ? `${info.resource}.${info.group}` : info.resource;
    if (trimmed.startsWith(groupResource)) {
      const suffix = trimmed.slice(groupResource.length);
      return { info, fields: suffix ? suffix.split('.').slice(1) : [] };
    }
  }
  return { info: first, fields };
}

/** pkg/explain/explain.go SplitAndParseResourceRequest: first part is the resource. */
function split(api: KubeApi, input: string): { info: ResourceInfo; fields: string[] } {
  const [resource, ...fields] = input.replace(/\.$/, '').split('.');
  const info = resourcesFor(api, resource)[0];
  // [REAL] kubectl v1.32: explain prints the mapper's error without the "error: " prefix
  if (!info) throw new ExitError(`the server doesn't have a resource type "${resource}"`, 1);
  return { info, fields };
}

export const explain: CommandDef = {
  name: 'explain',
  group: 'Basic Commands (Intermediate)',
  use: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext]',
  short: 'Get documentation for a resource',
  long: `Show the documentation of a resource kind and of its fields, straight from the API schema.
Name a field with dots after the type:

        <type>.<fieldName>[.<fieldName>]

Each field shows its type (<string>, <[]Container>, <map[string]string>, …), whether it is
required, its allowed values, and its description.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `# What a Pod is, and its top-level fields
kubectl explain pods

# One field, with its allowed values
kubectl explain pods.spec.restartPolicy

# Every field below spec, as a tree
kubectl explain pods.spec --recursive

# A Deployment, for a given API version
kubectl explain deployments --api-version=apps/v1`,
  flags: [
    { name: 'api-version', type: 'string', usage: 'The API version (group/version) whose schema to show.' },
    { name: 'output', shorthand: 'o', type: 'string', default: 'plaintext', usage: 'Output format; plaintext is the one Podlab renders.' },
    { name: 'recursive', type: 'bool', usage: 'List every field below the one named, as an indented tree, without descriptions.' },
  ],
  async run({ env, flags, args }) {
    // explain.go Validate
    if (args.length === 0) throw new CmdError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
    if (args.length > 1) throw new CmdError('We accept only this format: explain RESOURCE');
    const apiVersion = flags.string('api-version');
    const { info, fields } = apiVersion ? split(env.api, args[0]) : splitWithMatchingPrefix(env.api, args[0]);
    let group = info.group;
    let version = info.version;
    if (apiVersion) {
      // explain.go Run: --api-version replaces the group/version of the resource found
      const slash = apiVersion.indexOf('/');
      group = slash < 0 ? '' : apiVersion.slice(0, slash);
      version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    }
    const documented = env.api.resources().some((r) => r.group === group && r.version === version && definitionFor(gvOf(r.group, r.version), r.kind));
    // explain/v2/explain.go PrintModelDescription: the group/version has no OpenAPI document
    if (!documented) throw new CmdError(`couldn't find resource for "${gvrString(group, version, info.resource)}"`);
    const definition = group === info.group && version === info.version ? definitionFor(gvOf(group, version), info.kind) : undefined;
    // plaintext.tmpl: no path in the OpenAPI document serves this group/version/resource
    if (!definition) throw new CmdError(`GVR (${gvrString(group, version, info.resource)}) not found in OpenAPI schema`);
    const output = flags.string('output');
    // explain/v2/generator.go Render: only the built-in template names exist
    if (output !== 'plaintext') throw new CmdError(`unrecognized format: ${output}`);
    explainPlaintext({ group, version, kind: info.kind, definition }, fields, flags.bool('recursive'), env.stdout);
    return 0;
  },
};
