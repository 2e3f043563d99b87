// `kubectl get nodes` and `kubectl get namespaces`: printers.go printNode, printNamespace.
import type { Namespace, Node } from '../../../engine/index';
import { goCompare } from '../go-format';
import { AGE_COLUMN, NAME_COLUMN, age, type TableHandler } from './types';

// printers.go labelNodeRolePrefix, nodeLabelRole
const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

export const nodeHandler: TableHandler = {
  columns: [
    NAME_COLUMN, { name: 'Status' }, { name: 'Roles' }, AGE_COLUMN, { name: 'Version' },
    { name: 'Internal-IP', priority: 1 }, { name: 'External-IP', priority: 1 }, { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 }, { name: 'Container-Runtime', priority: 1 },
  ],
  row(obj, ctx) {
    const node = obj as unknown as Node;
    const info = node.status?.nodeInfo;
    const addr = (type: string) => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
    const roles = findNodeRoles(node).join(',');
    return [
      obj.metadata.name, nodeStatus(node), roles || '<none>', age(obj, ctx), info?.kubeletVersion ?? '',
      addr('InternalIP'), addr('ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

// printNode: Ready / NotReady / Unknown from the Ready condition, then SchedulingDisabled.
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = node.status?.conditions?.findLast((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

// printers.go findNodeRoles: sorted, de-duplicated role names.
function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(goCompare);
}

export const namespaceHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Status' }, AGE_COLUMN],
  row: (obj, ctx) => [obj.metadata.name, (obj as unknown as Namespace).status?.phase ?? '', age(obj, ctx)],
};
