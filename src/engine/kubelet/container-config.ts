// The part of generateContainerConfig that can fail on a learner's pod: environment variables
// from ConfigMaps and Secrets that do not exist (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables). The error text becomes "Error: <text>" and the waiting reason
// CreateContainerConfigError.
import type { Container, StoredPod } from '../api/types';
import type { ApiStore } from '../store/store';

/** The error makeEnvironmentVariables returns for this container, or undefined when it is fine. */
export function containerConfigError(store: ApiStore, pod: StoredPod, c: Container): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  // kubelet's configmap/secret managers answer NotFound with the singular resource name
  const cmMissing = (name: string) => `configmap "${name}" not found`;
  const secretMissing = (name: string) => `secret "${name}" not found`;
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      if (!store.tryGet('configmaps', ns, name) && !from.configMapRef.optional) return cmMissing(name);
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      if (!store.tryGet('secrets', ns, name) && !from.secretRef.optional) return secretMissing(name);
    }
  }
  for (const env of c.env ?? []) {
    if (env.value || !env.valueFrom) continue;
    const cmRef = env.valueFrom.configMapKeyRef;
    if (cmRef) {
      const name = cmRef.name ?? '';
      const cm = store.tryGet('configmaps', ns, name);
      if (!cm) {
        if (cmRef.optional) continue;
        return cmMissing(name);
      }
      const data = cm.data ?? {};
      if (!(cmRef.key in data) && !cmRef.optional) {
        // kubelet_pods.go makeEnvironmentVariables
        return `couldn't find key ${cmRef.key} in ConfigMap ${ns}/${name}`;
      }
    }
    const secretRef = env.valueFrom.secretKeyRef;
    if (secretRef) {
      const name = secretRef.name ?? '';
      const secret = store.tryGet('secrets', ns, name);
      if (!secret) {
        if (secretRef.optional) continue;
        return secretMissing(name);
      }
      const data = { ...(secret.data ?? {}), ...(secret.stringData ?? {}) };
      if (!(secretRef.key in data) && !secretRef.optional) {
        // kubelet_pods.go makeEnvironmentVariables
        return `couldn't find key ${secretRef.key} in Secret ${ns}/${name}`;
      }
    }
  }
  return undefined;
}
