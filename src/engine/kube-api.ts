// KubeApi: the only way kubectl (and the lesson runtime) talks to the cluster. It is shaped like
// the real REST API — verbs, options, typed Status errors — and asynchronous, so a second
// implementation over HTTP against a real cluster can stand in for this in-process one.
import type { KubeObject, ObjectInput } from './api/types';
import { DISCOVERY_RESOURCES, lookupResource, resourceInfo, type ResourceInfo } from './api/resources';
import { newBadRequest, newMethodNotAllowed, newNotFound, StatusError } from './errors';
import type { ApiStore, ListOptions, WatchEvent } from './store/store';
import type { PatchType } from './store/patch';
import type { DeleteOptions } from './registry/strategy';
import { checkDecode, unknownFields } from './api/strict';
import { deepClone } from './store/clone';
import type { StreamIO } from './runtime/cri';
import type { PortForwardSession } from './runtime/net/port-forward';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  namespace?: string;
  dryRun?: boolean;
  /** Server-side field validation; kubectl 1.32 sends Strict by default (--validate=strict). */
  fieldValidation?: FieldValidation;
  /** update/patch a subresource with its own strategy: pods/ephemeralcontainers */
  subresource?: 'ephemeralcontainers';
}

export interface WriteResult<T = KubeObject> {
  object: T;
  /** `Warning:` lines the server sent back (unknown fields under Warn, duplicate ports, ...). */
  warnings: string[];
}

export interface KubeList<T = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: T[];
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
}

export interface ExecOptions {
  /** defaults to the pod's first container */
  container?: string;
  command: string[];
  /** kubectl exec -i: the command reads what StreamIO.onInput receives */
  stdin?: boolean;
  /** kubectl exec -t: a terminal (stderr goes to stdout; the shell is interactive) */
  tty?: boolean;
}

/** Subresources served by the node the pod runs on (kubelet + container runtime). */
export interface PodSubresources {
  logs(namespace: string, name: string, opts: LogOptions): string;
  exec(namespace: string, name: string, opts: ExecOptions, io: StreamIO): void;
  attach(namespace: string, name: string, container: string | undefined, io: StreamIO): () => void;
  portForward(namespace: string, name: string, port: number): PortForwardSession;
}

export interface AttachOptions {
  /** defaults to the pod's first container */
  container?: string;
  /** kubectl attach -i: what StreamIO.onInput receives goes to PID 1's stdin */
  stdin?: boolean;
  /** kubectl attach -t */
  tty?: boolean;
}

/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it (the cluster's metrics/metrics-server.ts).
 * Its resources are addressed as `pods.metrics.k8s.io` and `nodes.metrics.k8s.io`.
 */
export interface MetricsSource {
  podMetrics(opts: ListOptions): KubeObject[];
  nodeMetrics(opts: ListOptions): KubeObject[];
}

const METRICS_GROUP = 'metrics.k8s.io';

export interface KubeApi {
  resources(): readonly ResourceInfo[];
  /** Resolve a user-typed resource name (plural, singular, short, Kind) or fail like discovery does. */
  resolve(name: string): ResourceInfo;
  /** The object as stored: a read-only (deep-frozen) snapshot — copy it before changing it. */
  get(resource: string, namespace: string | undefined, name: string): Promise<KubeObject>;
  /** The objects as stored: read-only (deep-frozen) snapshots. */
  list(resource: string, opts?: ListOptions): Promise<KubeList>;
  /** Subscribe to changes; returns an unsubscribe function. Events are delivered synchronously, with read-only objects. */
  watch(resource: string, opts: ListOptions, handler: (e: WatchEvent) => void): () => void;
  create(resource: string, obj: ObjectInput, opts?: WriteOptions): Promise<WriteResult>;
  update(resource: string, obj: ObjectInput, opts?: WriteOptions): Promise<WriteResult>;
  patch(resource: string, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts?: WriteOptions): Promise<WriteResult>;
  delete(resource: string, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<KubeObject>;
  logs(namespace: string, name: string, opts?: LogOptions): Promise<string>;
  /** Run a command in a container; output and exit arrive through `io`. */
  exec(namespace: string, name: string, opts: ExecOptions, io: StreamIO): Promise<void>;
  /** Attach to a running container's PID 1 (its output from now on, its stdin); resolves with the detach function. */
  attach(namespace: string, name: string, opts: AttachOptions, io: StreamIO): Promise<() => void>;
  /** Open a connection to a port of the pod; data flows through `io`. */
  /** A port-forward session to the pod's port: one HTTP exchange per connection (see runtime/net/port-forward.ts). */
  portForward(namespace: string, name: string, port: number): Promise<PortForwardSession>;
}

export class InProcessKubeApi implements KubeApi {
  constructor(private readonly store: ApiStore, private readonly pods: PodSubresources, private readonly metrics?: MetricsSource) {}

  resources(): readonly ResourceInfo[] {
    return DISCOVERY_RESOURCES;
  }

  resolve(name: string): ResourceInfo {
    const info = lookupResource(name);
    // kubectl's RESTMapper: `the server doesn't have a resource type "%s"`
    if (!info) throw newBadRequest(`the server doesn't have a resource type "${name}"`);
    return info;
  }

  async get(resource: string, namespace: string | undefined, name: string): Promise<KubeObject> {
    const m = metricsKind(resource);
    if (m) {
      return this.call(() => {
        const found = this.metricsList(m, { namespace }).find((o) => o.metadata.name === name);
        // metrics-server pkg/api/pod.go Get: NotFound, named namespace/name for pods
        if (!found) throw newNotFound(`${m}metrics`, m === 'pod' ? `${namespace ?? 'default'}/${name}` : name, METRICS_GROUP);
        return found;
      });
    }
    // store objects are deep-frozen snapshots: handing them out is safe and saves a copy per read
    return this.call(() => this.store.get(resource, namespace, name) as KubeObject);
  }

  async list(resource: string, opts: ListOptions = {}): Promise<KubeList> {
    const m = metricsKind(resource);
    if (m) {
      const kind = m === 'pod' ? 'PodMetricsList' : 'NodeMetricsList';
      return this.call(() => ({ apiVersion: `${METRICS_GROUP}/v1beta1`, kind, metadata: { resourceVersion: '' }, items: this.metricsList(m, opts) }));
    }
    return this.call(() => {
      const info = this.info(resource);
      const items = this.store.list(resource, opts) as KubeObject[];
      // The API serves <Kind>List objects (e.g. PodList) with the collection's resourceVersion.
      return { apiVersion: apiVersion(info), kind: `${info.kind}List`, metadata: { resourceVersion: this.store.resourceVersion() }, items };
    });
  }

  watch(resource: string, opts: ListOptions, handler: (e: WatchEvent) => void): () => void {
    this.refuseMetrics(resource);
    return this.store.watch(resource, (e) => handler(e as WatchEvent), opts);
  }

  async create(resource: string, obj: ObjectInput, opts: WriteOptions = {}): Promise<WriteResult> {
    return this.call(() => {
      this.refuseMetrics(resource);
      const warnings = this.checkFields(resource, obj, opts.fieldValidation);
      const object = this.store.create(resource, obj, { namespace: opts.namespace, dryRun: opts.dryRun }) as KubeObject;
      warnings.push(...(this.store.strategy(resource)?.warningsOnCreate?.(object) ?? []));
      return { object: deepClone(object), warnings };
    });
  }

  async update(resource: string, obj: ObjectInput, opts: WriteOptions = {}): Promise<WriteResult> {
    return this.call(() => {
      this.refuseMetrics(resource);
      const warnings = this.checkFields(resource, obj, opts.fieldValidation);
      const wopts = { namespace: opts.namespace, dryRun: opts.dryRun };
      const object = (opts.subresource ? this.store.updateSubresource(resource, opts.subresource, obj, wopts) : this.store.update(resource, obj, wopts)) as KubeObject;
      return { object: deepClone(object), warnings };
    });
  }

  async patch(
    resource: string, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions = {},
  ): Promise<WriteResult> {
    return this.call(() => {
      this.refuseMetrics(resource);
      const warnings = type === 'json' ? [] : this.checkFields(resource, patch as ObjectInput, opts.fieldValidation, true);
      const object = this.store.patch(resource, namespace, name, type, patch, { dryRun: opts.dryRun, subresource: opts.subresource }) as KubeObject;
      return { object: deepClone(object), warnings };
    });
  }

  async delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    return this.call(() => {
      this.refuseMetrics(resource);
      return deepClone(this.store.delete(resource, namespace, name, opts) as KubeObject);
    });
  }

  async logs(namespace: string, name: string, opts: LogOptions = {}): Promise<string> {
    return this.call(() => {
      if (!this.store.tryGet('pods', namespace, name)) throw newNotFound('pods', name);
      return this.pods.logs(namespace, name, opts);
    });
  }

  async exec(namespace: string, name: string, opts: ExecOptions, io: StreamIO): Promise<void> {
    return this.call(() => this.pods.exec(namespace, name, opts, io));
  }

  async attach(namespace: string, name: string, opts: AttachOptions, io: StreamIO): Promise<() => void> {
    return this.call(() => this.pods.attach(namespace, name, opts.container, io));
  }

  async portForward(namespace: string, name: string, port: number): Promise<PortForwardSession> {
    return this.call(() => this.pods.portForward(namespace, name, port));
  }

  /**
   * Decode checks: a body that cannot decode (wrong types, bad quantities) always fails; unknown
   * fields fail under Strict and come back as warnings under Warn (apiserver fieldValidation).
   */
  private checkFields(resource: string, obj: ObjectInput, mode: FieldValidation = 'Strict', partial = false): string[] {
    if (!obj || typeof obj !== 'object') return [];
    const info = this.info(resource);
    const body = { ...obj, kind: obj.kind ?? info.kind, apiVersion: obj.apiVersion ?? apiVersion(info) };
    const err = checkDecode(body, { partial, strict: mode === 'Strict' });
    if (err) throw err;
    if (mode !== 'Warn') return [];
    // apiserver fieldmanager under fieldValidation=Warn: `unknown field "%s"` per field
    return unknownFields(body, partial).map((p) => `unknown field "${p}"`);
  }

  private metricsList(kind: 'pod' | 'node', opts: ListOptions): KubeObject[] {
    // without metrics-server the group is not registered at all: the apiserver's NotFound for an unknown path
    if (!this.metrics) {
      throw new StatusError({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound',
        message: 'the server could not find the requested resource', details: {},
      });
    }
    return (kind === 'pod' ? this.metrics.podMetrics(opts) : this.metrics.nodeMetrics(opts)).map((o) => deepClone(o));
  }

  /** metrics.k8s.io is read-only (get, list). */
  private refuseMetrics(resource: string): void {
    // apiserver handlers: a verb the storage does not implement
    if (metricsKind(resource)) throw newMethodNotAllowed('the server does not allow this method on the requested resource');
  }

  private info(resource: string): ResourceInfo {
    const info = resourceInfo(resource);
    if (!info) throw newBadRequest(`the server doesn't have a resource type "${resource}"`);
    return info;
  }

  /** Run a store call; anything that is not a StatusError is a bug, surfaced as an InternalError. */
  private call<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof StatusError) throw e;
      throw new StatusError({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500, reason: 'InternalError',
        message: `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
}

/** `pods.metrics.k8s.io` → 'pod', `nodes.metrics.k8s.io` → 'node'. */
function metricsKind(resource: string): 'pod' | 'node' | undefined {
  if (resource === `pods.${METRICS_GROUP}`) return 'pod';
  if (resource === `nodes.${METRICS_GROUP}`) return 'node';
  return undefined;
}

function apiVersion(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}
