import { describe, expect, it } from 'vitest';
import { newTestContext, runPod } from './testing';
import { EndpointsController } from './endpoints';
import type { EngineContext } from '../cluster/context';
import type { StoredEndpoints, StoredEndpointSlice, StoredService } from '../api/types';

function setup() {
  const ctx = newTestContext();
  new EndpointsController(ctx).start();
  return ctx;
}

const pod = (name: string, labels: Record<string, string> = { app: 'web' }) => ({
  metadata: { name, labels },
  spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
});

const ep = (ctx: EngineContext) => ctx.store.tryGet('endpoints', 'default', 'web') as StoredEndpoints | undefined;
const slices = (ctx: EngineContext) => ctx.store.list('endpointslices', { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' }) as StoredEndpointSlice[];

describe('EndpointsController', () => {
  it('lists ready pods as addresses and unready ones as notReadyAddresses, by target port', () => {
    const ctx = setup();
    const svc = ctx.store.create('services', { metadata: { name: 'web', labels: { tier: 'fe' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } }) as StoredService;
    ctx.store.create('pods', pod('a'));
    ctx.store.create('pods', pod('b'));
    ctx.store.create('pods', pod('other', { app: 'db' }));
    ctx.clock.runUntilIdle();
    // No pod has an IP yet: an Endpoints object without subsets and a placeholder slice.
    expect(ep(ctx)!.subsets).toBeUndefined();
    expect(ep(ctx)!.metadata.labels).toEqual({ tier: 'fe' });
    expect(ep(ctx)!.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': svc.metadata.creationTimestamp });
    expect(slices(ctx)).toHaveLength(1);
    expect(slices(ctx)[0]!.endpoints).toBeNull();
    const a = runPod(ctx, 'default', 'a', { ip: '10.244.0.7' });
    runPod(ctx, 'default', 'b', { ip: '10.244.0.5', ready: false });
    ctx.clock.advance(2000);
    expect(ep(ctx)!.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.0.7', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: a.metadata.uid } }],
        notReadyAddresses: [{ ip: '10.244.0.5', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: ctx.store.get('pods', 'default', 'b').metadata.uid } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    const [slice] = slices(ctx);
    expect(slice!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata.labels).toEqual({
      tier: 'fe', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice!.metadata.ownerReferences![0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.244.0.7', { ready: true, serving: true, terminating: false }],
      ['10.244.0.5', { ready: false, serving: false, terminating: false }],
    ]);
  });

  it('follows readiness changes', () => {
    const ctx = setup();
    ctx.store.create('services', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
    ctx.store.create('pods', pod('a'));
    ctx.clock.runUntilIdle();
    runPod(ctx, 'default', 'a', { ip: '10.244.0.9', ready: false });
    ctx.clock.runUntilIdle();
    expect(ep(ctx)!.subsets![0]!.addresses).toBeUndefined();
    ctx.clock.advance(3000);
    runPod(ctx, 'default', 'a', { ready: true });
    ctx.clock.runUntilIdle();
    expect(ep(ctx)!.subsets![0]!.addresses!.map((x) => x.ip)).toEqual(['10.244.0.9']);
    expect(ep(ctx)!.subsets![0]!.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    // The trigger time is the pod's Ready transition.
    expect(ep(ctx)!.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-11-21T12:00:03Z');
    ctx.store.delete('pods', 'default', 'a');
    ctx.clock.runUntilIdle();
    expect(ep(ctx)!.subsets).toBeUndefined();
  });

  it('removes the Endpoints with the Service and ignores selector-less services', () => {
    const ctx = setup();
    ctx.store.create('services', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    ctx.store.create('services', { metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    ctx.clock.runUntilIdle();
    expect(ep(ctx)).toBeDefined();
    expect(ctx.store.tryGet('endpoints', 'default', 'manual')).toBeUndefined();
    ctx.store.delete('services', 'default', 'web');
    ctx.clock.runUntilIdle();
    expect(ep(ctx)).toBeUndefined();
  });
});
