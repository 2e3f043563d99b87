import { describe, it, expect } from 'vitest';
import {
  checkDecode, decodeFailure, definitionFor, k8sSchema, strictDecodingError, unknownFields,
} from './strict';

const pod = (spec: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'x' } }, spec, ...extra,
});

describe('unknownFields', () => {
  it('reports a misspelled container field with its list index', () => {
    expect(unknownFields(pod({ containers: [{ name: 'web', imag: 'nginx' }] }))).toEqual(['spec.containers[0].imag']);
  });

  it('walks nested lists and reports every unknown field in sorted key order', () => {
    const obj = pod({
      containers: [
        { name: 'a', image: 'nginx' },
        { name: 'b', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 81, protocl: 'TCP' }], zzz: 1 },
      ],
      restartPolcy: 'Never',
    });
    expect(unknownFields(obj)).toEqual(['spec.containers[1].ports[1].protocl', 'spec.containers[1].zzz', 'spec.restartPolcy']);
  });

  it('does not flag label, annotation or nodeSelector keys (maps)', () => {
    const obj = pod({ containers: [{ name: 'web', image: 'nginx' }], nodeSelector: { disktype: 'ssd' } },
      { metadata: { name: 'web', labels: { anything: 'goes' }, annotations: { 'example.com/x': 'y' } } });
    expect(unknownFields(obj)).toEqual([]);
  });

  it('accepts what `kubectl get -o yaml` prints (status, managedFields, timestamps)', () => {
    const obj = pod({ containers: [{ name: 'web', image: 'nginx' }], nodeName: 'n' }, {
      metadata: { name: 'web', uid: 'u', resourceVersion: '5', creationTimestamp: '2026-11-21T12:00:00Z', managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:containers': {} } } }] },
      status: { phase: 'Running', qosClass: 'BestEffort', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-21T12:00:00Z' }], containerStatuses: [{ name: 'web', ready: true, restartCount: 0, image: 'nginx', imageID: 'x', state: { running: { startedAt: '2026-11-21T12:00:01Z' } } }] },
    });
    expect(unknownFields(obj)).toEqual([]);
    expect(decodeFailure(obj)).toBeUndefined();
  });

  it('reports an unknown top-level key without a leading dot', () => {
    expect(unknownFields(pod({ containers: [{ name: 'web', image: 'nginx' }] }, { specs: {} }))).toEqual(['specs']);
  });

  it('is case-sensitive like the server (Image is not image)', () => {
    expect(unknownFields(pod({ containers: [{ name: 'web', Image: 'nginx' }] }))).toEqual(['spec.containers[0].Image']);
  });

  it('knows inline fields (probe handlers, volume sources) and resources maps', () => {
    const obj = pod({
      containers: [{
        name: 'web', image: 'nginx',
        livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
        resources: { limits: { cpu: '1', memory: '1Gi' } },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      }],
      volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg', itemz: [] } }],
    });
    expect(unknownFields(obj)).toEqual(['spec.volumes[1].configMap.itemz']);
  });

  it('serves the other kinds (Deployment templates, Service ports)', () => {
    const deploy = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx', imagee: 'x' }] } } },
    };
    expect(unknownFields(deploy)).toEqual(['spec.template.spec.containers[0].imagee']);
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'http', nodeport: 1 }] } };
    expect(unknownFields(svc)).toEqual(['spec.ports[0].nodeport']);
  });

  it('drops fields newer than v1.32 from the schema', () => {
    const spec = k8sSchema.definitions['io.k8s.api.core.v1.PodSpec']!;
    expect(spec.properties!.hostnameOverride).toBeUndefined();
    expect(spec.properties!.schedulingGates).toBeDefined();
    expect(unknownFields(pod({ containers: [{ name: 'web', image: 'nginx' }], hostnameOverride: 'h' }))).toEqual(['spec.hostnameOverride']);
  });

  it('keeps int32/int64 formats in the schema', () => {
    expect(k8sSchema.definitions['io.k8s.api.core.v1.ContainerPort']!.properties!.containerPort).toMatchObject({ type: 'integer', format: 'int32' });
    expect(k8sSchema.definitions['io.k8s.api.core.v1.PodSpec']!.properties!.terminationGracePeriodSeconds).toMatchObject({ type: 'integer', format: 'int64' });
  });

  it('ignores strategic-merge directives and nulls in patches', () => {
    const patch = { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { a: null } }, spec: { $setElementOrder: [], containers: [{ name: 'web', $patch: 'delete', imag: null }] } };
    expect(unknownFields(patch, true)).toEqual([]);
    expect(unknownFields(patch)).toEqual(['spec.$setElementOrder', 'spec.containers[0].$patch', 'spec.containers[0].imag']);
  });

  it('returns nothing for kinds it does not serve', () => {
    expect(definitionFor('batch/v1', 'Job')).toBeUndefined();
    expect(unknownFields({ apiVersion: 'batch/v1', kind: 'Job', spec: { x: 1 } })).toEqual([]);
  });
});

describe('strictDecodingError', () => {
  it('formats the BadRequest the server sends', () => {
    const err = strictDecodingError('Pod', 'v1', ['spec.containers[0].imag', 'spec.restartPolcy']);
    expect(err.status.reason).toBe('BadRequest');
    expect(err.status.code).toBe(400);
    expect(err.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imag", unknown field "spec.restartPolcy"');
  });
});

describe('decode type errors', () => {
  it('reports a string where an int32 belongs, with the Go struct and field stack', () => {
    const obj = pod({ containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: '80' }] }] });
    expect(decodeFailure(obj)).toBe('json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
  });

  it('reports a number where a struct list element belongs', () => {
    const obj = pod({ containers: [{ name: 'web', image: 'nginx', ports: [80] }] });
    expect(decodeFailure(obj)).toBe('json: cannot unmarshal number into Go struct field Container.spec.containers.ports of type v1.ContainerPort');
  });

  it('reports replicas: "three" on a Deployment', () => {
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 'three' } };
    const err = checkDecode(deploy)!;
    expect(err.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('reports non-string label values and named string types', () => {
    expect(decodeFailure(pod({ containers: [] }, { metadata: { name: 'x', labels: { tier: 1 } } })))
      .toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    expect(decodeFailure(pod({ containers: [{ name: 'web', image: 'nginx' }], restartPolicy: true })))
      .toBe('json: cannot unmarshal bool into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy');
    expect(decodeFailure(pod({ containers: { name: 'web' } })))
      .toBe('json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container');
    expect(decodeFailure(pod({ containers: [{ name: 'web', image: 'nginx' }], terminationGracePeriodSeconds: 1.5 })))
      .toBe('json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64');
  });

  it('reports a bad quantity as the bare parse error', () => {
    const obj = pod({ containers: [{ name: 'web', image: 'nginx', resources: { limits: { memory: '1GB' } } }] });
    const err = checkDecode(obj)!;
    expect(err.message).toBe("Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(decodeFailure(pod({ containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: 0.5 } } }] }))).toBeUndefined();
  });

  it('reports an IntOrString that is neither', () => {
    const obj = pod({ containers: [{ name: 'web', image: 'nginx', livenessProbe: { tcpSocket: { port: true } } }] });
    expect(decodeFailure(obj)).toBe('json: cannot unmarshal bool into Go value of type int32');
  });

  it('keeps only the first error and prefers it over unknown fields', () => {
    const obj = pod({ containers: [{ name: 'web', image: 'nginx', imag: 'x', ports: [{ containerPort: 'a', hostPort: 'b' }] }] });
    const err = checkDecode(obj)!;
    expect(err.message).toContain('ContainerPort.spec.containers.ports.containerPort of type int32');
    expect(checkDecode(pod({ containers: [{ name: 'web', image: 'nginx', imag: 'x' }] }))!.message).toContain('strict decoding error');
    expect(checkDecode(pod({ containers: [{ name: 'web', image: 'nginx', imag: 'x' }] }), { strict: false })).toBeUndefined();
  });

  it('decodes Secret data as base64 like encoding/json', () => {
    const secret = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
    expect(checkDecode(secret({ password: 'hello' }))!.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
    expect(checkDecode(secret({ password: 'aGVsbG8=' }))).toBeUndefined();
    expect(decodeFailure(secret({ n: 5 }))).toBe('json: cannot unmarshal number into Go struct field Secret.data of type []uint8');
  });
});
