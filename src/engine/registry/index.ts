// Every kind's strategy, registered on the store in one place.
import type { ApiStore } from '../store/store';
import { configMapStrategy } from './configmap';
import { deploymentStrategy } from './deployment';
import { endpointSliceStrategy, endpointsStrategy } from './endpoints';
import { eventStrategy } from './event';
import { leaseStrategy } from './lease';
import { namespaceStrategy } from './namespace';
import { nodeStrategy } from './node';
import { podStrategy } from './pod';
import { pvStrategy } from './pv';
import { pvcStrategy } from './pvc';
import { replicaSetStrategy } from './replicaset';
import { secretStrategy } from './secret';
import { serviceStrategy } from './service';
import { serviceAccountStrategy } from './serviceaccount';
import { storageClassStrategy } from './storageclass';

export function registerStrategies(store: ApiStore): void {
  store.registerStrategy('pods', podStrategy);
  store.registerStrategy('namespaces', namespaceStrategy);
  store.registerStrategy('nodes', nodeStrategy);
  store.registerStrategy('events', eventStrategy);
  store.registerStrategy('services', serviceStrategy);
  store.registerStrategy('endpoints', endpointsStrategy);
  store.registerStrategy('endpointslices', endpointSliceStrategy);
  store.registerStrategy('persistentvolumeclaims', pvcStrategy);
  store.registerStrategy('persistentvolumes', pvStrategy);
  store.registerStrategy('storageclasses', storageClassStrategy);
  store.registerStrategy('configmaps', configMapStrategy);
  store.registerStrategy('secrets', secretStrategy);
  store.registerStrategy('serviceaccounts', serviceAccountStrategy);
  store.registerStrategy('deployments', deploymentStrategy);
  store.registerStrategy('replicasets', replicaSetStrategy);
  store.registerStrategy('leases', leaseStrategy);
}
