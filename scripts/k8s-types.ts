// Type aliases the schema generator starts from (scripts/gen-k8s-schema.mjs). Each kind gets a
// uniquely named alias: ts-json-schema-generator refuses two definitions with the same name.
// Build-time only: nothing under src/ imports this file.
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { INode } from 'kubernetes-models/v1/Node';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IEndpoints } from 'kubernetes-models/v1/Endpoints';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IEvent } from 'kubernetes-models/v1/Event';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import type { IStorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import type { IEndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import type { ILease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';

export type K8sPod = IPod;
export type K8sNode = INode;
export type K8sNamespace = INamespace;
export type K8sService = IService;
export type K8sEndpoints = IEndpoints;
export type K8sPersistentVolumeClaim = IPersistentVolumeClaim;
export type K8sPersistentVolume = IPersistentVolume;
export type K8sConfigMap = IConfigMap;
export type K8sSecret = ISecret;
export type K8sServiceAccount = IServiceAccount;
export type K8sEvent = IEvent;
export type K8sDeployment = IDeployment;
export type K8sReplicaSet = IReplicaSet;
export type K8sStorageClass = IStorageClass;
export type K8sEndpointSlice = IEndpointSlice;
export type K8sLease = ILease;
