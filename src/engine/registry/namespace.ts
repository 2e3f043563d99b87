// Namespace strategy: pkg/registry/core/namespace/strategy.go, SetDefaults_Namespace,
// ValidateNamespace (pkg/apis/core/validation/validation.go).
import type { KubeObject, StoredNamespace } from '../api/types';
import { field, newForbidden, type FieldError } from '../errors';
import { isQualifiedName } from './names';
import type { Strategy } from './strategy';

/** core/v1 FinalizerKubernetes: removed by the namespace controller once the content is gone. */
export const FINALIZER_KUBERNETES = 'kubernetes';
/** core/v1 LabelMetadataName. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';
// plugin/pkg/admission/namespace/lifecycle/admission.go immortalNamespaces
const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

type Ns = StoredNamespace & KubeObject;

export const namespaceStrategy: Strategy = {
  prepareForCreate(obj) {
    const ns = obj as Ns;
    // strategy.go PrepareForCreate: status is Active and the kubernetes finalizer is always present.
    ns.status = { phase: 'Active' };
    const spec = (ns.spec ??= {});
    const finalizers = [...(spec.finalizers ?? [])];
    if (!finalizers.includes(FINALIZER_KUBERNETES)) finalizers.push(FINALIZER_KUBERNETES);
    spec.finalizers = finalizers;
  },

  defaults(obj) {
    const ns = obj as Ns;
    // defaults.go SetDefaults_Namespace: the name label (not for generateName-only objects).
    if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [LABEL_METADATA_NAME]: ns.metadata.name };
  },

  prepareForUpdate(obj, old) {
    // strategy.go PrepareForUpdate keeps spec.finalizers (only /finalize may change them) and status.
    // Podlab has no /finalize subresource: the namespace controller finalizes through a plain update,
    // so finalizers may be removed (never added) here.
    const ns = obj as Ns;
    const prev = old as Ns;
    const kept = (prev.spec?.finalizers ?? []).filter((f) => (ns.spec?.finalizers ?? []).includes(f));
    ns.spec = { ...(ns.spec ?? {}), finalizers: kept };
    ns.status = prev.status;
  },

  validate(obj) {
    return validateFinalizers(obj as Ns);
  },

  validateStatusUpdate(obj) {
    // validation.go ValidateNamespaceStatusUpdate
    const ns = obj as Ns;
    const phase = ns.status?.phase;
    if (!ns.metadata.deletionTimestamp) {
      if (phase !== 'Active') return [field.invalid('status.Phase', phase ?? '', "may only be 'Active' if `deletionTimestamp` is empty")];
    } else if (phase !== 'Terminating') {
      return [field.invalid('status.Phase', phase ?? '', "may only be 'Terminating' if `deletionTimestamp` is not empty")];
    }
    return [];
  },

  /**
   * The first delete only marks the namespace (pkg/registry/core/namespace/storage/storage.go Delete);
   * it is removed once spec.finalizers is empty. The store has no hook for that, so a namespace with
   * finalizers gets a 1 s grace period and the namespace controller finalizes it.
   */
  gracePeriod(obj) {
    // lifecycle/admission.go: "this namespace may not be deleted"
    if (IMMORTAL_NAMESPACES.includes(obj.metadata.name)) throw newForbidden('namespaces', obj.metadata.name, 'this namespace may not be deleted');
    return ((obj as Ns).spec?.finalizers ?? []).length ? 1 : 0;
  },
};

// validation.go validateFinalizerName / validateKubeFinalizerName
function validateFinalizers(ns: Ns): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ns.spec?.finalizers ?? []) {
    for (const m of isQualifiedName(f)) errs.push(field.invalid('spec.finalizers', f, m));
    if (!f.includes('/') && f !== FINALIZER_KUBERNETES) {
      errs.push(field.invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}
