// Generates src/engine/api/schema/k8s.json: JSON Schema (draft-07 style) definitions for the
// kinds Podlab serves, from the kubernetes-models type declarations (Kubernetes v1.36 JSDoc),
// trimmed back to v1.32. It drives strict decoding (unknown fields, type errors) and, later,
// `kubectl explain` and the editor. Run with `npm run gen:schema`; the output is committed.
//
// Post-processing on top of ts-json-schema-generator:
//  - definition names become OpenAPI names (`io.k8s.api.core.v1.PodSpec`);
//  - int32/int64 formats are restored from kubernetes-models' precompiled ajv validators
//    (TypeScript's `number` loses them);
//  - fields added to the API after v1.32 are dropped (NEWER_THAN_1_32 below);
//  - the "Possible enum values:" lists get their line breaks back (the JSDoc reader joins lines).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'src/engine/api/schema/k8s.json');

// [alias in scripts/k8s-types.ts, apiVersion, kind]
const KINDS = [
  ['K8sPod', 'v1', 'Pod'],
  ['K8sNode', 'v1', 'Node'],
  ['K8sNamespace', 'v1', 'Namespace'],
  ['K8sService', 'v1', 'Service'],
  ['K8sEndpoints', 'v1', 'Endpoints'],
  ['K8sPersistentVolumeClaim', 'v1', 'PersistentVolumeClaim'],
  ['K8sPersistentVolume', 'v1', 'PersistentVolume'],
  ['K8sConfigMap', 'v1', 'ConfigMap'],
  ['K8sSecret', 'v1', 'Secret'],
  ['K8sServiceAccount', 'v1', 'ServiceAccount'],
  ['K8sEvent', 'v1', 'Event'],
  ['K8sDeployment', 'apps/v1', 'Deployment'],
  ['K8sReplicaSet', 'apps/v1', 'ReplicaSet'],
  ['K8sStorageClass', 'storage.k8s.io/v1', 'StorageClass'],
  ['K8sEndpointSlice', 'discovery.k8s.io/v1', 'EndpointSlice'],
  ['K8sLease', 'coordination.k8s.io/v1', 'Lease'],
];

// kubernetes-models file prefixes → OpenAPI package names.
const PACKAGES = {
  v1: ['IoK8sApiCoreV1', 'io.k8s.api.core.v1'],
  'apps/v1': ['IoK8sApiAppsV1', 'io.k8s.api.apps.v1'],
  'storage.k8s.io/v1': ['IoK8sApiStorageV1', 'io.k8s.api.storage.v1'],
  'discovery.k8s.io/v1': ['IoK8sApiDiscoveryV1', 'io.k8s.api.discovery.v1'],
  'coordination.k8s.io/v1': ['IoK8sApiCoordinationV1', 'io.k8s.api.coordination.v1'],
};
const SHARED_PACKAGES = [
  ['IoK8sApimachineryPkgApisMetaV1', 'io.k8s.apimachinery.pkg.apis.meta.v1'],
  ['IoK8sApimachineryPkgApiResource', 'io.k8s.apimachinery.pkg.api.resource'],
  ['IoK8sApimachineryPkgUtilIntstr', 'io.k8s.apimachinery.pkg.util.intstr'],
  ['IoK8sApimachineryPkgRuntime', 'io.k8s.apimachinery.pkg.runtime'],
];

// Fields kubernetes-models (v1.36) has that a v1.32 API server does not: a v1.32 server rejects
// them as unknown. Keyed by OpenAPI definition name. (Fields that are alpha in 1.32, such as
// PodSpec.resources, stay: the field exists, the feature gate is off.)
const NEWER_THAN_1_32 = {
  'io.k8s.api.core.v1.PodSpec': ['hostnameOverride', 'schedulingGroup', 'workloadRef'], // 1.34+
  'io.k8s.api.core.v1.Container': ['restartPolicyRules'], // 1.34 ContainerRestartRules
  'io.k8s.api.core.v1.EphemeralContainer': ['restartPolicyRules'],
  'io.k8s.api.core.v1.Lifecycle': ['stopSignal'], // 1.33 ContainerStopSignals
  'io.k8s.api.core.v1.ContainerStatus': ['stopSignal'],
  'io.k8s.api.core.v1.EnvVarSource': ['fileKeyRef'], // 1.34 EnvFiles
  'io.k8s.api.core.v1.VolumeProjection': ['podCertificate'], // 1.34 PodCertificateRequest
  'io.k8s.api.core.v1.PodStatus': ['observedGeneration', 'extendedResourceClaimStatus', 'allocatedResources', 'resources', 'nodeAllocatableResourceClaimStatuses'], // 1.33+
  'io.k8s.api.core.v1.VolumeMountStatus': ['volumeStatus'], // image volume digests, after 1.32
  'io.k8s.api.core.v1.PodCondition': ['observedGeneration'], // 1.33 PodObservedGenerationTracking
  'io.k8s.api.core.v1.NodeStatus': ['declaredFeatures'], // 1.35
  'io.k8s.api.core.v1.NodeSystemInfo': ['swap'], // 1.33
  'io.k8s.api.apps.v1.DeploymentStatus': ['terminatingReplicas'], // 1.33 DeploymentReplicaSetTerminatingReplicas
  'io.k8s.api.apps.v1.ReplicaSetStatus': ['terminatingReplicas'],
  'io.k8s.api.discovery.v1.EndpointHints': ['forNodes'], // 1.33 PreferSameTrafficDistribution
};
// Definitions that only exist for dropped fields go too (found by reachability below).

function schemasDirFor(prefix) {
  return prefix.startsWith('IoK8sApimachinery')
    ? path.join(root, 'node_modules/@kubernetes-models/apimachinery/_schemas')
    : path.join(root, 'node_modules/kubernetes-models/_schemas');
}

/** Find which package a bare type name (PodSpec) belongs to: the kind's own package first. */
function resolveName(bare, apiVersion) {
  const order = [PACKAGES[apiVersion], PACKAGES.v1, ...SHARED_PACKAGES];
  for (const [prefix, openapi] of order) {
    const file = path.join(schemasDirFor(prefix), `${prefix}${bare}.js`);
    if (fs.existsSync(file)) return { name: `${openapi}.${bare}`, file };
  }
  return { name: bare, file: undefined };
}

/**
 * int32/int64 per property, read from a precompiled ajv validator: each property is checked by
 * `void 0!==data.<prop>&&(validateN(...` and validateN carries `params:{format:"int32"}`.
 */
function formatsFromValidator(file) {
  const src = fs.readFileSync(file, 'utf8');
  const fnFormat = new Map();
  const fnRe = /function (validate\d+)\(/g;
  const starts = [...src.matchAll(fnRe)].map((m) => ({ name: m[1], at: m.index }));
  const calls = new Map();
  starts.forEach((s, i) => {
    const body = src.slice(s.at, i + 1 < starts.length ? starts[i + 1].at : src.length);
    const f = /params:\{format:"(int32|int64)"\}/.exec(body);
    if (f) fnFormat.set(s.name, f[1]);
    calls.set(s.name, [...body.matchAll(/\b(validate\d+)\(data\[/g)].map((m) => m[1]));
  });
  // An array validator checks its items through another function: inherit the items' format.
  for (const [fn, callees] of calls) {
    if (fnFormat.has(fn)) continue;
    const inherited = callees.map((c) => fnFormat.get(c)).find(Boolean);
    if (inherited) fnFormat.set(fn, inherited);
  }
  const props = new Map();
  const propRe = /void 0!==data(?:\.([A-Za-z_$][\w$]*)|\["([^"]+)"\])&&\((validate\d+)\(/g;
  for (const m of src.matchAll(propRe)) {
    const fmt = fnFormat.get(m[3]);
    if (fmt) props.set(m[1] ?? m[2], fmt);
  }
  return props;
}

function applyFormat(prop, fmt) {
  if (prop.type === 'number') {
    prop.type = 'integer';
    prop.format = fmt;
  } else if (prop.type === 'array' && prop.items?.type === 'number') {
    prop.items = { ...prop.items, type: 'integer', format: fmt };
  }
}

// The API's OpenAPI text lists enum values one per line (" - `"Always"` ..."); the JSDoc reader
// joined those lines with a space, leaving "  - `". kubectl explain prints the lines as they are.
function restoreEnumLists(node) {
  if (Array.isArray(node)) return node.map(restoreEnumLists);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' && typeof v === 'string') {
      const at = v.indexOf('Possible enum values:');
      out[k] = at < 0 ? v : v.slice(0, at) + v.slice(at).replaceAll('  - `', '\n - `');
    } else out[k] = restoreEnumLists(v);
  }
  return out;
}

function rewriteRefs(node, rename) {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, rename));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const target = v.replace('#/definitions/', '');
      out[k] = `#/definitions/${rename.get(target) ?? target}`;
    } else out[k] = rewriteRefs(v, rename);
  }
  return out;
}

function collectRefs(node, into) {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v.replace('#/definitions/', ''));
      else collectRefs(v, into);
    }
  }
}

const generator = createGenerator({
  path: path.join(root, 'scripts/k8s-types.ts'),
  tsconfig: path.join(root, 'tsconfig.json'),
  type: '*',
  skipTypeCheck: true,
  additionalProperties: false,
  jsDoc: 'extended',
  sortProps: true,
});

const definitions = {};
const kinds = {};
for (const [alias, apiVersion, kind] of KINDS) {
  const schema = generator.createSchema(alias);
  const defs = schema.definitions;
  const rename = new Map();
  const files = new Map();
  for (const name of Object.keys(defs)) {
    if (name.startsWith('K8s')) continue;
    const bare = name.replace(/^I/, '');
    const r = resolveName(bare, apiVersion);
    rename.set(name, r.name);
    if (r.file) files.set(r.name, r.file);
  }
  const rootRef = defs[alias].$ref.replace('#/definitions/', '');
  kinds[`${apiVersion}/${kind}`] = rename.get(rootRef);
  for (const [name, def] of Object.entries(defs)) {
    if (name.startsWith('K8s')) continue;
    const full = rename.get(name);
    const next = restoreEnumLists(rewriteRefs(def, rename));
    const file = files.get(full);
    if (file && next.properties) {
      for (const [prop, fmt] of formatsFromValidator(file)) if (next.properties[prop]) applyFormat(next.properties[prop], fmt);
    }
    // FieldsV1 (managedFields) is free-form JSON: the generator's `additionalProperties: false`
    // would make every key in it "unknown".
    if (next.type === 'object' && !next.properties && next.additionalProperties === false) delete next.additionalProperties;
    for (const drop of NEWER_THAN_1_32[full] ?? []) {
      delete next.properties?.[drop];
      if (next.required) next.required = next.required.filter((r) => r !== drop);
    }
    if (definitions[full] && JSON.stringify(definitions[full]) !== JSON.stringify(next)) {
      throw new Error(`definition ${full} differs between kinds`);
    }
    definitions[full] = next;
  }
}

// Drop definitions no kind can reach any more (they only served removed fields).
const reachable = new Set();
const queue = Object.values(kinds);
while (queue.length) {
  const name = queue.pop();
  if (reachable.has(name) || !definitions[name]) continue;
  reachable.add(name);
  const refs = new Set();
  collectRefs(definitions[name], refs);
  queue.push(...refs);
}
const sorted = {};
for (const name of Object.keys(definitions).sort()) if (reachable.has(name)) sorted[name] = definitions[name];

const out = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: 'Generated by scripts/gen-k8s-schema.mjs from kubernetes-models (v1.36 docs), trimmed to Kubernetes v1.32. Do not edit.',
  kinds,
  definitions: sorted,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(out));
console.log(`wrote ${path.relative(root, OUT)}: ${Object.keys(kinds).length} kinds, ${Object.keys(sorted).length} definitions, ${fs.statSync(OUT).size} bytes`);
