// The `Warning:` lines the API server returns for an accepted Pod: podStrategy.WarningsOnCreate
// (pkg/registry/core/pod/strategy.go) and pkg/api/pod/warnings.go warningsForPodSpecAndMeta,
// for the cases a learner meets (duplicate env names and ports, negative grace periods).
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types';
import { isDNS1123Label } from '../names';

/** WarningsOnCreate for a Pod. Updates get no warnings ("humans don't typically interact directly with pods"). */
export function podCreateWarnings(pod: KubeObject): string[] {
  const warnings: string[] = [];
  const msgs = isDNS1123Label(pod.metadata.name ?? '');
  if (msgs.length) {
    warnings.push(`metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`);
  }
  warnings.push(...podSpecWarnings((pod.spec ?? {}) as PodSpec, ''));
  return warnings;
}

/**
 * warningsForPodSpecAndMeta: `prefix` is the template path for workloads (`spec.template.`),
 * empty for a Pod.
 */
export function podSpecWarnings(spec: PodSpec, prefix: string): string[] {
  const warnings: string[] = [];
  const visit = (fn: (c: Container, path: string) => void) => {
    // pods.VisitContainersWithPath: init containers, then containers, then ephemeral containers
    (spec.initContainers ?? []).forEach((c, i) => fn(c, `${prefix}spec.initContainers[${i}]`));
    (spec.containers ?? []).forEach((c, i) => fn(c, `${prefix}spec.containers[${i}]`));
    (spec.ephemeralContainers ?? []).forEach((c, i) => fn(c as Container, `${prefix}spec.ephemeralContainers[${i}]`));
  };

  // "duplicate containers[*].env (#86163, #93266, #58477)"
  visit((c, path) => {
    const seen = new Set<string>();
    (c.env ?? []).forEach((e, i) => {
      if (!seen.has(e.name)) {
        seen.add(e.name);
        return;
      }
      const ref = `$(${e.name})`;
      const value = e.value ?? '';
      if (e.valueFrom || value === ref || !value.includes(ref)) {
        warnings.push(`${path}.env[${i}]: hides previous definition of ${JSON.stringify(e.name)}, which may be dropped when using apply`);
      }
    });
  });

  // "Accumulate ports across all containers"
  const all = new Map<string, Array<{ field: string; hostIP: string; hostPort: number }>>();
  visit((c, path) => {
    (c.ports ?? []).forEach((p, i) => {
      const field = `${path}.ports[${i}]`;
      const hostIP = p.hostIP ?? '';
      const hostPort = p.hostPort ?? 0;
      const key = `${p.containerPort}/${p.protocol ?? ''}`;
      const others = all.get(key) ?? [];
      for (const o of others) {
        if (hostIP === o.hostIP && hostPort === o.hostPort) warnings.push(`${field}: duplicate port definition with ${o.field}`);
        else if (hostPort === 0 || o.hostPort === 0) warnings.push(`${field}: overlapping port definition with ${o.field}`);
        else if (hostPort === o.hostPort && (hostIP === '') !== (o.hostIP === '')) warnings.push(`${field}: dangerously ambiguous port definition with ${o.field}`);
      }
      all.set(key, [...others, { field, hostIP, hostPort }]);
    });
  });

  if ((spec.terminationGracePeriodSeconds ?? 0) < 0) {
    warnings.push(`${prefix}spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1`);
  }
  return warnings;
}
