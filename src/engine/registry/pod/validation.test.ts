import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types';
import { defaultPod, type PodLike } from './defaults';
import { validatePodCreate, validateTemplatePodSpec } from './validation';
import { defaultPodSpec } from './defaults';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { errorOf, newStore, pod } from './testutil';

/** The field errors of a defaulted pod, as `<field>: <body>` strings. */
function errorsOf(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): string[] {
  const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '', creationTimestamp: '', ...meta }, spec } as unknown as KubeObject;
  defaultPod(p as PodLike);
  return validatePodCreate(p).map((e) => e.toString());
}

const c = (extra: Record<string, unknown> = {}) => ({ name: 'web', image: 'nginx', ...extra });

describe('names (facts §6.2)', () => {
  it('checks container names as DNS-1123 labels', () => {
    expect(errorsOf({ containers: [c({ name: 'Web' })] })).toEqual([
      "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(errorsOf({ containers: [c({ name: 'web.v1' })] })).toEqual(['spec.containers[0].name: Invalid value: "web.v1": must not contain dots']);
    expect(errorsOf({ containers: [c({ name: 'a'.repeat(64) })] })[0]).toBe(`spec.containers[0].name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`);
  });

  it('reports the missing name through the store (meta) as the full Invalid message', () => {
    const store = newStore();
    expect(errorOf(() => store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [c()] } })))
      .toBe('Pod "" is invalid: metadata.name: Required value: name or generateName is required');
  });
});

describe('containers', () => {
  it('requires containers, names and images', () => {
    expect(errorsOf({ containers: [] })).toEqual(['spec.containers: Required value']);
    expect(errorsOf({ containers: [{ image: 'nginx' }] })).toEqual(['spec.containers[0].name: Required value']);
    expect(errorsOf({ containers: [{ name: 'web' }] })).toEqual(['spec.containers[0].image: Required value']);
  });

  it('finds duplicate names, init containers included', () => {
    expect(errorsOf({ containers: [c(), c()] })).toEqual(['spec.containers[1].name: Duplicate value: "web"']);
    expect(errorsOf({ initContainers: [c()], containers: [c()] })).toEqual(['spec.initContainers[0].name: Duplicate value: "web"']);
  });

  it('checks ports', () => {
    expect(errorsOf({ containers: [c({ ports: [{ containerPort: 70000 }] })] }))
      .toEqual(['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']);
    expect(errorsOf({ containers: [c({ ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81, hostPort: 99999 }] })] }))
      .toEqual(['spec.containers[0].ports[1].hostPort: Invalid value: 99999: must be between 1 and 65535, inclusive']);
    expect(errorsOf({ containers: [c({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] }))
      .toEqual(['spec.containers[0].ports[1].name: Duplicate value: "http"']);
    expect(errorsOf({ containers: [c({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] }))
      .toEqual(['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']);
    expect(errorsOf({ containers: [c({ ports: [{ name: 'web_port', containerPort: 80 }] })] }))
      .toEqual(['spec.containers[0].ports[0].name: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
  });

  it('rejects duplicate host ports across containers', () => {
    expect(errorsOf({ containers: [c({ ports: [{ containerPort: 80, hostPort: 8080 }] }), c({ name: 'b', ports: [{ containerPort: 81, hostPort: 8080 }] })] }))
      .toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
  });

  it('checks enums', () => {
    expect(errorsOf({ restartPolicy: 'Sometimes', containers: [c()] }))
      .toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']);
    expect(errorsOf({ containers: [c({ imagePullPolicy: 'Sometimes' })] }))
      .toEqual(['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']);
    expect(errorsOf({ dnsPolicy: 'Google', containers: [c()] }))
      .toEqual(['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']);
  });

  it('checks resources: requests within limits, resource names', () => {
    expect(errorsOf({ containers: [c({ resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } })] }))
      .toEqual(['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']);
    expect(errorsOf({ containers: [c({ resources: { limits: { memory: '128Mi' }, requests: { memory: '256Mi' } } })] }))
      .toEqual(['spec.containers[0].resources.requests: Invalid value: "256Mi": must be less than or equal to memory limit of 128Mi']);
    expect(errorsOf({ containers: [c({ resources: { requests: { cpu: '-1' } } })] }))
      .toEqual(['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0']);
    expect(errorsOf({ containers: [c({ resources: { limits: { gpu: '1' } } })] })).toEqual([
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
    expect(errorsOf({ containers: [c({ resources: { limits: { 'nvidia.com/gpu': '1' } } })] })).toEqual([]);
  });

  it('checks probes', () => {
    expect(errorsOf({ containers: [c({ livenessProbe: { httpGet: { path: '/', port: 80 }, successThreshold: 2 } })] }))
      .toEqual(['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']);
    expect(errorsOf({ containers: [c({ startupProbe: { exec: { command: ['true'] }, successThreshold: 3 } })] }))
      .toEqual(['spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1']);
    expect(errorsOf({ containers: [c({ readinessProbe: { periodSeconds: 5 } })] }))
      .toEqual(['spec.containers[0].readinessProbe: Required value: must specify a handler type']);
    expect(errorsOf({ containers: [c({ livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } })] }))
      .toEqual(['spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type']);
    expect(errorsOf({ containers: [c({ readinessProbe: { exec: {} } })] })).toEqual(['spec.containers[0].readinessProbe.exec.command: Required value']);
    expect(errorsOf({ containers: [c({ readinessProbe: { httpGet: { port: 0 } } })] }))
      .toEqual(['spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive']);
    expect(errorsOf({ containers: [c({ livenessProbe: { tcpSocket: { port: 'http' }, initialDelaySeconds: -5 } })] }))
      .toEqual(['spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -5: must be greater than or equal to 0']);
  });

  it('forbids probes and lifecycle on init containers unless they are sidecars', () => {
    const probe = { exec: { command: ['true'] } };
    expect(errorsOf({ initContainers: [c({ name: 'init', livenessProbe: probe, lifecycle: { preStop: probe } })], containers: [c()] })).toEqual([
      'spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
    expect(errorsOf({ initContainers: [c({ name: 'side', restartPolicy: 'Always', livenessProbe: probe })], containers: [c()] })).toEqual([]);
    expect(errorsOf({ initContainers: [c({ name: 'side', restartPolicy: 'OnFailure' })], containers: [c()] }))
      .toEqual(['spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']);
    expect(errorsOf({ containers: [c({ restartPolicy: 'Always' })] })).toEqual(['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']);
  });

  it('checks env names (relaxed in 1.32) and sources', () => {
    expect(errorsOf({ containers: [c({ env: [{ name: '1-ok.too' }, { name: 'A=B' }, { name: '' }] })] })).toEqual([
      "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      'spec.containers[0].env[2].name: Required value',
    ]);
    expect(errorsOf({ containers: [c({ env: [{ name: 'X', value: 'v', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }] })] }))
      .toEqual(['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty']);
    expect(errorsOf({ containers: [c({ env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }] })] })).toEqual([
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ]);
  });
});

describe('volumes and mounts', () => {
  it('checks volume names and sources', () => {
    expect(errorsOf({ containers: [c()], volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }] }))
      .toEqual(['spec.volumes[1].name: Duplicate value: "data"']);
    expect(errorsOf({ containers: [c()], volumes: [{ emptyDir: {} }] })).toEqual(['spec.volumes[0].name: Required value']);
    expect(errorsOf({ containers: [c()], volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }] }))
      .toEqual(['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']);
    expect(errorsOf({ containers: [c()], volumes: [{ name: 'cfg', configMap: {} }] })).toEqual(['spec.volumes[0].configMap.name: Required value']);
    expect(errorsOf({ containers: [c()], volumes: [{ name: 'p', persistentVolumeClaim: {} }] })).toEqual(['spec.volumes[0].persistentVolumeClaim.claimName: Required value']);
    expect(errorsOf({ containers: [c()], volumes: [{ name: 'h', hostPath: { path: '/a/../b', type: 'Dir' } }] })).toEqual([
      "spec.volumes[0].hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
      'spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ]);
  });

  it('requires mounts to name a volume and a unique path', () => {
    expect(errorsOf({ containers: [c({ volumeMounts: [{ name: 'x', mountPath: '/x' }] })] }))
      .toEqual(['spec.containers[0].volumeMounts[0].name: Not found: "x"']);
    expect(errorsOf({ containers: [c({ volumeMounts: [{ name: 'd', mountPath: '/d' }, { name: 'd', mountPath: '/d' }, { name: 'd' }] })], volumes: [{ name: 'd', emptyDir: {} }] })).toEqual([
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique',
      'spec.containers[0].volumeMounts[2].mountPath: Required value',
    ]);
    // a volume that failed validation cannot be mounted either
    expect(errorsOf({ containers: [c({ volumeMounts: [{ name: 'Bad', mountPath: '/b' }] })], volumes: [{ name: 'Bad', emptyDir: {} }] })[1])
      .toBe('spec.containers[0].volumeMounts[0].name: Not found: "Bad"');
  });
});

describe('pod-level fields', () => {
  it('checks labels and annotations with the apimachinery messages', () => {
    expect(errorsOf({ containers: [c()] }, { labels: { 'app name': 'web', tier: 'front end' } })).toEqual([
      "metadata.labels: Invalid value: \"app name\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "metadata.labels: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
    expect(errorsOf({ containers: [c()] }, { annotations: { 'example.com/Ok': 'x', '/bad': 'y' } }))
      .toEqual(['metadata.annotations: Invalid value: "/bad": prefix part must be non-empty']);
    expect(errorsOf({ containers: [c()], nodeSelector: { disk: 's s d' } })[0]).toMatch(/^spec\.nodeSelector: Invalid value: "s s d": a valid label must be/);
  });

  it('checks tolerations', () => {
    expect(errorsOf({ containers: [c()], tolerations: [{ key: 'k', operator: 'Maybe' }, { key: 'k', operator: 'Exists', value: 'v', effect: 'NoWay' }, { operator: 'Equal', value: 'x' }, { key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] })).toEqual([
      'spec.tolerations[0].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
      "spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
      'spec.tolerations[1].effect: Unsupported value: "NoWay": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'spec.tolerations[2].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      "spec.tolerations[3].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    ]);
  });

  it('checks deadlines, host names and the host network ports', () => {
    expect(errorsOf({ containers: [c()], activeDeadlineSeconds: 0 }))
      .toEqual(['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']);
    expect(errorsOf({ containers: [c()], hostname: 'My_Host' })[0]).toMatch(/^spec\.hostname: Invalid value: "My_Host": a lowercase RFC 1123 label/);
    expect(errorsOf({ hostNetwork: true, containers: [c({ ports: [{ containerPort: 80, hostPort: 8080 }] })] }))
      .toEqual(['spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true']);
    expect(errorsOf({ containers: [c()], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }))
      .toEqual(['spec.ephemeralContainers: Forbidden: cannot be set on create']);
  });

  it('reports every error, in upstream order, in one Invalid status', () => {
    const store = newStore();
    const err = errorOf(() => store.create('pods', pod({ restartPolicy: 'Sometimes', containers: [{ name: 'Web' }, { name: 'b', image: 'x', ports: [{ containerPort: 0 }] }] })));
    expect(err).toBe('Pod "web" is invalid: ['
      + "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), "
      + 'spec.containers[0].image: Required value, '
      + 'spec.containers[1].ports[0].containerPort: Required value, '
      + 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]');
  });
});

describe('validateTemplatePodSpec (Deployment/ReplicaSet templates)', () => {
  it('reports at the template path and allows an unset hostPort under hostNetwork', () => {
    const spec = { hostNetwork: true, containers: [{ name: 'Web', image: 'x', ports: [{ containerPort: 80 }] }] } as PodSpec;
    defaultPodSpec(spec);
    expect(validateTemplatePodSpec(spec, 'spec.template.spec').map(String)).toEqual([
      "spec.template.spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});
