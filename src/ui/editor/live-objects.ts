// What the Diff button compares a manifest with: the live objects the file names, fetched the way
// the learner would (`kubectl get KIND NAME [-n NS] -o yaml`, silently).
import { parseAllDocuments } from 'yaml';
import type { CapturedRun } from '../../kubectl';

export interface ObjectRef {
  kind: string;
  name: string;
  /** only when the manifest says; kubectl then uses the context's namespace */
  namespace?: string;
}

/** The objects a manifest names (documents without a kind or a name are skipped). */
export function objectsIn(text: string): { refs: ObjectRef[]; error?: string } {
  const refs: ObjectRef[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (e) {
    return { refs, error: e instanceof Error ? e.message : String(e) };
  }
  // a file can hold a single stream (an array would be an EmptyStream in newer yaml versions)
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) return { refs, error: doc.errors[0]!.message };
    const obj = doc.toJS() as unknown;
    if (!isRecord(obj)) continue;
    const meta = isRecord(obj.metadata) ? obj.metadata : {};
    if (typeof obj.kind !== 'string' || typeof meta.name !== 'string') continue;
    if (obj.kind === 'List' && Array.isArray(obj.items)) continue;
    refs.push({ kind: obj.kind, name: meta.name, ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}) });
  }
  return { refs };
}

export function kubectlGetArgs(ref: ObjectRef): string[] {
  return ['get', ref.kind.toLowerCase(), ref.name, ...(ref.namespace ? ['-n', ref.namespace] : []), '-o', 'yaml'];
}

/** `kind/name` as kubectl names objects in messages. */
export function refLabel(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}

export interface LiveDiff {
  /** the live objects as YAML documents (empty when none exists yet) */
  live: string;
  /** objects the cluster does not have */
  missing: ObjectRef[];
  /** what kubectl said when it failed for another reason (an unknown kind, ...) */
  errors: string[];
}

/** Fetches every object the manifest names with `run` (kubectl, captured). */
export async function fetchLive(refs: ObjectRef[], run: (argv: string[]) => Promise<CapturedRun>): Promise<LiveDiff> {
  const docs: string[] = [];
  const missing: ObjectRef[] = [];
  const errors: string[] = [];
  for (const ref of refs) {
    const r = await run(kubectlGetArgs(ref));
    if (r.code === 0) docs.push(r.stdout);
    // staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go: `Error from server (NotFound): ...`
    else if (/\(NotFound\)/.test(r.stderr)) missing.push(ref);
    else errors.push(r.stderr.trim());
  }
  return { live: docs.join('---\n'), missing, errors };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
