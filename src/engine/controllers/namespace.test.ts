import { describe, expect, it } from 'vitest';
import { newTestContext } from './testing';
import { NamespaceController } from './namespace';
import { ServiceAccountController } from './serviceaccount';
import { ROOT_CA_CRT } from './root-ca';
import { isStatusError } from '../errors';

function setup() {
  const ctx = newTestContext();
  new NamespaceController(ctx).start();
  new ServiceAccountController(ctx).start();
  ctx.clock.runUntilIdle();
  return ctx;
}

describe('ServiceAccountController', () => {
  it('gives every namespace a default ServiceAccount and the kube-root-ca.crt ConfigMap', () => {
    const ctx = setup();
    ctx.store.create('namespaces', { metadata: { name: 'team-a' } });
    ctx.clock.runUntilIdle();
    expect(ctx.store.get('serviceaccounts', 'team-a', 'default').metadata.name).toBe('default');
    const cm = ctx.store.get('configmaps', 'team-a', 'kube-root-ca.crt');
    expect(cm.data).toEqual({ 'ca.crt': ROOT_CA_CRT });
    expect(cm.metadata.annotations).toEqual({
      'kubernetes.io/description':
        'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    });
    expect(ROOT_CA_CRT).toMatch(/^-----BEGIN CERTIFICATE-----\nMIID[A-Za-z0-9+/\n]+\n-----END CERTIFICATE-----\n$/);
    expect(ctx.store.get('serviceaccounts', 'default', 'default')).toBeDefined();
  });

  it('recreates a deleted default ServiceAccount and restores an edited CA ConfigMap', () => {
    const ctx = setup();
    ctx.store.delete('serviceaccounts', 'default', 'default');
    const cm = structuredClone(ctx.store.get('configmaps', 'default', 'kube-root-ca.crt'));
    cm.data = { 'ca.crt': 'tampered' };
    ctx.store.update('configmaps', cm);
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('serviceaccounts', 'default', 'default')).toBeDefined();
    expect(ctx.store.get('configmaps', 'default', 'kube-root-ca.crt').data).toEqual({ 'ca.crt': ROOT_CA_CRT });
  });
});

describe('NamespaceController', () => {
  it('marks a deleted namespace Terminating, deletes its content, then removes it', () => {
    const ctx = setup();
    ctx.store.create('namespaces', { metadata: { name: 'team-a' } });
    ctx.clock.runUntilIdle();
    ctx.store.create('configmaps', { metadata: { name: 'cfg', namespace: 'team-a' } });
    // A pod that terminates gracefully keeps the namespace around.
    ctx.store.registerStrategy('pods', { gracePeriod: (_o, opts) => opts.gracePeriodSeconds ?? 30 });
    ctx.store.create('pods', { metadata: { name: 'p', namespace: 'team-a' }, spec: { terminationGracePeriodSeconds: 30, containers: [{ name: 'c', image: 'nginx' }] } });
    ctx.store.delete('namespaces', undefined, 'team-a');
    ctx.clock.runUntilIdle();
    const ns = ctx.store.get('namespaces', undefined, 'team-a');
    expect(ns.status!.phase).toBe('Terminating');
    expect(ns.metadata.deletionTimestamp).toBeDefined();
    expect(ctx.store.tryGet('configmaps', 'team-a', 'cfg')).toBeUndefined();
    const conds = Object.fromEntries(ns.status!.conditions!.map((c) => [c.type, [c.status, c.reason, c.message]]));
    expect(conds).toEqual({
      NamespaceDeletionDiscoveryFailure: ['False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      NamespaceDeletionGroupVersionParsingFailure: ['False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      NamespaceDeletionContentFailure: ['False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      NamespaceContentRemaining: ['True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 1 resource instances'],
      NamespaceFinalizersRemaining: ['False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    });
    // New content is refused while terminating.
    let refused = '';
    try {
      ctx.store.create('configmaps', { metadata: { name: 'late', namespace: 'team-a' } });
    } catch (e) {
      if (isStatusError(e)) refused = e.message;
    }
    expect(refused).toContain('because it is being terminated');
    // The kubelet finishes the pod; the controller looks again after estimate/2 + 1 = 16 s.
    ctx.store.delete('pods', 'team-a', 'p', { gracePeriodSeconds: 0 });
    ctx.clock.advance(15_000);
    expect(ctx.store.tryGet('namespaces', undefined, 'team-a')).toBeDefined();
    ctx.clock.advance(2_000);
    expect(ctx.store.tryGet('namespaces', undefined, 'team-a')).toBeUndefined();
  });

  it('removes an empty namespace at once', () => {
    const ctx = setup();
    ctx.store.create('namespaces', { metadata: { name: 'empty' } });
    ctx.clock.runUntilIdle();
    ctx.store.delete('namespaces', undefined, 'empty');
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('namespaces', undefined, 'empty')).toBeUndefined();
  });
});
