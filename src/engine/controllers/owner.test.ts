import { describe, expect, it } from 'vitest';
import { Clock } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import type { KubeObject } from '../api/types';
import { claimObjects, getControllerOf, newControllerRef } from './owner';

function setup() {
  const store = new ApiStore(new Clock(), new SeededRandom(1));
  store.create('namespaces', { metadata: { name: 'default' } });
  const owner = store.create('configmaps', { metadata: { name: 'owner' } }) as KubeObject;
  const other = store.create('configmaps', { metadata: { name: 'other' } }) as KubeObject;
  const secret = (name: string, app: string, controller?: KubeObject) =>
    store.create('secrets', { metadata: { name, labels: { app }, ownerReferences: controller ? [newControllerRef(controller)] : [] } }) as KubeObject;
  const matchWeb = (o: KubeObject) => o.metadata.labels?.app === 'web';
  const ownerUid = (name: string) => getControllerOf(store.get('secrets', 'default', name))?.uid;
  return { store, owner, other, secret, matchWeb, ownerUid };
}

describe('claimObjects (controller_ref_manager.go ClaimObject)', () => {
  it('keeps matching owned objects, adopts matching orphans, releases mismatches, ignores others', () => {
    const { store, owner, other, secret, matchWeb, ownerUid } = setup();
    const objs = [
      secret('mine', 'web', owner),
      secret('orphan', 'web'),
      secret('stale', 'db', owner),
      secret('theirs', 'web', other),
      secret('stranger', 'db'),
    ];
    const claimed = claimObjects(store, 'secrets', owner, objs, matchWeb);
    expect(claimed.map((o) => o.metadata.name)).toEqual(['mine', 'orphan']);
    expect(claimed[1]!.metadata.ownerReferences).toEqual([newControllerRef(owner)]);
    expect(ownerUid('orphan')).toBe(owner.metadata.uid);
    expect(store.get('secrets', 'default', 'stale').metadata.ownerReferences).toEqual([]);
    expect(ownerUid('theirs')).toBe(other.metadata.uid);
    expect(ownerUid('stranger')).toBeUndefined();
  });

  it('a controller being deleted neither adopts nor releases; a deleting orphan is not adopted', () => {
    const { store, owner, secret, matchWeb, ownerUid } = setup();
    const deletingOwner = { ...owner, metadata: { ...owner.metadata, deletionTimestamp: '2026-11-21T12:00:00Z' } };
    const objs = [secret('orphan', 'web'), secret('stale', 'db', owner)];
    expect(claimObjects(store, 'secrets', deletingOwner, objs, matchWeb)).toEqual([]);
    expect(ownerUid('orphan')).toBeUndefined();
    expect(ownerUid('stale')).toBe(owner.metadata.uid);
    const dying = { ...objs[0]!, metadata: { ...objs[0]!.metadata, deletionTimestamp: '2026-11-21T12:00:00Z' } };
    expect(claimObjects(store, 'secrets', owner, [dying], matchWeb)).toEqual([]);
    expect(ownerUid('orphan')).toBeUndefined();
  });

  it('skips an object whose write the API server refuses', () => {
    const { store, owner, secret, matchWeb } = setup();
    const orphan = secret('orphan', 'web');
    store.delete('secrets', 'default', 'orphan');
    expect(claimObjects(store, 'secrets', owner, [orphan], matchWeb)).toEqual([]);
  });
});
