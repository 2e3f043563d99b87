// `kubectl create serviceaccount NAME` (kubectl pkg/cmd/create/create_serviceaccount.go).
import type { KubeObject } from '../../../engine';
import type { CommandDef } from '../../command';
import { enforcedNamespace, GENERATOR_FLAGS, nameFromArgs, prepare } from './generator';

export const createServiceAccount: CommandDef = {
  name: 'serviceaccount',
  aliases: ['sa'],
  use: 'serviceaccount NAME [--dry-run=server|client|none]',
  short: 'Create a service account with the specified name',
  long: 'Create a service account: an identity for the processes in pods, named in a pod\'s spec.serviceAccountName.',
  example: `# A service account for an app
kubectl create serviceaccount web-sa`,
  flags: GENERATOR_FLAGS,
  async run(ctx) {
    const name = nameFromArgs(ctx);
    const finish = prepare(ctx);
    const metadata: Record<string, unknown> = { name, namespace: enforcedNamespace(ctx), creationTimestamp: null };
    if (!metadata.namespace) delete metadata.namespace;
    const sa = { kind: 'ServiceAccount', apiVersion: 'v1', metadata };
    await finish({ resource: 'serviceaccounts', object: sa as unknown as KubeObject, failure: (m) => `failed to create serviceaccount: ${m}` });
  },
};
