// Test-only (Node): the API server's OpenAPI v3 documents (/openapi/v3 and /openapi/v3/<gv>),
// built from Podlab's generated schema, so the real kubectl can run `explain` against the
// loopback server (real-kubectl.ts, option `openapi`). Shapes follow kube-openapi's v3 builder:
// a `$ref` with a description becomes `allOf: [{ $ref }]` next to it; kinds carry
// x-kubernetes-group-version-kind; each resource's list path carries its GVK on `get`.
import { k8sSchema, type ResourceInfo, type SchemaNode } from '../../engine/index';

const gvPath = (i: ResourceInfo): string => (i.group ? `apis/${i.group}/${i.version}` : `api/${i.version}`);

/** The root document: one entry per group/version that has schemas. */
export function openAPIV3Root(all: readonly ResourceInfo[]): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const i of all) {
    if (!kindDefinition(i)) continue;
    const p = gvPath(i);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=podlab` };
  }
  return { paths };
}

/** The document of one group/version (`api/v1`, `apis/apps/v1`), or undefined. */
export function openAPIV3Document(gv: string, all: readonly ResourceInfo[]): unknown {
  const infos = all.filter((i) => gvPath(i) === gv && kindDefinition(i));
  if (!infos.length) return undefined;
  const paths: Record<string, unknown> = {};
  for (const i of infos) {
    const base = `/${gvPath(i)}${i.namespaced ? '/namespaces/{namespace}' : ''}/${i.resource}`;
    paths[base] = { get: { 'x-kubernetes-group-version-kind': { group: i.group, version: i.version, kind: i.kind } } };
  }
  const gvkOf = new Map<string, unknown>();
  for (const [key, def] of Object.entries(k8sSchema.kinds)) {
    const slash = key.lastIndexOf('/');
    const [group, version] = key.slice(0, slash).includes('/') ? key.slice(0, slash).split('/') : ['', key.slice(0, slash)];
    gvkOf.set(def, [{ group, version, kind: key.slice(slash + 1) }]);
  }
  const schemas: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(k8sSchema.definitions)) {
    const out = convert(def) as Record<string, unknown>;
    const gvk = gvkOf.get(name);
    if (gvk) out['x-kubernetes-group-version-kind'] = gvk;
    schemas[name] = out;
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

function kindDefinition(i: ResourceInfo): string | undefined {
  return k8sSchema.kinds[`${i.group ? `${i.group}/` : ''}${i.version}/${i.kind}`];
}

/** JSON-Schema node → OpenAPI v3 node. */
function convert(node: SchemaNode): unknown {
  const out: Record<string, unknown> = {};
  if (node.description !== undefined) out.description = node.description;
  if (node.$ref) {
    const ref = node.$ref.replace('#/definitions/', '#/components/schemas/');
    if (node.description === undefined) return { $ref: ref };
    out.allOf = [{ $ref: ref }];
    return out;
  }
  // Quantity, IntOrString: oneOf types, no single `type`
  if (Array.isArray(node.type)) out.oneOf = node.type.map((t) => ({ type: t }));
  else if (node.type) out.type = node.type;
  if (node.format) out.format = node.format;
  if (node.enum) out.enum = node.enum;
  if (node.items) out.items = convert(node.items);
  if (typeof node.additionalProperties === 'object') out.additionalProperties = convert(node.additionalProperties);
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, convert(v)]));
    // apiVersion/kind are `const` (and required) only in the generated schema
    const required = (node.required ?? []).filter((r) => node.properties?.[r]?.const === undefined);
    if (required.length) out.required = required;
  }
  return out;
}
