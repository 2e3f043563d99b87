// The describer for kinds without their own (describe.go genericDescriber, printUnstructuredContent,
// smartLabelFor): every field of the object, sorted, with labels made from the field names.
// Among Podlab's kinds, core/v1 Events are described this way.
import type { KubeApi, KubeObject, ResourceInfo } from '../../engine/index';
import { describeEvents, eventQueryFor, searchEvents } from './events';
import { compareStrings, printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, type PrefixWriter, tabbedString } from './prefix-writer';
import type { DescribeSettings } from './settings';

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

export async function describeGeneric(api: KubeApi, info: ResourceInfo, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const obj = await api.get(info.resource, info.namespaced ? namespace : undefined, name);
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj as KubeObject as Record<string, unknown>, '');
    if (events) describeEvents(events, w, s.now);
  });
}

// describe.go printUnstructuredContent
function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string): void {
  for (const field of Object.keys(content).sort(compareStrings)) {
    const value = content[field];
    const path = `${skipPrefix}.${field}`;
    if (SKIP.includes(path)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** fmt %v of a decoded JSON value: nil prints as <nil>. */
const goValue = (v: unknown): string => (v === null || v === undefined ? '<nil>' : String(v));

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

// describe.go smartLabelFor: "involvedObject" → "Involved Object", "apiVersion" → "API Version"
export function smartLabelFor(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== '-')) return field;
  return camelcaseSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : title(p)))
    .join(' ');
}

/** strings.Title: the first letter of each word upper-cased. */
const title = (s: string): string => s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, pre: string, ch: string) => pre + ch.toUpperCase());

/**
 * github.com/fatih/camelcase Split: runs of one character class (lower, upper, digit, other);
 * an upper run followed by a lower run gives its last letter to the lower run ("APIVersion").
 */
function camelcaseSplit(s: string): string[] {
  const cls = (ch: string) => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{N}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const c = cls(ch);
    if (c === last && runs.length) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i]![0]!) === 2 && cls(runs[i + 1]![0]!) === 1) {
      runs[i + 1]!.unshift(runs[i]!.pop()!);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}
