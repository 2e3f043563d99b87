// One probe attempt: ask the runtime, retry on errors, and record the kubelet's events.
// Ported rules: pkg/kubelet/prober/prober.go (probe, runProbeWithRetries, recordContainerEvent)
// and pkg/kubelet/prober/prober_manager.go (probeType.String).
import type { Container, Probe, StoredPod } from '../../api/types';
import { refTo, type EventRecorder } from '../../events';
import type { ProbeResult, RuntimeService } from '../../runtime/cri';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

/** A results-manager value (pkg/kubelet/prober/results/results_manager.go Result). */
export type Result = 'success' | 'failure' | 'unknown';

/** What the runtime answers for one probe. */
export type ProbeOutcome = ProbeResult;

/** The part of the CRI the prober uses; a full RuntimeService satisfies it. */
export type ProbeRunner = Pick<RuntimeService, 'probe'>;

/** One attempt as the worker sees it: errors are thrown away, not counted. */
export interface ProbeAttempt {
  result: 'success' | 'failure';
  errored: boolean;
}

// pkg/kubelet/prober/prober.go maxProbeRetries
export const MAX_PROBE_RETRIES = 3;

// pkg/kubelet/prober/prober_manager.go probeType.String
export function probeTypeName(type: ProbeType): 'Liveness' | 'Readiness' | 'Startup' {
  return type === 'liveness' ? 'Liveness' : type === 'readiness' ? 'Readiness' : 'Startup';
}

export function probeSpecOf(container: Container | undefined, type: ProbeType): Probe | undefined {
  if (!container) return undefined;
  return type === 'liveness' ? container.livenessProbe : type === 'readiness' ? container.readinessProbe : container.startupProbe;
}

/** The container's spec: sidecars live in spec.initContainers, the rest in spec.containers. */
export function containerSpecOf(pod: StoredPod, name: string, sidecar: boolean): Container | undefined {
  const list = sidecar ? pod.spec.initContainers : pod.spec.containers;
  return list?.find((c) => c.name === name);
}

/** pkg/kubelet/container/ref.go GenerateContainerRef: the field path events point at. */
export function containerFieldPath(name: string, sidecar: boolean): string {
  return sidecar ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
}

export class Prober {
  constructor(
    private readonly events: EventRecorder,
    private readonly nodeName: string,
    private readonly runtime: ProbeRunner,
  ) {}

  /** pkg/kubelet/prober/prober.go probe: run with retries, record Unhealthy / ProbeWarning events. */
  probe(type: ProbeType, pod: StoredPod, containerName: string, sidecar: boolean, containerId: string, spec: Probe, podIP: string): ProbeAttempt {
    const out = this.runWithRetries(containerId, spec, podIP);
    const kind = probeTypeName(type);
    if (out.result === 'error') {
      // prober.go probe: "%s probe errored: %v" (v1.32; 1.33 reworded it)
      this.record(pod, containerName, sidecar, 'Unhealthy', `${kind} probe errored: ${out.output}`);
      return { result: 'failure', errored: true };
    }
    if (out.result === 'failure') {
      // prober.go probe: "%s probe failed: %s"
      this.record(pod, containerName, sidecar, 'Unhealthy', `${kind} probe failed: ${out.output}`);
      return { result: 'failure', errored: false };
    }
    if (out.result === 'warning') {
      // prober.go probe: "%s probe warning: %s" (a 3xx redirect still counts as success)
      this.record(pod, containerName, sidecar, 'ProbeWarning', `${kind} probe warning: ${out.output}`);
    }
    return { result: 'success', errored: false };
  }

  // prober.go runProbeWithRetries: only an error (not a failure) is retried.
  private runWithRetries(containerId: string, spec: Probe, podIP: string): ProbeOutcome {
    let out: ProbeOutcome = { result: 'error', output: '' };
    for (let i = 0; i < MAX_PROBE_RETRIES; i++) {
      out = this.runtime.probe(containerId, spec, podIP);
      if (out.result !== 'error') return out;
    }
    return out;
  }

  // prober.go recordContainerEvent: Warning events from the kubelet on this node, about the container.
  private record(pod: StoredPod, containerName: string, sidecar: boolean, reason: string, message: string): void {
    this.events.event(
      { component: 'kubelet', host: this.nodeName },
      refTo(pod, containerFieldPath(containerName, sidecar)),
      'Warning', reason, message,
    );
  }
}
