// The container runtime interface the kubelet talks to: a runtime-neutral slice of the CRI
// (k8s.io/cri-api pkg/apis/runtime/v1: RuntimeService + ImageService). The fake runtime
// implements it today; real image programs replace the fake later without touching the kubelet.
import type { Container, Probe, StoredPod } from '../api/types';
import type { PortForwardSession } from './net/port-forward';

/** What an image reference resolves to on the (simulated) registry. */
export interface ImageInfo {
  /** normalized reference, e.g. docker.io/library/nginx:latest */
  ref: string;
  /** repo digest, e.g. docker.io/library/nginx@sha256:<64 hex> */
  id: string;
  /** bytes, as the Pulled event prints them */
  size: number;
  /** how long a fresh pull takes */
  pullMs: number;
}

/**
 * The answer to "what would a pull of `ref` give". A failure carries containerd-style text, e.g.
 * `failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve
 * reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found`,
 * plus the gRPC code containerd returns (errdefs.ToGRPC; NotFound for unknown repos and tags) and
 * how long the failed attempt takes.
 */
export type ImageLookup =
  | { ok: true; image: ImageInfo }
  | { ok: false; error: string; code?: GrpcCode; pullMs?: number };

/** gRPC status codes a runtime may answer with (google.golang.org/grpc/codes String()). */
export type GrpcCode = 'Unknown' | 'NotFound' | 'InvalidArgument' | 'Unavailable' | 'PermissionDenied' | 'Unauthenticated';

export interface ProbeResult {
  result: 'success' | 'failure' | 'warning' | 'error';
  output: string;
}

/** A container process ended: reported through RuntimeListener, never returned synchronously. */
export interface ContainerExit {
  containerId: string;
  exitCode: number;
  /** Completed | Error | OOMKilled (containerd's CRI plugin) */
  reason: string;
  signal?: number;
  finishedAt: number;
  message?: string;
}

export interface RuntimeListener {
  onContainerExited(exit: ContainerExit): void;
}

export interface ContainerRequest {
  podUid: string;
  podName: string;
  namespace: string;
  nodeName: string;
  podIP: string;
  container: Container;
  kind: 'init' | 'sidecar' | 'regular' | 'ephemeral';
  /** the attempt number; the runtime stores it as a container label (kubelet restartCount) */
  restartCount: number;
  pod: StoredPod;
}

export interface RuntimeService {
  /** What a pull of `ref` resolves to. */
  lookupImage(ref: string): ImageLookup;
  /** Creates the pause container and the pod network namespace; returns the sandbox id. */
  runPodSandbox(pod: StoredPod, podIP: string): string;
  stopPodSandbox(sandboxId: string): void;
  /** Returns a containerId (64 hex); may throw an Error whose message is CreateContainerError text. */
  createContainer(sandboxId: string, req: ContainerRequest): string;
  /** The process starts now; its exit is reported later through the listener. */
  startContainer(containerId: string): void;
  /** STOPSIGNAL (SIGTERM by default), SIGKILL after the grace period: exit 143 on TERM, 137 on KILL. */
  stopContainer(containerId: string, gracePeriodSeconds: number): void;
  removeContainer(containerId: string): void;
  /** Evaluates a probe at the current virtual instant; timeouts are the runtime's business. */
  probe(containerId: string, probe: Probe, podIP: string): ProbeResult;
  setListener(l: RuntimeListener): void;
  snapshot(): unknown;
  restore(state: unknown): void;
  /**
   * The container's log as CRI log lines turn into `kubectl logs` output (the kubelet's
   * ReadLogs). Optional: a runtime without it has nothing to show.
   */
  containerLogs?(containerId: string, opts: ContainerLogOptions): string;
  /** Start `command` inside a running container (CRI Exec); optional until a runtime runs programs. */
  exec?(containerId: string, command: string[], io: StreamIO, opts?: { stdin?: boolean; tty?: boolean }): void;
  /**
   * CRI Attach: stream the output PID 1 writes from now on to `io`, and what `io.onInput` gets into
   * its stdin (open only for a container with `stdin: true`); `io.close` gets PID 1's exit code.
   * Returns the detach function. Optional likewise.
   */
  attach?(containerId: string, io: StreamIO): () => void;
  /**
   * CRI PortForward to `port` in the network namespace of the pod's sandbox, one HTTP exchange per
   * connection; undefined when the pod has no ready sandbox on this node. Optional likewise.
   */
  portForward?(podUid: string, port: number): PortForwardSession | undefined;
  /** CRI ContainerStats (what the kubelet's summary API and metrics-server read); undefined for an unknown container. */
  containerStats?(containerId: string): ContainerStats | undefined;
}

/** cri-api ContainerStats, reduced to what metrics-server uses. */
export interface ContainerStats {
  /** virtual ms of the sample */
  timestamp: number;
  /** when the container started (the kubelet summary API's startTime) */
  startedAt: number;
  /** CpuUsage.usage_core_nano_seconds: cumulative CPU time */
  cpuUsageCoreNanoSeconds: number;
  /** the rate in millicores right now (already capped by limits.cpu) */
  cpuUsageMillis: number;
  /** MemoryUsage.working_set_bytes */
  memoryWorkingSetBytes: number;
}

/** A runtime error as the kubelet's CRI client hands it on (cri-client pkg/remote_image.go pullImageV1). */
export function criErrorText(message: string, code: GrpcCode | undefined): string {
  // remote_image.go pullImageV1: the Unknown code is stripped, any other keeps the gRPC prefix
  if (!code || code === 'Unknown') return message;
  // google.golang.org/grpc/internal/status Status.Error: "rpc error: code = %s desc = %s"
  return `rpc error: code = ${code} desc = ${message}`;
}

export interface ContainerLogOptions {
  tailLines?: number;
  /** only lines at or after this virtual time (ms) */
  sinceTime?: number;
  /** prefix each line with its RFC3339Nano timestamp */
  timestamps?: boolean;
}

/** The two directions of an exec or port-forward stream. */
export interface StreamIO {
  /** bytes from the process (stdout, or stderr) */
  output(stream: 'stdout' | 'stderr', data: string): void;
  /** the stream ended; for exec, with the command's exit code */
  close(exitCode?: number): void;
  /** registered by the runtime: called with data for the process's stdin */
  onInput?: (data: string) => void;
  /** registered by the runtime: the process's stdin reached end-of-file (Ctrl-D) */
  onInputEnd?: () => void;
}
