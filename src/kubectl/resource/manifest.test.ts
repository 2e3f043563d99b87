import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifest';

// Each case: the file and what the real kubectl v1.32 printed for `kubectl create -f` (checked on
// this machine with kubectl.1.32; client-side, before any request to a server).
const REAL: [string, string, string][] = [
  ['b1.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec:\n  containers: []\n', 'error parsing b1.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key'],
  ['b2.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', 'error parsing b2.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token'],
  ['b3.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    app: web\n   tier: x\n', 'error parsing b3.yaml: error converting YAML to JSON: yaml: line 6: did not find expected key'],
  ['b4.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\n', 'error parsing b4.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream'],
  ['b6.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n   - name: c\n', 'error parsing b6.yaml: error converting YAML to JSON: yaml: line 6: did not find expected key'],
  ['b7.yaml', 'a: [1, 2\n', "error parsing b7.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"],
  ['b8.yaml', 'a: b\na: c\nkind: Pod\n', 'error validating "b8.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false'],
  ['c1.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n', 'error validating "c1.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false'],
  ['c3.yaml', 'metadata:\n  name: x\n', 'error validating "c3.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false'],
  ['c4.yaml', '- a\n- b\n', 'error validating "c4.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false'],
];

const REAL_NO_VALIDATE: [string, string, string][] = [
  ['c1.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n', `unable to decode "c1.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`],
  ['c3.yaml', 'metadata:\n  name: x\n', `unable to decode "c3.yaml": Object 'Kind' is missing in '{"metadata":{"name":"x"}}'`],
  ['c4.yaml', '- a\n- b\n', 'unable to decode "c4.yaml": json: cannot unmarshal array into Go value of type unstructured.detector'],
  ['c5.yaml', 'hello\n', 'unable to decode "c5.yaml": json: cannot unmarshal string into Go value of type unstructured.detector'],
];

describe('reading manifests', () => {
  it.each(REAL)('%s fails as real kubectl does', (source, text, want) => {
    expect(() => parseManifests(text, source)).toThrow(want);
  });

  it.each(REAL_NO_VALIDATE)('%s with --validate=false fails as real kubectl does', (source, text, want) => {
    expect(() => parseManifests(text, source, { validate: false })).toThrow(want);
  });

  it('reads several documents and expands Lists, mapping each to its resource', () => {
    const text = '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\n\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: d\n';
    const got = parseManifests(text, 'all.yaml').map((m) => `${m.resource.resource}/${(m.object.metadata as { name: string }).name}`);
    expect(got).toEqual(['pods/a', 'services/s', 'deployments/d']);
  });

  it('names the kind and version the server does not serve', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Deployment\nmetadata:\n  name: d\n', 'd.yaml')).toThrow(
      'resource mapping not found for name: "d" namespace: "" from "d.yaml": no matches for kind "Deployment" in version "v1"\nensure CRDs are installed first',
    );
  });

  it('counts lines from the start of the failing document', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n\tname: b\n';
    expect(() => parseManifests(text, 'two.yaml')).toThrow('yaml: line 4: found character that cannot start any token');
  });

  it('reads JSON too', () => {
    const got = parseManifests('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}', 'c.json');
    expect(got[0]!.resource.kind).toBe('ConfigMap');
  });
});
