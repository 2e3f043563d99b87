import { describe, it, expect } from 'vitest';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { defaultPod, defaultPodSpec } from './defaults';
import { defaultPullPolicy, parseImageName } from './image';
import { errorOf, kubectlRunPod, newStore } from './testutil';

describe('kubectl run nginx --image=nginx, as stored (facts §9)', () => {
  it('gets the server-side defaults, admission and status', () => {
    const store = newStore();
    const p = store.create('pods', kubectlRunPod());
    const vol = p.spec.volumes![0]!.name;
    expect(vol).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec).toEqual({
      containers: [{
        image: 'nginx', name: 'nginx', resources: {},
        imagePullPolicy: 'Always',
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true }],
      }],
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', enableServiceLinks: true, securityContext: {},
      terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
      serviceAccountName: 'default', serviceAccount: 'default',
      priority: 0, preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [{
        name: vol,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      }],
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(p.metadata.labels).toEqual({ run: 'nginx' });
  });
});

describe('imagePullPolicy (SetDefaults_Container + parsers.ParseImageName)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['busybox:1.36', 'IfNotPresent'],
    ['registry:5000/x/y:tag', 'IfNotPresent'],
    ['registry:5000/x/y', 'Always'],
    ['localhost:5000/app:latest', 'Always'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`registry:5000/x/y:tag@sha256:${'b'.repeat(64)}`, 'IfNotPresent'],
    ['NGINX', 'IfNotPresent'], // does not parse: no tag, so not "latest"
    ['', 'IfNotPresent'],
  ])('%s → %s', (image, want) => {
    expect(defaultPullPolicy(image)).toBe(want);
  });

  it('keeps a policy the user set', () => {
    const p = { spec: { containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Never' }] } as PodSpec };
    defaultPod(p);
    expect(p.spec.containers[0]!.imagePullPolicy).toBe('Never');
  });

  it('normalises repositories like the runtime does', () => {
    expect(parseImageName('nginx')).toEqual({ repository: 'docker.io/library/nginx', tag: 'latest', digest: '' });
    expect(parseImageName('bitnami/redis:7')).toEqual({ repository: 'docker.io/bitnami/redis', tag: '7', digest: '' });
    expect(parseImageName('registry.k8s.io/pause:3.10')).toEqual({ repository: 'registry.k8s.io/pause', tag: '3.10', digest: '' });
    expect(parseImageName('a b')).toBeUndefined();
  });
});

describe('SetDefaults_Pod / SetDefaults_PodSpec', () => {
  it('copies limits into missing requests and canonicalises quantities', () => {
    const p = {
      spec: {
        containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: 0.5, memory: '1024Mi' }, requests: { cpu: '100m' } } }],
        initContainers: [{ name: 'i', image: 'x', resources: { limits: { memory: '128974848' } } }],
      } as unknown as PodSpec,
    };
    defaultPod(p);
    expect(p.spec.containers[0]!.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m', memory: '1Gi' } });
    expect(p.spec.initContainers![0]!.resources).toEqual({ limits: { memory: '128974848' }, requests: { memory: '128974848' } });
  });

  it('rounds quantities up to milli scale', () => {
    const p = { spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '0.0001' } } }] } as unknown as PodSpec };
    defaultPod(p);
    expect(p.spec.containers[0]!.resources!.requests).toEqual({ cpu: '1m' });
  });

  it('fails the decode on a bad quantity, naming the kind', () => {
    const p = { spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { memory: '1GB' } } }] } as unknown as PodSpec };
    expect(errorOf(() => defaultPod(p))).toBe("Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    const t = { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: 'abc' } } }] } as unknown as PodSpec;
    expect(errorOf(() => defaultPodSpec(t, 'Deployment', 'apps/v1'))).toContain('Deployment in version "v1" cannot be handled as a Deployment: ');
  });

  it('defaults host ports under hostNetwork and port protocols', () => {
    const p = { spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 8080 }, { containerPort: 53, hostPort: 5353, protocol: 'UDP' }] }] } as PodSpec };
    defaultPod(p);
    expect(p.spec.containers[0]!.ports).toEqual([
      { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
      { containerPort: 53, hostPort: 5353, protocol: 'UDP' },
    ]);
  });

  it('fills probe, httpGet, grpc and lifecycle defaults on containers and sidecars', () => {
    const p = {
      spec: {
        initContainers: [{ name: 's', image: 'x', restartPolicy: 'Always', startupProbe: { exec: { command: ['true'] } } }],
        containers: [{
          name: 'a', image: 'x',
          livenessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 5 },
          readinessProbe: { grpc: { port: 9000 }, periodSeconds: 3 },
          lifecycle: { preStop: { httpGet: { port: 'http' } } },
        }],
      } as PodSpec,
    };
    defaultPod(p);
    const c = p.spec.containers[0]!;
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ grpc: { port: 9000, service: '' }, periodSeconds: 3, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(c.lifecycle!.preStop!.httpGet).toEqual({ port: 'http', path: '/', scheme: 'HTTP' });
    const s = p.spec.initContainers![0]!;
    expect(s.startupProbe).toEqual({ exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(s.imagePullPolicy).toBe('Always');
    expect(s.terminationMessagePolicy).toBe('File');
  });

  it('defaults volumes: emptyDir for a bare volume, modes, hostPath type, token expiry, fieldRef apiVersion', () => {
    const p = {
      spec: {
        containers: [{ name: 'a', image: 'x', env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] }],
        volumes: [
          { name: 'bare' },
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'sec', secret: { secretName: 's', defaultMode: 0o400 } },
          { name: 'host', hostPath: { path: '/data' } },
          { name: 'dapi', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
        ],
      } as PodSpec,
    };
    defaultPod(p);
    expect(p.spec.volumes).toEqual([
      { name: 'bare', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
      { name: 'host', hostPath: { path: '/data', type: '' } },
      { name: 'dapi', downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
      { name: 'tok', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
    ]);
    expect(p.spec.containers[0]!.env).toEqual([
      { name: 'N', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } },
    ]);
  });

  it('gives templates PodSpec defaults only (no requests from limits, no enableServiceLinks)', () => {
    const spec = { containers: [{ name: 'a', image: 'nginx:1.25', resources: { limits: { cpu: '1' } } }] } as PodSpec;
    defaultPodSpec(spec);
    expect(spec.enableServiceLinks).toBeUndefined();
    expect(spec.containers[0]!.resources).toEqual({ limits: { cpu: '1' } });
    expect(spec).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
    expect(spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
  });

  it('treats serviceAccount as the deprecated alias of serviceAccountName', () => {
    const alias = { spec: { serviceAccount: 'robot', containers: [{ name: 'a', image: 'x' }] } as PodSpec };
    defaultPod(alias);
    expect([alias.spec.serviceAccountName, alias.spec.serviceAccount]).toEqual(['robot', 'robot']);
    const both = { spec: { serviceAccount: 'old', serviceAccountName: 'new', containers: [{ name: 'a', image: 'x' }] } as PodSpec };
    defaultPod(both);
    expect([both.spec.serviceAccountName, both.spec.serviceAccount]).toEqual(['new', 'new']);
  });

  it('is idempotent', () => {
    const p = { spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }] } as PodSpec };
    defaultPod(p);
    const once = JSON.stringify(p);
    defaultPod(p);
    expect(JSON.stringify(p)).toBe(once);
  });
});
