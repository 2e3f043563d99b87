// The generator subcommands of `kubectl create` (deployment, namespace, configmap, secret generic,
// service clusterip|nodeport, ...), one file each, listed here.
import type { CommandDef } from '../../command';
import { createConfigMap } from './configmap';
import { createDeployment } from './deployment';
import { createNamespace } from './namespace';
import { createSecret } from './secret';
import { createService } from './service';
import { createServiceAccount } from './serviceaccount';

export const CREATE_SUBCOMMANDS: CommandDef[] = [createConfigMap, createDeployment, createNamespace, createSecret, createService, createServiceAccount];
