// Turning what the user typed into what to act on — cli-runtime's resource.Builder boiled down:
// `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2 [NAME...]`, `TYPE/NAME...`, `-f FILE|DIR|-`, `-l`,
// `--field-selector`, `--all`, `-A`, with the builder's own error texts (pkg/resource/builder.go).
import { lookupResource, RESOURCES, type KubeObject, type ResourceInfo } from '../../engine';
import type { CommandContext } from '../command';
import { CmdError } from '../errors';
import { readManifests, type Manifest } from './manifest';

// delete.go / scale.go / label.go: what kubectl prints when no resource was named at all
export const NO_RESOURCES_GIVEN = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** One object by name (from the command line or a file), or every object matching a selector. */
export type Target =
  | { kind: 'name'; resource: ResourceInfo; namespace: string | undefined; name: string; manifest?: Manifest }
  | { kind: 'list'; resource: ResourceInfo; namespace: string | undefined; labelSelector?: string; fieldSelector?: string };

export interface BuilderOptions {
  args: readonly string[];
  filenames?: readonly string[];
  recursive?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** --all: every object of the type(s) */
  all?: boolean;
  allNamespaces?: boolean;
  /** --validate (false: skip the client's apiVersion/kind check) */
  validate?: boolean;
  /** ContinueOnError for -f: files that fail part way keep what was read before (see ReadOptions.onError) */
  onError?: (err: unknown) => void;
  /** `get pods` alone lists; `delete pods` alone is an error (the verb says which) */
  requireNames?: boolean;
}

/** Resolve a resource name as typed (`po`, `pods`, `deployments.apps`) or fail as kubectl does. */
export function resolveResource(typed: string): ResourceInfo {
  const info = lookupResource(typed);
  // restmapper: `the server doesn't have a resource type %q`
  if (!info) throw new CmdError(`the server doesn't have a resource type "${typed}"`);
  return info;
}

/**
 * A comma list of types as typed, with categories expanded: `all` is what the API lists in that
 * category, in discovery order (cli-runtime builder.go replaceAliases with the category expander),
 * unless a resource of that name exists.
 */
export function resolveTypes(list: string): ResourceInfo[] {
  return list.split(',').filter((t) => t !== '').flatMap((typed) => {
    if (lookupResource(typed)) return [resolveResource(typed)];
    const members = RESOURCES.filter((r) => r.categories.includes(typed));
    return members.length ? members : [resolveResource(typed)];
  });
}

/** The targets, in command-line order. */
export async function buildTargets(ctx: CommandContext, o: BuilderOptions): Promise<Target[]> {
  const ns = (info: ResourceInfo, explicit?: string): string | undefined => {
    if (!info.namespaced) return undefined;
    if (o.allNamespaces) return undefined;
    return explicit || ctx.namespace;
  };
  const selecting = !!o.labelSelector || !!o.all;
  const out: Target[] = [];
  if (o.filenames?.length) {
    const manifests = await readManifests(ctx.env, o.filenames, { recursive: o.recursive, validate: o.validate, onError: o.onError });
    // builder.go Do: "Unexpected args: %v" (Go prints the slice as [a b])
    if (o.args.length) throw new CmdError(`Unexpected args: [${o.args.join(' ')}]`);
    for (const m of manifests) {
      const meta = (m.object.metadata ?? {}) as { name?: string; namespace?: string };
      const objNs = m.resource.namespaced ? meta.namespace : undefined;
      if (objNs && ctx.namespaceGiven && objNs !== ctx.namespace) {
        // cli-runtime mapper/visitor: the namespace from the file disagrees with -n
        throw new CmdError(`the namespace from the provided object "${objNs}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${objNs}' to perform this operation.`);
      }
      out.push({ kind: 'name', resource: m.resource, namespace: m.resource.namespaced ? objNs || ctx.namespace : undefined, name: meta.name ?? '', manifest: m });
    }
    return out;
  }
  const slashed = o.args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== o.args.length) {
      // builder.go ResourceTypeOrNameArgs
      throw new CmdError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    // builder.go: selectors cannot be combined with resource/name arguments
    if (selecting) throw new CmdError('selectors and the all flag cannot be used when passing resource/name arguments');
    for (const a of o.args) {
      const [type, name, ...extra] = a.split('/');
      // builder.go splitResourceTypeName
      if (!type || !name || extra.length) throw new CmdError('arguments in resource/name form must have a single resource and name');
      const info = resolveResource(type);
      if (o.allNamespaces && info.namespaced) throw new CmdError('a resource cannot be retrieved by name across all namespaces');
      out.push({ kind: 'name', resource: info, namespace: ns(info), name });
    }
    return out;
  }
  if (!o.args.length) return out;
  const types = resolveTypes(o.args[0]!);
  const names = o.args.slice(1);
  if (names.length) {
    // builder.go: "name cannot be provided when a selector is specified"
    if (selecting) throw new CmdError('name cannot be provided when a selector is specified');
    for (const info of types) {
      if (o.allNamespaces && info.namespaced) throw new CmdError('a resource cannot be retrieved by name across all namespaces');
      for (const name of names) out.push({ kind: 'name', resource: info, namespace: ns(info), name });
    }
    return out;
  }
  if (o.requireNames && !selecting) {
    // delete.go / builder.go RequireObject: "resource(s) were provided, but no name was specified"
    throw new CmdError('resource(s) were provided, but no name was specified');
  }
  for (const info of types) {
    out.push({ kind: 'list', resource: info, namespace: ns(info), labelSelector: o.labelSelector || undefined, fieldSelector: o.fieldSelector || undefined });
  }
  return out;
}

/** Fetch what a target names: one object, or the list's items (NotFound propagates as kubectl shows it). */
export async function fetchTarget(ctx: CommandContext, t: Target): Promise<KubeObject[]> {
  const api = ctx.env.api;
  if (t.kind === 'name') return [await api.get(t.resource.resource, t.namespace, t.name)];
  const list = await api.list(t.resource.resource, { namespace: t.namespace, labelSelector: t.labelSelector, fieldSelector: t.fieldSelector });
  return list.items;
}
