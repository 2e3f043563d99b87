// `kubectl describe` for the kinds Podlab serves: one describer per kind (pkg/describe/describe.go
// describerMap), each fetching what it needs through KubeApi and rendering through the ported
// tabwriter. The `describe` verb resolves names and selectors and calls describe() per object.
//
//   describe(api, resource, namespace, name, { showEvents, now }) → the text kubectl prints
//
// Errors are the API's StatusErrors (e.g. NotFound), for the verb's error boundary to print.
// Every describer is golden-tested against the real kubectl 1.32 on the same objects
// (golden-*.test.ts). Known, deliberate differences from kubectl:
// - map contents (ConfigMap/Secret data) print sorted; Go ranges over maps in random order;
// - sections backed by kinds the engine does not serve (namespace quotas and limit ranges) print
//   what kubectl prints against such a server: no quota sections;
// - a projected source's `optional: true|false` prints as the value, where Go prints a pointer.
import type { KubeApi, ResourceInfo } from '../../engine/index';
import {
  describeConfigMapByName, describeNamespaceByName, describeSecretByName, describeServiceAccountByName, describeStorageClassByName,
} from './config';
import { describeGeneric } from './generic';
import { describeNodeByName } from './node';
import { describePodByName } from './pod';
import { describeEndpointSliceByName, describeEndpointsByName, describeServiceByName } from './service';
import type { DescribeSettings } from './settings';
import { describePVByName, describePVCByName } from './storage';
import { describeDeploymentByName, describeReplicaSetByName } from './workloads';

export type { DescribeSettings } from './settings';

type Describer = (api: KubeApi, namespace: string, name: string, s: DescribeSettings) => Promise<string>;

const DESCRIBERS: Partial<Record<string, Describer>> = {
  pods: describePodByName,
  nodes: describeNodeByName,
  persistentvolumeclaims: describePVCByName,
  persistentvolumes: describePVByName,
  services: describeServiceByName,
  endpoints: describeEndpointsByName,
  endpointslices: describeEndpointSliceByName,
  deployments: describeDeploymentByName,
  replicasets: describeReplicaSetByName,
  namespaces: describeNamespaceByName,
  configmaps: describeConfigMapByName,
  secrets: describeSecretByName,
  serviceaccounts: describeServiceAccountByName,
  storageclasses: describeStorageClassByName,
};

/** Describe one object; `namespace` is ignored for cluster-scoped resources. */
export async function describe(
  api: KubeApi, resource: ResourceInfo, namespace: string, name: string, settings: DescribeSettings,
): Promise<string> {
  const ns = resource.namespaced ? namespace : '';
  const describer = DESCRIBERS[resource.resource];
  // kinds without a describer of their own (events) get the generic one (GenericDescriberFor)
  return describer ? describer(api, ns, name, settings) : describeGeneric(api, resource, ns, name, settings);
}
