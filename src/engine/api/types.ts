// The v1 object shapes Podlab simulates. Field types come from the `kubernetes-types` package
// (generated from the Kubernetes OpenAPI); here we only tighten what the API server guarantees
// on stored objects (metadata.name, uid, resourceVersion, creationTimestamp are always set).
import type {
  ConfigMap, Container, ContainerStatus, Endpoints, Event, Namespace, Node, NodeSpec, NodeStatus,
  PersistentVolume, PersistentVolumeClaim, Pod, PodSpec, PodStatus, Secret, Service, ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Lease, LeaseSpec as LeaseSpecTypes } from 'kubernetes-types/coordination/v1';
import type { ObjectMeta, OwnerReference, LabelSelector } from 'kubernetes-types/meta/v1';

export type {
  ConfigMap, Container, ContainerStatus, Endpoints, Event, Namespace, Node, NodeSpec, NodeStatus,
  PersistentVolume, PersistentVolumeClaim, Pod, PodSpec, PodStatus, Secret, Service, ServiceAccount,
  Deployment, ReplicaSet, StorageClass, EndpointSlice, Lease, ObjectMeta, OwnerReference, LabelSelector,
};

/** coordination/v1 LeaseSpec as of v1.32, which adds the (alpha, gated) coordinated-election fields. */
export interface LeaseSpec extends LeaseSpecTypes {
  strategy?: string;
  preferredHolder?: string;
}
export type {
  Volume, VolumeMount, Probe, Toleration, Taint, ContainerState, PodCondition, NodeCondition,
  ResourceRequirements, EnvVar, ContainerPort, EventSource, ObjectReference, Affinity, NodeSelectorTerm,
  NodeSelectorRequirement, PersistentVolumeClaimSpec, PersistentVolumeSpec, ServiceSpec, ServicePort,
  PodTemplateSpec, Lifecycle,
} from 'kubernetes-types/core/v1';

/** kubernetes-types marks server-set fields readonly; the simulated server writes them. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Metadata of an object the API server has stored. */
export interface StoredMeta extends Mutable<ObjectMeta> {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
}

/** Any API object as the store holds it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: StoredMeta;
  [field: string]: unknown;
}

/** An API object a client sends: anything may be missing until defaults and validation run. */
export interface ObjectInput {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

type Stored<T> = Omit<T, 'metadata' | 'apiVersion' | 'kind'> & {
  apiVersion: string;
  kind: string;
  metadata: StoredMeta;
};

export type StoredPod = Stored<Pod> & { spec: PodSpec; status: PodStatus };
export type StoredNode = Stored<Node> & { spec: NodeSpec; status: NodeStatus };
export type StoredEvent = Stored<Event>;
export type StoredNamespace = Stored<Namespace>;
export type StoredService = Stored<Service>;
export type StoredEndpoints = Stored<Endpoints>;
export type StoredEndpointSlice = Stored<EndpointSlice>;
export type StoredPVC = Stored<PersistentVolumeClaim>;
export type StoredPV = Stored<PersistentVolume>;
export type StoredStorageClass = Stored<StorageClass>;
export type StoredConfigMap = Stored<ConfigMap>;
export type StoredSecret = Stored<Secret>;
export type StoredServiceAccount = Stored<ServiceAccount>;
export type StoredDeployment = Stored<Deployment>;
export type StoredReplicaSet = Stored<ReplicaSet>;
export type StoredLease = Omit<Stored<Lease>, 'spec'> & { spec?: LeaseSpec };

/** Maps a resource name to the stored type, for typed store calls. */
export interface ResourceTypes {
  pods: StoredPod;
  nodes: StoredNode;
  events: StoredEvent;
  namespaces: StoredNamespace;
  services: StoredService;
  endpoints: StoredEndpoints;
  endpointslices: StoredEndpointSlice;
  persistentvolumeclaims: StoredPVC;
  persistentvolumes: StoredPV;
  storageclasses: StoredStorageClass;
  configmaps: StoredConfigMap;
  secrets: StoredSecret;
  serviceaccounts: StoredServiceAccount;
  deployments: StoredDeployment;
  replicasets: StoredReplicaSet;
  leases: StoredLease;
}

export type ResourceName = keyof ResourceTypes;

/** A deep-readonly view: what list/get hand out, so nobody edits the store's copy in place. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
