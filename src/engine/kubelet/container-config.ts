// The part of generateContainerConfig that can fail on a learner's pod: environment variables
// from ConfigMaps and Secrets that do not exist (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables). The error text becomes "Error: <text>" and the waiting reason
// CreateContainerConfigError.
import type { Container, StoredPod, StoredSecret } from '../api/types';
import type { ApiStore } from '../store/store';

// kubelet's configmap/secret managers answer NotFound with the singular resource name
const missing = (resource: 'configmaps' | 'secrets', name: string) => `${resource === 'configmaps' ? 'configmap' : 'secret'} "${name}" not found`;

/** The error makeEnvironmentVariables returns for this container, or undefined when it is fine. */
export function containerConfigError(store: ApiStore, pod: StoredPod, c: Container): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const resource = from.configMapRef ? 'configmaps' : 'secrets';
    const name = ref.name ?? '';
    if (!store.tryGet(resource, ns, name) && !ref.optional) return missing(resource, name);
  }
  for (const env of c.env ?? []) {
    if (env.value || !env.valueFrom) continue;
    const { configMapKeyRef, secretKeyRef } = env.valueFrom;
    const err = configMapKeyRef ? keyRefError(store, ns, 'configmaps', configMapKeyRef) : secretKeyRef && keyRefError(store, ns, 'secrets', secretKeyRef);
    if (err) return err;
  }
  return undefined;
}

/** configMapKeyRef / secretKeyRef: the object must exist and hold the key, unless the ref is optional. */
function keyRefError(store: ApiStore, ns: string, resource: 'configmaps' | 'secrets', ref: { name?: string; key: string; optional?: boolean }): string | undefined {
  const name = ref.name ?? '';
  const obj = store.tryGet(resource, ns, name);
  if (!obj) return ref.optional ? undefined : missing(resource, name);
  const secret = obj as StoredSecret;
  const data = resource === 'secrets' ? { ...(secret.data ?? {}), ...(secret.stringData ?? {}) } : (obj.data ?? {});
  if (ref.key in data || ref.optional) return undefined;
  // kubelet_pods.go makeEnvironmentVariables: "couldn't find key %v in ConfigMap %v/%v" (and Secret)
  return `couldn't find key ${ref.key} in ${resource === 'configmaps' ? 'ConfigMap' : 'Secret'} ${ns}/${name}`;
}
