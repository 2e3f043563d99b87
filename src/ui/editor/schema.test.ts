// The generated editor schema (scripts/gen-editor-schema.mjs): every kind the course writes is
// chosen by its `kind:`, every $ref resolves, and the checks the editor promises are in it.
import { describe, expect, it } from 'vitest';
import engine from '../../engine/api/schema/k8s.json';
import schema from './k8s-editor-schema.json';

type Node = { [k: string]: unknown };
const defs = schema.definitions as Record<string, Node>;

function refsIn(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.add(v.replace('#/definitions/', ''));
      else refsIn(v, out);
    }
  }
  return out;
}

describe('k8s-editor-schema.json', () => {
  it('picks a definition for each simulated kind by `kind:`', () => {
    const picked = Object.fromEntries(
      schema.allOf.map((rule) => [(rule.if.properties.kind as { const: string }).const, rule.then.$ref.replace('#/definitions/', '')]),
    );
    expect(Object.keys(picked).sort()).toEqual(['ConfigMap', 'Deployment', 'Namespace', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'ReplicaSet', 'Secret', 'Service']);
    for (const [kind, def] of Object.entries(picked)) {
      const props = defs[def]!.properties as Record<string, { const?: string }>;
      expect(props.kind!.const).toBe(kind);
    }
    expect(picked.Deployment).toBe('io.k8s.api.apps.v1.Deployment');
    expect((defs[picked.Deployment!]!.properties as Record<string, { const?: string }>).apiVersion!.const).toBe('apps/v1');
  });

  it('resolves every $ref', () => {
    const missing = [...refsIn(schema, new Set())].filter((r) => !defs[r]);
    expect(missing).toEqual([]);
  });

  it('flags unknown fields, wrong types and bad enums, with the docs for hover', () => {
    const podSpec = defs['io.k8s.api.core.v1.PodSpec']!;
    expect(podSpec.additionalProperties).toBe(false);
    const restartPolicy = (podSpec.properties as Record<string, Node>).restartPolicy!;
    expect(restartPolicy.enum).toEqual(['Always', 'Never', 'OnFailure']);
    expect(restartPolicy.description).toMatch(/^Restart policy for all containers within the pod/);
    const port = (defs['io.k8s.api.core.v1.ContainerPort']!.properties as Record<string, Node>).containerPort!;
    expect(port.type).toBe('integer');
  });

  it('is the engine’s schema for those kinds (the fields the API server accepts)', () => {
    const engineDefs = engine.definitions as Record<string, unknown>;
    for (const [name, def] of Object.entries(defs)) expect(def).toEqual(engineDefs[name]);
    // a field the engine drops as newer than v1.32 is not offered either
    expect((defs['io.k8s.api.core.v1.PodSpec']!.properties as Record<string, unknown>).hostnameOverride).toBeUndefined();
  });
});
