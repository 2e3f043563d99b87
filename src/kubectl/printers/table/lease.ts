// `kubectl get leases`: printers.go leaseColumnDefinitions and printLease (NAME, HOLDER, AGE).
import type { Lease } from '../../../engine/index';
import { AGE_COLUMN, NAME_COLUMN, age, type TableHandler } from './types';

export const leaseHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Holder' }, AGE_COLUMN],
  // printLease: an unset holderIdentity is an empty cell
  row: (obj, ctx) => [obj.metadata.name, (obj as unknown as Lease).spec?.holderIdentity ?? '', age(obj, ctx)],
};
