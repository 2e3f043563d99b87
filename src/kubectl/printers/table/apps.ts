// `kubectl get deployments`, `replicasets`: printers.go printDeployment, printReplicaSet.
import type { Deployment, ReplicaSet } from '../../../engine/index';
import { AGE_COLUMN, NAME_COLUMN, age, formatLabelSelector, labelSelectorString, layoutContainerCells, type TableHandler } from './types';

const TEMPLATE_COLUMNS = [
  { name: 'Containers', priority: 1 }, { name: 'Images', priority: 1 }, { name: 'Selector', priority: 1 },
];

export const deploymentHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, AGE_COLUMN, ...TEMPLATE_COLUMNS],
  row(obj, ctx) {
    const d = obj as unknown as Deployment;
    const st = d.status ?? {};
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    // spec.replicas is defaulted to 1 by the server; an unset pointer reads as 0 in Go
    return [
      obj.metadata.name, `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(st.updatedReplicas ?? 0),
      String(st.availableReplicas ?? 0), age(obj, ctx), names, images, labelSelectorString(d.spec?.selector),
    ];
  },
};

export const replicaSetHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, AGE_COLUMN, ...TEMPLATE_COLUMNS],
  row(obj, ctx) {
    const rs = obj as unknown as ReplicaSet;
    const st = rs.status ?? { replicas: 0 };
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      obj.metadata.name, String(rs.spec?.replicas ?? 0), String(st.replicas ?? 0), String(st.readyReplicas ?? 0),
      age(obj, ctx), names, images, formatLabelSelector(rs.spec?.selector),
    ];
  },
};
