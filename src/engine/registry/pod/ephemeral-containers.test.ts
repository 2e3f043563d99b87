import { describe, expect, it } from 'vitest';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { edit, errorOf, newStore, pod } from './testutil';
import { MIRROR_POD_ANNOTATION } from './validation';

const app = { name: 'app', image: 'nginx' };
const debugger1 = { name: 'debugger-abcde', image: 'busybox:1.36' };

/** A store with pod `web` (container app) and a helper that adds ephemeral containers the way kubectl debug does. */
function setup(meta: Record<string, unknown> = {}) {
  const store = newStore();
  store.create('pods', pod({ containers: [app] }, meta));
  const add = (...ecs: Record<string, unknown>[]) =>
    store.patch('pods', 'default', 'web', 'strategic', { spec: { ephemeralContainers: ecs } }, { subresource: 'ephemeralcontainers' });
  return { store, add };
}

const specOf = (p: { spec?: unknown }) => p.spec as PodSpec;

describe('pods/ephemeralcontainers', () => {
  it('rejects ephemeral containers on create', () => {
    const store = newStore();
    expect(errorOf(() => store.create('pods', pod({ containers: [app], ephemeralContainers: [debugger1] }))))
      .toBe('Pod "web" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create');
  });

  it('adds a container through the subresource, defaulted like any container', () => {
    const { store, add } = setup();
    const before = store.get('pods', 'default', 'web');
    const after = add(debugger1);
    expect(specOf(after).ephemeralContainers).toEqual([{
      name: 'debugger-abcde', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', resources: {},
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }]);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    // the rest of the spec is untouched
    expect(specOf(after).containers).toEqual(specOf(before).containers);
  });

  it('keeps everything but the ephemeral containers as stored', () => {
    const { store } = setup({ labels: { app: 'web' } });
    const p = edit(store.get('pods', 'default', 'web'));
    p.metadata.labels = { app: 'changed' };
    p.spec.containers[0].image = 'nginx:1.27';
    p.spec.ephemeralContainers = [debugger1];
    const out = store.updateSubresource('pods', 'ephemeralcontainers', p);
    expect(out.metadata.labels).toEqual({ app: 'web' });
    expect(specOf(out).containers[0]!.image).toBe('nginx');
    expect(specOf(out).ephemeralContainers?.map((c) => c.name)).toEqual(['debugger-abcde']);
  });

  it('forbids the fields that would make it part of the workload', () => {
    const { add } = setup();
    const msg = errorOf(() => add({
      ...debugger1,
      ports: [{ containerPort: 80 }],
      resources: { limits: { cpu: '1' } },
      readinessProbe: { exec: { command: ['true'] } },
      lifecycle: { preStop: { exec: { command: ['true'] } } },
    }));
    expect(msg).toBe('Pod "web" is invalid: [' + [
      'spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container',
      'spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container',
      'spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container',
      'spec.ephemeralContainers[0].lifecycle: Forbidden: cannot be set for an Ephemeral Container',
    ].join(', ') + ']');
  });

  it('drops resizePolicy (InPlacePodVerticalScaling is off) instead of refusing it', () => {
    const { add } = setup();
    const out = add({ ...debugger1, resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] });
    expect(specOf(out).ephemeralContainers?.[0]).not.toHaveProperty('resizePolicy');
  });

  it('wants names unique across all containers and a target that is a regular or init container', () => {
    const { add } = setup();
    expect(errorOf(() => add({ ...debugger1, name: 'app' })))
      .toBe('Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "app"');
    expect(errorOf(() => add({ ...debugger1, targetContainerName: 'nope' })))
      .toBe('Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"');
    expect(specOf(add({ ...debugger1, targetContainerName: 'app' })).ephemeralContainers?.[0]?.targetContainerName).toBe('app');
  });

  it('forbids subPath mounts', () => {
    const store = newStore();
    store.create('pods', pod({ containers: [app], volumes: [{ name: 'data', emptyDir: {} }] }));
    const msg = errorOf(() => store.patch('pods', 'default', 'web', 'strategic', {
      spec: { ephemeralContainers: [{ ...debugger1, volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'x' }] }] },
    }, { subresource: 'ephemeralcontainers' }));
    expect(msg).toBe('Pod "web" is invalid: spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container');
  });

  it('never lets an existing ephemeral container change or go', () => {
    const { store, add } = setup();
    add(debugger1);
    const removed = edit(store.get('pods', 'default', 'web'));
    removed.spec.ephemeralContainers = [];
    expect(errorOf(() => store.updateSubresource('pods', 'ephemeralcontainers', removed)))
      .toBe('Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger-abcde" may not be removed\n');
    const changed = edit(store.get('pods', 'default', 'web'));
    changed.spec.ephemeralContainers[0].image = 'busybox:1.37';
    const msg = errorOf(() => store.updateSubresource('pods', 'ephemeralcontainers', changed));
    expect(msg).toMatch(/^Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger-abcde" may not be changed\n {2}core.EphemeralContainer\{\n/);
    expect(msg).toContain('\tEphemeralContainerCommon: core.EphemeralContainerCommon{\n');
    expect(msg).toContain('- \t\tImage:   "busybox:1.36",\n+ \t\tImage:   "busybox:1.37",\n');
    // adding a second one keeps the first (a strategic patch without $setElementOrder lists its own items first)
    expect(specOf(add({ name: 'two', image: 'busybox' })).ephemeralContainers?.map((c) => c.name)).toEqual(['two', 'debugger-abcde']);
  });

  it('a normal pod update may not change them', () => {
    const { store, add } = setup();
    add(debugger1);
    const p = edit(store.get('pods', 'default', 'web'));
    delete p.spec.ephemeralContainers;
    const msg = errorOf(() => store.update('pods', p));
    expect(msg).toMatch(/^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than/);
    expect(msg).toContain('EphemeralContainers: []core.EphemeralContainer{');
  });

  it('static pods do not support them', () => {
    const store = newStore();
    store.create('pods', pod({ containers: [app], nodeName: 'node-1' }, { annotations: { [MIRROR_POD_ANNOTATION]: 'x' } }));
    expect(errorOf(() => store.patch('pods', 'default', 'web', 'strategic', { spec: { ephemeralContainers: [debugger1] } }, { subresource: 'ephemeralcontainers' })))
      .toBe('Pod "web" is invalid: : Forbidden: static pods do not support ephemeral containers');
  });

  it('is a 404 without details for a kind that has no such subresource, and NotFound for a missing pod', () => {
    const { store } = setup();
    store.registerStrategy('configmaps', {});
    store.create('configmaps', { metadata: { name: 'c' } });
    expect(errorOf(() => store.patch('configmaps', 'default', 'c', 'merge', {}, { subresource: 'ephemeralcontainers' })))
      .toBe('the server could not find the requested resource');
    expect(errorOf(() => store.patch('pods', 'default', 'nope', 'strategic', { spec: {} }, { subresource: 'ephemeralcontainers' })))
      .toBe('pods "nope" not found');
  });
});
