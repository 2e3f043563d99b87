// The kubelet's image manager for one node: pull policy, the node's image cache, serialized
// pulls (serializeImagePulls defaults to true), pull events and the image pull backoff.
// Ported rules: pkg/kubelet/images/image_manager.go (EnsureImageExists, imagePullPrecheck,
// applyDefaultImageTag, evalCRIPullErr), images/puller.go (serialImagePuller) and
// pkg/apis/core/v1/defaults.go SetDefaults_Container (the default pull policy).
import type { EngineContext } from '../cluster/context';
import type { Container, StoredPod } from '../api/types';
import type { InvolvedObject } from '../events';
import type { ImageInfo, RuntimeService } from '../runtime/cri';
import { criErrorText } from '../runtime/cri';
import { applyDefaultImageTag, normalizeImageRef, goQuote } from '../runtime/image-ref';
import { preloadedImages } from '../runtime/image-catalog';
import { goDuration } from '../../shared/duration';
import { Backoff, IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS, type BackoffState } from './backoff';

/** pkg/kubelet/images/types.go error names that become the waiting reason. */
export type ImageErrorReason = 'ErrImagePull' | 'ImagePullBackOff' | 'InvalidImageName' | 'ErrImageNeverPull' | 'ImageInspectError';

/** A pull on its way: everything about it is decided when it is queued. */
export interface PullTicket {
  image: string; // as written in the spec
  ref: string; // normalized
  requestedAt: number;
  doneAt: number;
  pullMs: number;
  result: { ok: true; image: ImageInfo } | { ok: false; error: string };
}

export type EnsureImage =
  | { status: 'present'; image: ImageInfo }
  | { status: 'failed'; reason: ImageErrorReason; message: string }
  | { status: 'pulling'; ticket: PullTicket };

export type PullOutcome = { ok: true; image: ImageInfo } | { ok: false; reason: ImageErrorReason; message: string };

export interface ImageManagerState {
  cache: [string, ImageInfo][];
  inflight: { ref: string; image: ImageInfo; doneAt: number }[];
  busyUntil: number;
  backoff: BackoffState;
  prevPullErr: [string, string][];
}

/** SetDefaults_Container: Always for :latest or an untagged image, IfNotPresent otherwise. */
export function pullPolicyOf(c: Container): 'Always' | 'IfNotPresent' | 'Never' {
  const p = c.imagePullPolicy;
  if (p === 'Always' || p === 'IfNotPresent' || p === 'Never') return p;
  const n = normalizeImageRef(c.image ?? '');
  if (!n.ok) return 'IfNotPresent';
  return n.parsed.digest ? 'IfNotPresent' : !n.parsed.tag || n.parsed.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export class ImageManager {
  private cache = new Map<string, ImageInfo>();
  private inflight: { ref: string; image: ImageInfo; doneAt: number }[] = [];
  private busyUntil = 0;
  private prevPullErr = new Map<string, string>();
  readonly backoff: Backoff;
  private readonly source: { component: string; host: string };

  constructor(private readonly ctx: EngineContext, nodeName: string, private readonly runtime: RuntimeService) {
    this.source = { component: 'kubelet', host: nodeName };
    this.backoff = new Backoff(() => ctx.clock.now(), IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS);
    for (const img of preloadedImages()) this.add(img.ref, img);
  }

  /** Whether the node has `ref` (normalized) right now. */
  isPresent(ref: string): ImageInfo | undefined {
    this.settle();
    return this.cache.get(ref);
  }

  /** Every image on the node, sorted by reference (for node status and tests). */
  images(): ImageInfo[] {
    this.settle();
    return [...new Set(this.cache.values())].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  }

  /**
   * EnsureImageExists up to the pull: records the events of every outcome that is known now and
   * queues the pull behind the node's other pulls.
   */
  ensureImageExists(pod: StoredPod, container: Container, objRef: InvolvedObject): EnsureImage {
    const image = container.image ?? '';
    const withTag = applyDefaultImageTag(image);
    if (!withTag.ok) {
      // image_manager.go EnsureImageExists
      const msg = `Failed to apply default image tag ${goQuote(image)}: ${withTag.error}`;
      this.event(objRef, 'Warning', 'InspectFailed', msg);
      return { status: 'failed', reason: 'InvalidImageName', message: msg };
    }
    const norm = normalizeImageRef(withTag.image);
    const ref = norm.ok ? norm.ref : withTag.image;
    const policy = pullPolicyOf(container);
    const present = policy === 'Always' ? undefined : this.isPresent(ref);
    if (policy === 'Never' && !present) {
      // image_manager.go imagePullPrecheck
      const msg = `Container image ${goQuote(image)} is not present with pull policy of Never`;
      this.event(objRef, 'Warning', 'ErrImageNeverPull', msg);
      return { status: 'failed', reason: 'ErrImageNeverPull', message: msg };
    }
    if (present) {
      // image_manager.go EnsureImageExists
      this.event(objRef, 'Normal', 'Pulled', `Container image ${goQuote(image)} already present on machine`);
      return { status: 'present', image: present };
    }
    const now = this.ctx.clock.now();
    const key = backoffKey(pod, image);
    if (this.backoff.isInBackOffSinceUpdate(key, now)) {
      // image_manager.go EnsureImageExists: the message carries the previous pull error
      let msg = `Back-off pulling image ${goQuote(image)}`;
      this.event(objRef, 'Normal', 'BackOff', msg);
      const prev = this.prevPullErr.get(key);
      if (prev !== undefined) msg = `${msg}: ${prev}`;
      return { status: 'failed', reason: 'ImagePullBackOff', message: msg };
    }
    this.prevPullErr.delete(key);
    this.event(objRef, 'Normal', 'Pulling', `Pulling image ${goQuote(image)}`);
    return { status: 'pulling', ticket: this.queuePull(image, ref, now) };
  }

  /** The pull finished (at ticket.doneAt): the Pulled or Failed event, the cache and the backoff. */
  finishPull(pod: StoredPod, ticket: PullTicket, objRef: InvolvedObject): PullOutcome {
    this.settle();
    const key = backoffKey(pod, ticket.image);
    if (!ticket.result.ok) {
      // image_manager.go EnsureImageExists
      this.event(objRef, 'Warning', 'Failed', `Failed to pull image ${goQuote(ticket.image)}: ${ticket.result.error}`);
      this.backoff.next(key, this.ctx.clock.now());
      // evalCRIPullErr: a plain error is ErrImagePull with the runtime's text
      this.prevPullErr.set(key, `ErrImagePull: ${ticket.result.error}`);
      return { ok: false, reason: 'ErrImagePull', message: ticket.result.error };
    }
    const info = ticket.result.image;
    // image_manager.go EnsureImageExists: durations truncated to the millisecond
    const total = Math.floor(ticket.doneAt - ticket.requestedAt);
    this.event(objRef, 'Normal', 'Pulled',
      `Successfully pulled image ${goQuote(ticket.image)} in ${goDuration(Math.floor(ticket.pullMs))} (${goDuration(total)} including waiting). Image size: ${info.size} bytes.`);
    this.backoff.gc();
    return { ok: true, image: info };
  }

  /** When the image backoff of this pod's image ends, if it is backing off. */
  backoffEndsAt(pod: StoredPod, image: string): number | undefined {
    const e = this.backoff.entry(backoffKey(pod, image));
    return e ? e.lastUpdate + e.backoff : undefined;
  }

  /** Forget the backoff entries of a removed pod. */
  forgetPod(uid: string): void {
    this.backoff.deletePrefix(`${uid}_`);
    for (const k of [...this.prevPullErr.keys()]) if (k.startsWith(`${uid}_`)) this.prevPullErr.delete(k);
  }

  snapshot(): ImageManagerState {
    return {
      cache: [...this.cache].map(([k, v]) => [k, { ...v }]),
      inflight: this.inflight.map((x) => ({ ...x, image: { ...x.image } })),
      busyUntil: this.busyUntil,
      backoff: this.backoff.snapshot(),
      prevPullErr: [...this.prevPullErr],
    };
  }

  restore(state: ImageManagerState): void {
    this.cache = new Map(state.cache.map(([k, v]) => [k, { ...v }]));
    this.inflight = state.inflight.map((x) => ({ ...x, image: { ...x.image } }));
    this.busyUntil = state.busyUntil;
    this.backoff.restore(state.backoff);
    this.prevPullErr = new Map(state.prevPullErr);
  }

  // puller.go serialImagePuller: one pull at a time per node, in request order. A pull of an
  // image whose content is already on the node only resolves the manifest, which is quick.
  private queuePull(image: string, ref: string, now: number): PullTicket {
    const start = Math.max(now, this.busyUntil);
    const lookup = this.runtime.lookupImage(ref);
    let pullMs: number;
    let result: PullTicket['result'];
    if (lookup.ok) {
      const haveContent = this.hasContentBy(lookup.image.id, start);
      pullMs = haveContent ? repullMs(lookup.image) : lookup.image.pullMs;
      result = { ok: true, image: lookup.image };
    } else {
      pullMs = lookup.pullMs ?? 0;
      result = { ok: false, error: criErrorText(lookup.error, lookup.code) };
    }
    const doneAt = start + pullMs;
    this.busyUntil = doneAt;
    if (result.ok) this.inflight.push({ ref, image: result.image, doneAt });
    return { image, ref, requestedAt: now, doneAt, pullMs, result };
  }

  private hasContentBy(id: string, at: number): boolean {
    for (const v of this.cache.values()) if (v.id === id) return true;
    return this.inflight.some((x) => x.image.id === id && x.doneAt <= at);
  }

  /** Move finished pulls into the cache. */
  private settle(): void {
    if (!this.inflight.length) return;
    const now = this.ctx.clock.now();
    // Pulls finish in queue order mostly, but check them all before rebuilding the list.
    if (!this.inflight.some((x) => x.doneAt <= now)) return;
    const still: typeof this.inflight = [];
    for (const x of this.inflight) {
      if (x.doneAt <= now) this.add(x.ref, { ...x.image, ref: x.ref });
      else still.push(x);
    }
    this.inflight = still;
  }

  private add(ref: string, info: ImageInfo): void {
    this.cache.set(ref, info);
    // containerd also records the repo digest reference, so a pull by digest finds it
    this.cache.set(info.id, info);
  }

  private event(objRef: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(this.source, objRef, type, reason, message);
  }
}

/** image_manager.go EnsureImageExists: backOffKey := fmt.Sprintf("%s_%s", pod.UID, imgRef) */
function backoffKey(pod: StoredPod, image: string): string {
  return `${pod.metadata.uid}_${image}`;
}

/** A pull of content already on the node: a manifest round trip of a few hundred ms. */
function repullMs(info: ImageInfo): number {
  const hex = info.id.slice(-3);
  return Math.min(info.pullMs, 250 + (parseInt(hex, 16) % 500));
}
