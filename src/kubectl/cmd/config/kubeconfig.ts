// The kubeconfig minikube writes (minikube pkg/minikube/kubeconfig): one cluster, one user, one
// context, all named minikube, with minikube's extensions. Podlab keeps only the context's
// namespace mutable (KubectlEnv.kubeconfig).
import type { KubectlEnv } from '../../env';
import { CURRENT_CONTEXT, CURRENT_NAMESPACE } from '../../global-flags';

export const CLUSTER_SERVER = 'https://192.168.49.2:8443';
// minikube writes the time it last touched the file; Podlab's cluster was started then
const LAST_UPDATE = 'Sat, 21 Nov 2026 12:00:00 UTC';
const MINIKUBE_VERSION = 'v1.34.0';

export function contextNamespace(env: KubectlEnv): string {
  return env.kubeconfig?.namespace || CURRENT_NAMESPACE;
}

function extension(name: string): unknown {
  return { extension: { 'last-update': LAST_UPDATE, provider: 'minikube.sigs.k8s.io', version: MINIKUBE_VERSION }, name };
}

/** The whole file as kubectl config view prints it (minikube refers to certificate files, so nothing is redacted). */
export function kubeconfigDocument(env: KubectlEnv): Record<string, unknown> {
  const home = env.vars.HOME || '/root';
  const context: Record<string, unknown> = { cluster: CURRENT_CONTEXT, extensions: [extension('context_info')], namespace: contextNamespace(env), user: CURRENT_CONTEXT };
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority': `${home}/.minikube/ca.crt`, extensions: [extension('cluster_info')], server: CLUSTER_SERVER }, name: CURRENT_CONTEXT }],
    contexts: [{ context, name: CURRENT_CONTEXT }],
    'current-context': CURRENT_CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [{ name: CURRENT_CONTEXT, user: { 'client-certificate': `${home}/.minikube/profiles/minikube/client.crt`, 'client-key': `${home}/.minikube/profiles/minikube/client.key` } }],
  };
}
