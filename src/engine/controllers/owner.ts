// Owner references as controllers use them (k8s.io/apimachinery pkg/apis/meta/v1 controller_ref.go,
// pkg/controller/controller_ref_manager.go).
import type { KubeObject, OwnerReference } from '../api/types';

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
