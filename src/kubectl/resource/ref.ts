// How kubectl names an object in its one-line messages (cli-runtime printers/name.go and
// kubectl's operation printers): `pod/web created`, `deployment.apps "web" deleted`.
import type { KubeObject, ResourceInfo } from '../../engine';

/** `pod`, `deployment.apps`, `storageclass.storage.k8s.io`: the lower-cased kind and its group. */
export function kindRef(info: ResourceInfo): string {
  const kind = info.kind.toLowerCase();
  return info.group ? `${kind}.${info.group}` : kind;
}

/** name.go NamePrinter with an operation: `%s/%s %s` (`pod/web created`, `pod/web created (dry run)`). */
export function operationLine(info: ResourceInfo, name: string, operation: string): string {
  return `${kindRef(info)}/${name} ${operation}\n`;
}

/** delete.go PrintObj: `%s %q deleted` (`pod "web" deleted`). */
export function deletedLine(info: ResourceInfo, name: string, force = false): string {
  return `${kindRef(info)} ${JSON.stringify(name)} ${force ? 'force deleted' : 'deleted'}\n`;
}

export function nameOf(obj: KubeObject): string {
  return ((obj.metadata ?? {}) as { name?: string }).name ?? '';
}

/** Server warnings as kubectl prints them (client-go warning handler): `Warning: <text>` on stderr. */
export function warningLines(warnings: readonly string[] | undefined): string {
  return (warnings ?? []).map((w) => `Warning: ${w}\n`).join('');
}
