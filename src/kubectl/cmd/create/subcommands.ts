// The generator subcommands of `kubectl create` (deployment, namespace, configmap, secret generic,
// service clusterip|nodeport, ...), one file each, listed here.
import type { CommandDef } from '../../command';

export const CREATE_SUBCOMMANDS: CommandDef[] = [];
