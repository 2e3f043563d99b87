// What the pod workers are built from, and the timings and constants they share.
import type { StoredPod } from '../api/types';
import type { EngineContext } from '../cluster/context';
import type { RuntimeService } from '../runtime/cri';
import type { ImageManager } from './image-manager';
import type { Ipam } from './ipam';
import type { ProbeView, StatusManager } from './status-manager';

/** How long the runtime steps take, as data (KWOK-style). */
export interface KubeletTimings {
  /** RunPodSandbox: pause container plus CNI setup */
  sandboxMs: number;
  /** CreateContainer */
  createMs: number;
  /** StartContainer */
  startMs: number;
}

export const KUBELET_TIMINGS: KubeletTimings = { sandboxMs: 300, createMs: 60, startMs: 120 };

// pkg/kubelet/kubelet.go backOffPeriod: a sync that failed is retried this soon
export const SYNC_BACKOFF_PERIOD_MS = 10_000;
// kuberuntime_manager.go minimumGracePeriodInSeconds
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;
// pkg/apis/core/v1/defaults.go: terminationGracePeriodSeconds defaults to 30
export const DEFAULT_GRACE_PERIOD_SECONDS = 30;

/** The prober manager as the pod workers use it. */
export interface PodProber extends ProbeView {
  addContainer(t: { pod: StoredPod; containerName: string; containerId: string; startedAt: number; sidecar: boolean; podIP?: string }): void;
  removeContainer(podUid: string, containerName: string): void;
  removePod(podUid: string): void;
  onPodDeleting(podUid: string): void;
}

export interface PodWorkerDeps {
  ctx: EngineContext;
  nodeName: string;
  hostIP: string;
  runtime: RuntimeService;
  images: ImageManager;
  ipam: Ipam;
  prober: PodProber;
  status: StatusManager;
  timings: KubeletTimings;
}

