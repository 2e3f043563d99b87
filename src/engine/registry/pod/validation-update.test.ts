import { describe, it, expect } from 'vitest';
import { edit, errorOf, newStore, pod } from './testutil';

const PREFIX = 'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

function setup(spec: Record<string, unknown> = {}) {
  const store = newStore();
  const created = store.create('pods', pod({ automountServiceAccountToken: false, containers: [{ name: 'web', image: 'nginx' }], ...spec }));
  return { store, created };
}

describe('ValidatePodUpdate: what may change', () => {
  it('allows images, labels and annotations', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.spec.containers[0].image = 'nginx:1.25';
    next.metadata.labels = { app: 'web' };
    next.metadata.annotations = { note: 'x' };
    const updated = store.update('pods', next);
    expect(updated.spec.containers[0]!.image).toBe('nginx:1.25');
    expect(updated.metadata.labels).toEqual({ app: 'web' });
  });

  it('allows activeDeadlineSeconds to be set or lowered, never raised or removed', () => {
    const { store, created } = setup({ activeDeadlineSeconds: 100 });
    const lower = edit(created);
    lower.spec.activeDeadlineSeconds = 50;
    const p = store.update('pods', lower);
    const raise = edit(p);
    raise.spec.activeDeadlineSeconds = 60;
    expect(errorOf(() => store.update('pods', raise))).toBe('Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value');
    const drop = edit(p);
    delete drop.spec.activeDeadlineSeconds;
    expect(errorOf(() => store.update('pods', drop))).toBe('Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value');
  });

  it('allows added tolerations and changed tolerationSeconds, not edits', () => {
    const { store, created } = setup();
    const add = edit(created);
    add.spec.tolerations.push({ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' });
    add.spec.tolerations[0].tolerationSeconds = 60;
    const p = store.update('pods', add);
    expect(p.spec.tolerations).toHaveLength(3);
    const change = edit(p);
    change.spec.tolerations[2].effect = 'NoExecute';
    expect(errorOf(() => store.update('pods', change))).toBe('Pod "web" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });

  it('gives an update that lists only new tolerations the default NoExecute ones back (DefaultTolerationSeconds admits updates)', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.spec.tolerations = [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }];
    const p = store.update('pods', next);
    expect(p.spec.tolerations!.map((t) => t.key)).toEqual(['gpu', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
    expect(p.spec.tolerations![1]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  });

  it('allows removing scheduling gates, not adding them', () => {
    const { store, created } = setup({ schedulingGates: [{ name: 'a' }, { name: 'b' }] });
    expect(created.status.conditions).toEqual([{
      type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
      lastProbeTime: null, lastTransitionTime: '2026-11-21T12:00:00Z',
    }]);
    const remove = edit(created);
    remove.spec.schedulingGates = [{ name: 'b' }];
    const p = store.update('pods', remove);
    const add = edit(p);
    add.spec.schedulingGates = [{ name: 'b' }, { name: 'c' }];
    expect(errorOf(() => store.update('pods', add))).toBe("Pod \"web\" is invalid: spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'c'");
  });

  it('lets a negative grace period become 1', () => {
    const { store, created } = setup({ terminationGracePeriodSeconds: -1 });
    const next = edit(created);
    next.spec.terminationGracePeriodSeconds = 1;
    expect(store.update('pods', next).spec.terminationGracePeriodSeconds).toBe(1);
  });

  it('forbids adding or removing containers', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.spec.containers.push({ name: 'b', image: 'busybox' });
    expect(errorOf(() => store.update('pods', next))).toBe('Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  it('still validates the new spec', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.spec.containers[0].image = '';
    // reported by both validatePodMetadataAndSpec and ValidateContainerUpdates; NewInvalid dedupes
    expect(errorOf(() => store.update('pods', next))).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
  });
});

describe('ValidatePodUpdate: the go-cmp diff of core.PodSpec', () => {
  it('shows a changed restartPolicy with context and elided fields', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.spec.restartPolicy = 'Never';
    expect(errorOf(() => store.update('pods', next))).toBe(PREFIX + [
      '  core.PodSpec{',
      '  \t... // 2 identical fields',
      '  \tContainers:                    {{Name: "web", Image: "nginx", TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: "File", ...}},',
      '  \tEphemeralContainers:           nil,',
      '- \tRestartPolicy:                 "Always",',
      '+ \tRestartPolicy:                 "Never",',
      '  \tTerminationGracePeriodSeconds: &30,',
      '  \tActiveDeadlineSeconds:         nil,',
      '  \t... // 27 identical fields',
      '  }',
      '',
    ].join('\n'));
  });

  it('shows an added env var inside the container', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.spec.containers[0].env = [{ name: 'A', value: '1' }];
    next.spec.containers[0].image = 'nginx:1.25'; // allowed, so munged away
    expect(errorOf(() => store.update('pods', next))).toBe(PREFIX + [
      '  core.PodSpec{',
      '  \tVolumes:        nil,',
      '  \tInitContainers: nil,',
      '  \tContainers: []core.Container{',
      '  \t\t{',
      '  \t\t\t... // 5 identical fields',
      '  \t\t\tPorts:        nil,',
      '  \t\t\tEnvFrom:      nil,',
      '- \t\t\tEnv:          nil,',
      '+ \t\t\tEnv:          []core.EnvVar{{Name: "A", Value: "1"}},',
      '  \t\t\tResources:    {},',
      '  \t\t\tResizePolicy: nil,',
      '  \t\t\t... // 14 identical fields',
      '  \t\t},',
      '  \t},',
      '  \tEphemeralContainers: nil,',
      '  \tRestartPolicy:       "Always",',
      '  \t... // 29 identical fields',
      '  }',
      '',
    ].join('\n'));
  });

  it('shows resource maps entry by entry, quantities as Go sees them', () => {
    const { store, created } = setup({ containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] });
    const next = edit(created);
    next.spec.containers[0].resources.requests.cpu = '250m';
    const msg = errorOf(() => store.update('pods', next));
    expect(msg).toContain([
      '  \t\t\tResources: core.ResourceRequirements{',
      '  \t\t\t\tLimits: nil,',
      '  \t\t\t\tRequests: core.ResourceList{',
      '- \t\t\t\t\ts"cpu":    {i: resource.int64Amount{value: 100, scale: -3}, s: "100m", Format: "DecimalSI"},',
      '+ \t\t\t\t\ts"cpu":    {i: resource.int64Amount{value: 250, scale: -3}, s: "250m", Format: "DecimalSI"},',
      '  \t\t\t\t\ts"memory": {i: {...}, Format: "BinarySI"},',
      '  \t\t\t\t},',
      '',
    ].join('\n'));
  });

  it('reads empty lists as nil, as the protobuf-stored object has them', () => {
    const { store, created } = setup({ containers: [{ name: 'web', image: 'nginx', args: [] }] });
    const next = edit(created);
    next.spec.dnsPolicy = 'Default';
    const msg = errorOf(() => store.update('pods', next));
    expect(msg).toContain('- \tDNSPolicy:                     "ClusterFirst",\n+ \tDNSPolicy:                     "Default",\n');
    expect(msg).not.toContain('Args');
  });

  it('forbids setting nodeName outside a binding', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.spec.nodeName = 'minikube';
    const msg = errorOf(() => store.update('pods', next));
    expect(msg).toContain('- \tNodeName:                     "",\n+ \tNodeName:                     "minikube",\n');
  });
});

describe('ValidatePodUpdate: metadata', () => {
  it('keeps the mirror-pod annotation as it was', () => {
    const store = newStore();
    const created = store.create('pods', pod({ nodeName: 'n1', containers: [{ name: 'web', image: 'nginx' }] }, { annotations: { 'kubernetes.io/config.mirror': 'h' } }));
    const next = edit(created);
    next.metadata.annotations['kubernetes.io/config.mirror'] = 'other';
    expect(errorOf(() => store.update('pods', next))).toBe('Pod "web" is invalid: metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not remove or update mirror pod annotation');
  });

  it('rejects invalid labels on update too', () => {
    const { store, created } = setup();
    const next = edit(created);
    next.metadata.labels = { 'a b': 'x' };
    expect(errorOf(() => store.update('pods', next))).toMatch(/^Pod "web" is invalid: metadata\.labels: Invalid value: "a b": name part must consist of/);
  });
});
