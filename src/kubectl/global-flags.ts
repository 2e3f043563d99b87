// Flags every kubectl command accepts (kubectl's genericclioptions.ConfigFlags plus klog's -v).
// Podlab has one cluster and one context; most of these are accepted and change nothing.
import type { FlagSpec } from './flags';

/** The context's namespace (minikube's kubeconfig sets none: "default"). */
export const CURRENT_NAMESPACE = 'default';
export const CURRENT_CONTEXT = 'minikube';

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'as', type: 'string', usage: 'Username to impersonate for the operation (accepted; Podlab has a single admin user).' },
  { name: 'cache-dir', type: 'string', default: '/root/.kube/cache', usage: 'Default cache directory' },
  { name: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'namespace', shorthand: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'How long to wait for a single server request before giving up (0: no timeout).' },
  { name: 'server', shorthand: 's', type: 'string', usage: 'The address and port of the Kubernetes API server' },
  { name: 'user', type: 'string', usage: 'The name of the kubeconfig user to use' },
  { name: 'v', shorthand: 'v', type: 'int', default: 0, usage: 'number for the log level verbosity (accepted; Podlab logs nothing extra)' },
  { name: 'warnings-as-errors', type: 'bool', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
];
