import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../api/types';
import { isScalarResourceName, podRequests, toResource } from './pod-requests';
import { newPodInfo } from './node-info';

function pod(spec: Partial<StoredPod['spec']>): StoredPod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    spec: { containers: [], ...spec }, status: {},
  } as StoredPod;
}

const c = (name: string, requests?: Record<string, string>, restartPolicy?: string) =>
  ({ name, image: 'busybox', ...(requests ? { resources: { requests } } : {}), ...(restartPolicy ? { restartPolicy } : {}) });

describe('podRequests (resource/helpers.go PodRequests)', () => {
  it('sums regular containers', () => {
    const r = toResource(podRequests(pod({ containers: [c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '0.5', memory: '1Gi' })] })));
    expect(r).toEqual({ milliCPU: 750, memory: (64 + 1024) * 1024 * 1024, ephemeralStorage: 0 });
  });

  it('takes the largest init container when it exceeds the regular sum (init-container max rule)', () => {
    const p = pod({
      initContainers: [c('init-big', { cpu: '2', memory: '100Mi' }), c('init-small', { cpu: '100m', memory: '1Gi' })],
      containers: [c('app', { cpu: '500m', memory: '200Mi' })],
    });
    // cpu: max(500m, 2, 100m) = 2; memory: max(200Mi, 100Mi, 1Gi) = 1Gi — per resource
    expect(toResource(podRequests(p))).toMatchObject({ milliCPU: 2000, memory: 1024 * 1024 * 1024 });
  });

  it('adds sidecars to the steady state and to every later init container (sidecar sum rule)', () => {
    const p = pod({
      initContainers: [
        c('before', { cpu: '300m' }),
        c('sidecar', { cpu: '200m' }, 'Always'),
        c('after', { cpu: '900m' }),
      ],
      containers: [c('app', { cpu: '500m' })],
    });
    // steady: app 500m + sidecar 200m = 700m; init steps: before 300m, sidecar 200m, after 900m+200m = 1100m
    expect(toResource(podRequests(p)).milliCPU).toBe(1100);
    const q = pod({ initContainers: [c('sidecar', { cpu: '200m' }, 'Always')], containers: [c('app', { cpu: '500m' })] });
    expect(toResource(podRequests(q)).milliCPU).toBe(700);
  });

  it('adds pod overhead', () => {
    const p = pod({ containers: [c('a', { cpu: '100m' })], overhead: { cpu: '250m', memory: '120Mi' } });
    expect(toResource(podRequests(p))).toMatchObject({ milliCPU: 350, memory: 120 * 1024 * 1024 });
  });

  it('counts nothing for a pod without requests, and 100m/200Mi per container when scoring', () => {
    const p = pod({ containers: [c('a'), c('b', { cpu: '0' }), c('d', { memory: '1Gi' })] });
    expect(toResource(podRequests(p))).toEqual({ milliCPU: 0, memory: 1024 ** 3, ephemeralStorage: 0 });
    const info = newPodInfo(p);
    // a: 100m + 200Mi; b: explicit 0 cpu stays 0, memory defaults to 200Mi; d: 100m + 1Gi
    expect(info.nonZeroCPU).toBe(200);
    expect(info.nonZeroMemory).toBe(2 * 200 * 1024 * 1024 + 1024 ** 3);
  });

  it('keeps extended resources as scalars and ignores unknown names', () => {
    const p = pod({ containers: [c('a', { 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi', 'ephemeral-storage': '1Gi' })] });
    expect(toResource(podRequests(p))).toEqual({
      milliCPU: 0, memory: 0, ephemeralStorage: 1024 ** 3, scalar: { 'nvidia.com/gpu': 2, 'hugepages-2Mi': 4 * 1024 * 1024 },
    });
    expect(isScalarResourceName('cpu')).toBe(false);
    expect(isScalarResourceName('example.com/foo')).toBe(true);
  });

  it('collects host ports of regular containers only, sanitizing ip and protocol', () => {
    const p = pod({
      initContainers: [{ name: 'i', image: 'x', ports: [{ containerPort: 1, hostPort: 1 }] }],
      containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }, { containerPort: 9 }] }],
    });
    expect(newPodInfo(p).hostPorts).toEqual([
      { ip: '0.0.0.0', protocol: 'TCP', port: 8080 },
      { ip: '10.0.0.1', protocol: 'UDP', port: 53 },
    ]);
  });
});
