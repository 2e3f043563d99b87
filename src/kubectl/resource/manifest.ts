// Reading `-f FILE|DIR|-`: files (a directory's .json/.yaml/.yml files, recursively with -R),
// documents split on `---`, `List`s expanded, each object mapped to its resource — with the errors
// kubectl prints (cli-runtime pkg/resource/visitor.go FileVisitorForSTDIN/ExpandPathsToFileVisitors,
// StreamVisitor.Visit, mapper.go infoForData; facts §6.3).
import { parseAllDocuments, type Document } from 'yaml';
import { lookupResource, type KubeObject, type ResourceInfo } from '../../engine';
import type { KubectlEnv } from '../env';
import { CmdError } from '../errors';
import { goJSONSyntaxFailure } from '../cmd/go-json-syntax';
import { goYamlError } from './yaml-errors';

export interface ReadOptions {
  /** -R: directories recursively */
  recursive?: boolean;
  /** --validate other than false: the client checks apiVersion and kind before anything else */
  validate?: boolean;
  /**
   * The builder's ContinueOnError (apply, create): a file that fails part way keeps the objects
   * read before the failure, the error goes here and the next file is read (visitor.go
   * EagerVisitorList, StreamVisitor.Visit). Without it the first error is thrown.
   */
  onError?: (err: unknown) => void;
}

export interface Manifest {
  /** the file as the user named it (`pod.yaml`, `dir/pod.yaml`, `STDIN`) */
  source: string;
  object: KubeObject;
  resource: ResourceInfo;
}

// visitor.go FileExtensions
const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** Every object in the named files, in order. */
export async function readManifests(env: KubectlEnv, paths: readonly string[], opts: ReadOptions = {}): Promise<Manifest[]> {
  const { recursive = false } = opts;
  const out: Manifest[] = [];
  for (const p of paths) {
    if (p === '-') {
      const text = env.readStdin ? await env.readStdin() : '';
      readFile(text, 'STDIN', opts, out);
      continue;
    }
    // visitor.go: URLs are fetched over HTTP — the classroom is offline
    if (/^https?:\/\//.test(p)) throw new CmdError(`unable to read URL "${p}", server reported Get "${p}": dial tcp: lookup ${p.replace(/^https?:\/\//, '').split(/[/:?#]/)[0]}: no such host, status code=0`);
    const kind = env.files.kind(p);
    // visitor.go ExpandPathsToFileVisitors: "the path %q does not exist"
    if (!kind) throw new CmdError(`the path "${p}" does not exist`);
    if (kind === 'file') {
      readFile(env.files.read(p), p, opts, out);
      continue;
    }
    for (const file of walk(env, p, recursive)) readFile(env.files.read(file), file, opts, out);
  }
  return out;
}

function readFile(text: string, source: string, opts: ReadOptions, out: Manifest[]): void {
  try {
    parseManifests(text, source, opts, out);
  } catch (e) {
    if (!opts.onError) throw e;
    opts.onError(e);
  }
}

function walk(env: KubectlEnv, dir: string, recursive: boolean): string[] {
  const files: string[] = [];
  for (const name of env.files.list(dir)) {
    const path = `${dir.replace(/\/$/, '')}/${name}`;
    const kind = env.files.kind(path);
    if (kind === 'dir') {
      if (recursive) files.push(...walk(env, path, true));
    } else if (EXTENSIONS.some((e) => name.endsWith(e))) files.push(path);
  }
  return files;
}

/** The objects of one file's text, appended to `out` one by one (so a failure keeps the ones before it). */
export function parseManifests(text: string, source: string, opts: ReadOptions = {}, out: Manifest[] = []): Manifest[] {
  const validate = opts.validate ?? true;
  for (const value of documents(text, source)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      // [REAL] kubectl v1.32 on a document that is a list or a scalar
      if (validate) throw validationError(source, 'invalid object to validate');
      const type = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'bool';
      // apimachinery unstructured.go UnstructuredJSONScheme: json.Unmarshal into its detector struct
      throw new CmdError(`unable to decode "${source}": json: cannot unmarshal ${type} into Go value of type unstructured.detector`);
    }
    const obj = value as Record<string, unknown>;
    if (validate) {
      // kubectl pkg/validation schema.go ValidateBytes: "apiVersion not set", "kind not set", aggregated as [a, b]
      const missing = [!obj.apiVersion && 'apiVersion not set', !obj.kind && 'kind not set'].filter((m): m is string => !!m);
      if (missing.length) throw validationError(source, missing.length === 1 ? missing[0]! : `[${missing.join(', ')}]`);
    }
    if (isList(obj)) {
      for (const item of (obj.items as unknown[]) ?? []) out.push(toManifest(item as Record<string, unknown>, source));
    } else out.push(toManifest(obj, source));
  }
  return out;
}

/** cli-runtime visitor.go ValidateSchema: `error validating %q: %v` with the --validate=false hint. */
function validationError(source: string, detail: string): CmdError {
  return new CmdError(`error validating "${source}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`);
}

function isList(obj: Record<string, unknown>): boolean {
  return typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items);
}

/**
 * YAML or JSON documents as values, one at a time: a bad one throws only after those before it
 * were taken; empty documents are skipped (as kubectl does).
 */
function* documents(text: string, source: string): Generator<unknown> {
  // apimachinery util/yaml YAMLOrJSONDecoder: input starting with `{` is a JSON stream, read by
  // encoding/json's Decoder; its syntax errors become JSONSyntaxError "json: offset %d: %s" and a
  // value cut short is io.ErrUnexpectedEOF
  if (/^\s*\{/.test(text)) {
    const bad = goJSONSyntaxFailure(text);
    if (bad && bad.message === 'unexpected end of JSON input') throw new CmdError(`error parsing ${source}: unexpected EOF`);
    if (bad && !bad.message.endsWith('after top-level value')) throw new CmdError(`error parsing ${source}: json: offset ${bad.offset}: ${bad.message}`);
  }
  const docs: Document.Parsed[] = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, version: '1.1', merge: true });
  for (const doc of docs) {
    const err = doc.errors[0];
    // visitor.go StreamVisitor.Visit: "error parsing %s: %v" around yaml.v2's message
    if (err) throw new CmdError(`error parsing ${source}: error converting YAML to JSON: ${goYamlError(err, doc, text)}`);
    const value = toValue(doc, source);
    if (value === null || value === undefined) continue;
    yield value;
  }
}

/** The document's value; alias failures in go-yaml's words (yaml.v2 decode.go parser.alias / d.alias). */
function toValue(doc: Document.Parsed, source: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const unknown = /Unresolved alias[^:]*: (.*)$/.exec(e.message);
    const text = unknown ? `unknown anchor '${unknown[1]}' referenced` : 'document contains excessive aliasing';
    throw new CmdError(`error parsing ${source}: error converting YAML to JSON: yaml: ${text}`);
  }
}

function toManifest(obj: Record<string, unknown>, source: string): Manifest {
  // Go marshals the decoded map[string]interface{} with its keys sorted
  const json = () => sortedJson(obj);
  // mapper.go infoForData → runtime.UnstructuredJSONScheme: "Object 'Kind' is missing in '%s'"
  if (typeof obj.kind !== 'string' || !obj.kind) throw new CmdError(`unable to decode "${source}": Object 'Kind' is missing in '${json()}'`);
  // mapper.go infoForData: the RESTMapper finds no kind in an empty version
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion) throw new CmdError(`unable to recognize "${source}": no matches for kind "${obj.kind}" in version ""`);
  const resource = resourceForObject(obj.apiVersion, obj.kind);
  if (!resource) {
    const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
    // mapper.go infoForData: "resource mapping not found for name: %q namespace: %q from %q: %v\nensure CRDs are installed first"
    throw new CmdError(
      `resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  return { source, object: obj as KubeObject, resource };
}

/** The resource for apiVersion + kind, when the (simulated) server serves that version. */
export function resourceForObject(apiVersion: string, kind: string): ResourceInfo | undefined {
  const info = lookupResource(kind);
  // client-go restmapper discovery.go NewDiscoveryRESTMapper: each kind is also mapped in lower case
  if (!info || (info.kind !== kind && info.kind.toLowerCase() !== kind)) return undefined;
  const want = info.group ? `${info.group}/${info.version}` : info.version;
  return apiVersion === want ? info : undefined;
}

/** encoding/json Marshal of a map[string]interface{}: keys sorted at every level. */
export function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
