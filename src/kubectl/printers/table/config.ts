// `kubectl get configmaps`, `secrets`, `serviceaccounts`: printers.go printConfigMap,
// printSecret, printServiceAccount.
import type { ConfigMap, Secret, ServiceAccount } from '../../../engine/index';
import { AGE_COLUMN, NAME_COLUMN, age, type TableHandler } from './types';

const count = (o: object | undefined): number => (o ? Object.keys(o).length : 0);

export const configMapHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Data' }, AGE_COLUMN],
  row(obj, ctx) {
    const cm = obj as unknown as ConfigMap;
    return [obj.metadata.name, String(count(cm.data) + count(cm.binaryData)), age(obj, ctx)];
  },
};

export const secretHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Type' }, { name: 'Data' }, AGE_COLUMN],
  row(obj, ctx) {
    const s = obj as unknown as Secret;
    return [obj.metadata.name, s.type ?? '', String(count(s.data)), age(obj, ctx)];
  },
};

export const serviceAccountHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Secrets' }, AGE_COLUMN],
  row: (obj, ctx) => [obj.metadata.name, String((obj as unknown as ServiceAccount).secrets?.length ?? 0), age(obj, ctx)],
};
