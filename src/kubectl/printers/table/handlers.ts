// Which row builder serves which kind (printers.go AddHandlers), and the fallback every other
// object gets (cli-runtime tableprinter.go defaultHandlerEntry: NAME and AGE).
import type { KubeObject } from '../../../engine/index';
import { deploymentHandler, replicaSetHandler } from './apps';
import { configMapHandler, secretHandler, serviceAccountHandler } from './config';
import { eventHandler } from './event';
import { leaseHandler } from './lease';
import { namespaceHandler, nodeHandler } from './node';
import { podHandler } from './pod';
import { endpointSliceHandler, endpointsHandler, serviceHandler } from './service';
import { pvHandler, pvcHandler, storageClassHandler } from './storage';
import { AGE_COLUMN, NAME_COLUMN, age, type PrintContext, type Table, type TableHandler } from './types';

const HANDLERS: Readonly<Record<string, TableHandler>> = {
  Pod: podHandler,
  Node: nodeHandler,
  Namespace: namespaceHandler,
  Event: eventHandler,
  Service: serviceHandler,
  Endpoints: endpointsHandler,
  EndpointSlice: endpointSliceHandler,
  PersistentVolumeClaim: pvcHandler,
  PersistentVolume: pvHandler,
  StorageClass: storageClassHandler,
  ConfigMap: configMapHandler,
  Secret: secretHandler,
  ServiceAccount: serviceAccountHandler,
  Deployment: deploymentHandler,
  ReplicaSet: replicaSetHandler,
  Lease: leaseHandler,
};

export const defaultHandler: TableHandler = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  row: (obj, ctx) => [obj.metadata.name, age(obj, ctx)],
};

export function handlerFor(kind: string): TableHandler {
  return HANDLERS[kind] ?? defaultHandler;
}

/** The server-side Table for objects of one kind, every column filled. */
export function buildTable(kind: string, objects: readonly KubeObject[], ctx: PrintContext): Table {
  const h = handlerFor(kind);
  return { columns: h.columns, rows: objects.map((object) => ({ cells: h.row(object, ctx), object })) };
}
