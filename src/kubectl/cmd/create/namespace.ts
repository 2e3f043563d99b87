// `kubectl create namespace NAME` (kubectl pkg/cmd/create/create_namespace.go).
import type { KubeObject } from '../../../engine';
import type { CommandDef } from '../../command';
import { GENERATOR_FLAGS, nameFromArgs, prepare } from './generator';

export const createNamespace: CommandDef = {
  name: 'namespace',
  aliases: ['ns'],
  use: 'namespace NAME [--dry-run=server|client|none]',
  short: 'Create a namespace with the specified name',
  long: 'Create a namespace: a named space for objects, so the same names can be used again elsewhere.',
  example: `# A namespace for a team
kubectl create namespace team-a`,
  flags: GENERATOR_FLAGS,
  async run(ctx) {
    const name = nameFromArgs(ctx);
    const finish = prepare(ctx);
    const ns = { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} };
    // create_namespace.go Run hands the API error on unwrapped
    await finish({ resource: 'namespaces', object: ns as unknown as KubeObject });
  },
};
