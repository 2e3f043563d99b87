// Owner references as controllers use them (k8s.io/apimachinery pkg/apis/meta/v1 controller_ref.go,
// pkg/controller/controller_ref_manager.go).
import type { KubeObject, OwnerReference } from '../api/types';
import type { ApiStore } from '../store/store';
import { deepClone } from '../store/clone';
import { tryWrite } from './record';

type Owned = { metadata: { ownerReferences?: readonly OwnerReference[] } };

/** metav1.NewControllerRef: controller and blockOwnerDeletion set. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf: the owner reference with controller=true. */
export function getControllerOf(obj: Owned): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(obj: Owned, owner: KubeObject): boolean {
  return getControllerOf(obj)?.uid === owner.metadata.uid;
}

type Claimable = Owned & { metadata: { deletionTimestamp?: string } };

/**
 * controller_ref_manager.go ClaimObject, object by object: keep ours that match, release ours that
 * stopped matching (unless the controller is being deleted), adopt matching orphans (unless either
 * is being deleted). Returns what is claimed, adopted objects as written; a refused write is skipped.
 */
export function claimObjects<T extends Claimable>(
  store: ApiStore, resource: string, controller: KubeObject, objs: readonly T[], match: (obj: T) => boolean,
): T[] {
  const uid = controller.metadata.uid;
  const deleting = !!controller.metadata.deletionTimestamp;
  const claimed: T[] = [];
  for (const obj of objs) {
    const ref = getControllerOf(obj);
    if (ref) {
      if (ref.uid !== uid) continue; // owned by someone else
      if (match(obj)) {
        claimed.push(obj);
      } else if (!deleting) {
        // ReleaseObject: drop our owner reference.
        const next = deepClone(obj) as unknown as KubeObject;
        next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        tryWrite(() => store.update(resource, next));
      }
      continue;
    }
    if (deleting || !match(obj) || obj.metadata.deletionTimestamp) continue;
    // AdoptObject: add ourselves as the controller.
    const next = deepClone(obj) as unknown as KubeObject;
    next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), newControllerRef(controller)];
    const adopted = tryWrite(() => store.update(resource, next) as unknown as T);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}
