import { describe, expect, it } from 'vitest';
import { newTestContext } from '../controllers/testing';
import { failure } from './testing';
import type { StoredLease } from '../api/types';

const lease = (spec: Record<string, unknown>, name = 'my-lock') => ({
  apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec,
});

describe('Lease strategy', () => {
  it('stores a valid lease as written, with no status', () => {
    const { store } = newTestContext();
    const spec = { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: '2026-11-21T12:00:00.000000Z', renewTime: '2026-11-21T12:00:05.000000Z', leaseTransitions: 0 };
    const l = store.create('leases', lease(spec), { namespace: 'default' }) as StoredLease;
    expect(l.apiVersion).toBe('coordination.k8s.io/v1');
    expect(l.spec).toEqual(spec);
    expect(l).not.toHaveProperty('status');
    expect(l.metadata.generation).toBeUndefined();
  });

  it('rejects a non-positive duration and negative transitions with every error, in field order', () => {
    const { store } = newTestContext();
    const err = failure(() => store.create('leases', lease({ leaseDurationSeconds: 0, leaseTransitions: -1 }), { namespace: 'default' }));
    expect(err.message).toBe(
      'Lease.coordination.k8s.io "my-lock" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, ' +
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]',
    );
    expect(err.status.code).toBe(422);
    expect(failure(() => store.create('leases', lease({ leaseDurationSeconds: -5 }), { namespace: 'default' })).message).toBe(
      'Lease.coordination.k8s.io "my-lock" is invalid: spec.leaseDurationSeconds: Invalid value: -5: must be greater than 0',
    );
  });

  it('accepts a lease without a spec and a duration of 1 second', () => {
    const { store } = newTestContext();
    expect(store.create('leases', { metadata: { name: 'bare' } }, { namespace: 'default' }).spec).toBeUndefined();
    expect(store.create('leases', lease({ leaseDurationSeconds: 1 }), { namespace: 'default' }).spec?.leaseDurationSeconds).toBe(1);
  });

  it('validates updates the same way', () => {
    const { store } = newTestContext();
    const l = store.create('leases', lease({ leaseDurationSeconds: 10 }), { namespace: 'default' });
    const next = { ...l, spec: { leaseDurationSeconds: 0 } };
    expect(failure(() => store.update('leases', next)).message).toBe(
      'Lease.coordination.k8s.io "my-lock" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    );
  });

  it('drops the coordinated-election fields while their feature gate is off, on create and update', () => {
    const { store } = newTestContext();
    const l = store.create('leases', lease({ holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' }), { namespace: 'default' });
    expect(l.spec).toEqual({ holderIdentity: 'a' });
    const u = store.update('leases', { ...l, spec: { holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' } });
    expect(u.spec).toEqual({ holderIdentity: 'a' });
  });

  it('names must be DNS subdomains', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('leases', lease({}, 'My_Lock'), { namespace: 'default' })).message).toMatch(
      /^Lease\.coordination\.k8s\.io "My_Lock" is invalid: metadata\.name: Invalid value: "My_Lock": a lowercase RFC 1123 subdomain/,
    );
  });
});
