// Expected results were captured from kubectl 1.32.5 `kubectl patch --local -o json`, which runs the
// same libraries (strategicpatch, json-patch.v4) on the client.
import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors';
import { deepFreeze } from './clone';
import { applyPatch, goFormat } from './patch';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const POD: Obj = deepFreeze({
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'web', namespace: 'default', labels: { app: 'web', tier: 'fe' }, finalizers: ['a', 'b'],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true }],
  },
  spec: {
    containers: [
      {
        name: 'web', image: 'nginx:1.25',
        env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
      { name: 'side', image: 'busybox', command: ['sh', '-c', 'sleep 1d'] },
    ],
    volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c' } }],
    tolerations: [{ key: 'k1', operator: 'Exists' }],
    nodeSelector: { disk: 'ssd' },
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }],
    containerStatuses: [{ name: 'web', ready: true, restartCount: 0 }, { name: 'side', ready: true, restartCount: 1 }],
  },
});

const DEPLOY: Obj = deepFreeze({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    template: {
      metadata: { labels: { app: 'd' } },
      spec: { containers: [{ name: 'a', image: 'a:1', env: [{ name: 'E1', value: '1' }] }, { name: 'b', image: 'b:1' }] },
    },
  },
});

const smp = (patch: unknown, obj: Obj = POD, kind = 'Pod') => applyPatch('strategic', kind, obj, patch) as Obj;
const names = (list: Obj[]) => list.map((c) => c.name);

function thrown(f: () => unknown): StatusError {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('strategic merge patch: lists merged by key', () => {
  it('changes an image by container name and keeps the rest', () => {
    const out = smp({ spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } });
    expect(out.spec.containers[0]).toEqual({ ...POD.spec.containers[0], image: 'nginx:1.26' });
    expect(out.spec.containers[1]).toEqual(POD.spec.containers[1]);
  });

  it('adds an env var (new patch items come before the live-only ones)', () => {
    const out = smp({ spec: { containers: [{ name: 'web', env: [{ name: 'C', value: '3' }] }] } });
    expect(out.spec.containers[0].env).toEqual([{ name: 'C', value: '3' }, { name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  });

  it('adds a container before the live ones it does not mention', () => {
    expect(names(smp({ spec: { containers: [{ name: 'new', image: 'redis' }] } }).spec.containers)).toEqual(['new', 'web', 'side']);
  });

  it('deletes a container with $patch: delete', () => {
    const out = smp({ spec: { containers: [{ name: 'side', $patch: 'delete' }] } });
    expect(names(out.spec.containers)).toEqual(['web']);
  });

  it('deletes and changes env vars in one patch', () => {
    const out = smp({ spec: { containers: [{ name: 'web', env: [{ name: 'A', $patch: 'delete' }, { name: 'B', value: '20' }] }] } });
    expect(out.spec.containers[0].env).toEqual([{ name: 'B', value: '20' }]);
  });

  it('merges ports by containerPort, volumes by name, conditions by type, ownerReferences by uid', () => {
    expect(smp({ spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] } }).spec.containers[0].ports)
      .toEqual([{ containerPort: 8080 }, { containerPort: 80, protocol: 'TCP' }]);
    expect(smp({ spec: { containers: [{ name: 'web', ports: [{ containerPort: 80, name: 'http' }] }] } }).spec.containers[0].ports)
      .toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }]);
    expect(smp({ spec: { volumes: [{ name: 'cfg', $patch: 'delete' }] } }).spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
    expect(smp({ status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }] } }).status.conditions)
      .toEqual([{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }, { type: 'PodScheduled', status: 'True' }]);
    expect(smp({ metadata: { ownerReferences: [{ uid: 'u2', apiVersion: 'v1', kind: 'X', name: 'x' }] } }).metadata.ownerReferences.map((o: Obj) => o.uid))
      .toEqual(['u2', 'u1']);
  });

  it('merges finalizers as a set and deletes from them with $deleteFromPrimitiveList', () => {
    expect(smp({ metadata: { finalizers: ['c', 'a'] } }).metadata.finalizers).toEqual(['c', 'a', 'b']);
    expect(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata.finalizers).toEqual(['b']);
  });

  it('replaces lists without a merge strategy: tolerations, containerStatuses, command', () => {
    expect(smp({ spec: { tolerations: [{ key: 'k2', operator: 'Exists' }] } }).spec.tolerations).toEqual([{ key: 'k2', operator: 'Exists' }]);
    expect(smp({ status: { containerStatuses: [{ name: 'web', ready: false }] } }).status.containerStatuses).toEqual([{ name: 'web', ready: false }]);
    const out = smp({ spec: { containers: [{ name: 'web', command: ['a'] }, { name: 'side', command: null }] } });
    expect(out.spec.containers[0].command).toEqual(['a']);
    expect(out.spec.containers[1]).toEqual({ name: 'side', image: 'busybox' });
  });

  it('replaces a whole list with $patch: replace', () => {
    expect(smp({ spec: { containers: [{ name: 'zzz', image: 'z' }, { $patch: 'replace' }] } }).spec.containers).toEqual([{ name: 'zzz', image: 'z' }]);
  });

  it('orders by $setElementOrder', () => {
    const a = smp({ spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'web' }], containers: [{ name: 'web', image: 'v9' }] } });
    expect(names(a.spec.containers)).toEqual(['side', 'web']);
    expect(a.spec.containers[1].image).toBe('v9');
    const b = smp({ spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'x' }, { name: 'web' }], containers: [{ name: 'x', image: 'x' }] } });
    expect(names(b.spec.containers)).toEqual(['side', 'x', 'web']);
    expect(b.spec['$setElementOrder/containers']).toBeUndefined();
  });

  it('honours $retainKeys on a volume (patchStrategy merge,retainKeys)', () => {
    const out = smp({ spec: { volumes: [{ name: 'data', $retainKeys: ['name', 'hostPath'], hostPath: { path: '/tmp' } }] } });
    expect(out.spec.volumes).toEqual([{ name: 'data', hostPath: { path: '/tmp' } }, { name: 'cfg', configMap: { name: 'c' } }]);
  });

  it('works under spec.template for Deployments', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'b', image: 'b:2' }, { name: 'c', image: 'c' }] } } } }, DEPLOY, 'Deployment');
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'a', image: 'a:1', env: [{ name: 'E1', value: '1' }] }, { name: 'b', image: 'b:2' }, { name: 'c', image: 'c' },
    ]);
    const strat = smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, DEPLOY, 'Deployment');
    expect(strat.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('treats lists as replaced for kinds without tags, except metadata', () => {
    const cm = deepFreeze({ kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['x'] }, data: { a: '1' } });
    const out = smp({ metadata: { finalizers: ['y'] }, data: { b: '2', a: null } }, cm, 'ConfigMap');
    expect(out).toEqual({ kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['y', 'x'] }, data: { b: '2' } });
  });
});

describe('strategic merge patch: maps', () => {
  it('deletes keys set to null and adds new ones', () => {
    const out = smp({ metadata: { labels: { tier: null, new: 'x' } }, spec: { nodeSelector: { disk: null, zone: 'a' } } });
    expect(out.metadata.labels).toEqual({ app: 'web', new: 'x' });
    expect(out.spec.nodeSelector).toEqual({ zone: 'a' });
  });

  it('replaces or empties a map with $patch', () => {
    expect(smp({ metadata: { labels: { $patch: 'replace', only: 'this' } } }).metadata.labels).toEqual({ only: 'this' });
    expect(smp({ spec: { nodeSelector: { $patch: 'delete' } } }).spec.nodeSelector).toEqual({});
  });

  it('drops nulls and directives left in values taken as is, like the typed decode does', () => {
    const out = smp({ spec: { containers: [{ name: 'web', env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'x' } }, value: null }] }] } });
    expect(out.spec.containers[0].env[0]).toEqual({ name: 'N', valueFrom: { fieldRef: { fieldPath: 'x' } } });
    expect(smp({ spec: { tolerations: [{ key: 'x', $patch: 'delete' }] } }).spec.tolerations).toEqual([{ key: 'x' }]);
  });

  it('does not touch its inputs and returns a new object', () => {
    const patch = deepFreeze({ spec: { containers: [{ name: 'web', image: 'x' }] } });
    const out = smp(patch);
    expect(out).not.toBe(POD);
    expect(Object.isFrozen(out)).toBe(false);
    expect(POD.spec.containers[0].image).toBe('nginx:1.25');
    expect(smp(null)).toEqual(POD);
  });
});

describe('strategic merge patch: errors', () => {
  it('reports a missing merge key as the library error (HTTP 500, no reason)', () => {
    const e = thrown(() => smp({ spec: { containers: [{ image: 'q' }] } }));
    expect(e.message).toBe('map: map[image:q] does not contain declared merge key: name');
    expect(e.code).toBe(500);
    expect(e.status.reason).toBe('');
  });

  it('reports unknown directives and mixed element types', () => {
    expect(thrown(() => smp({ spec: { containers: [{ name: 'web', $patch: 'frob' }] } })).message)
      .toBe('unknown patch type: frob in map: map[$patch:frob name:web]');
    expect(thrown(() => smp({ spec: { containers: [{ name: 'web', $patch: 'merge' }] } })).message)
      .toBe('merging lists cannot yet be specified in the patch');
    expect(thrown(() => smp({ metadata: { finalizers: ['a', 1] } })).message).toBe('list element types are not identical: [[a b] [a 1]]');
    expect(thrown(() => smp({ spec: { '$setElementOrder/x': 'nope' } })).message).toBe('expected a []interface {}, but received a string');
    expect(thrown(() => smp({ spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'web' }, { name: 'side' }] } })).message)
      .toBe('The order in patch list:\n[map[name:web] map[name:side]]\n doesn\'t match $setElementOrder list:\n[map[name:web]]\n');
  });

  it('answers malformed directives and bodies with BadRequest', () => {
    const rk = thrown(() => smp({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 2 } } } }, DEPLOY, 'Deployment'));
    expect([rk.code, rk.reason, rk.message]).toEqual([400, 'BadRequest', 'invalid patch format of retainKeys']);
    expect(thrown(() => smp({ metadata: { $deleteFromPrimitiveList: ['x'] } })).message).toBe('invalid patch format of primitive list');
    expect(thrown(() => smp([1])).message).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
  });

  it('rejects lists of lists as Invalid', () => {
    const obj = deepFreeze({ kind: 'Pod', metadata: { name: 'p', finalizers: [] } });
    const e = thrown(() => smp({ metadata: { finalizers: [['a']] } }, obj));
    expect(e.cause).toBe('lists of lists are not supported');
    expect([e.code, e.reason]).toEqual([422, 'Invalid']);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  const merge = (patch: unknown) => applyPatch('merge', 'Pod', POD, patch) as Obj;

  it('deletes keys with null and replaces lists whole', () => {
    const out = merge({ metadata: { labels: { app: null, z: '1' }, annotations: { a: 'b', n: null } }, spec: { containers: [{ name: 'web', image: 'x' }] } });
    expect(out.metadata.labels).toEqual({ tier: 'fe', z: '1' });
    expect(out.metadata.annotations).toEqual({ a: 'b' });
    expect(out.spec.containers).toEqual([{ name: 'web', image: 'x' }]);
  });

  it('deletes a whole field and prunes nulls inside new values', () => {
    const out = merge({ spec: { nodeSelector: null, tolerations: [{ key: 'x', value: null }], affinity: { a: { b: null, c: 1 } } } });
    expect(out.spec.nodeSelector).toBeUndefined();
    expect(out.spec.tolerations).toEqual([{ key: 'x' }]);
    expect(out.spec.affinity).toEqual({ a: { c: 1 } });
    expect(POD.spec.nodeSelector).toEqual({ disk: 'ssd' });
  });

  it.each([null, 'x', 3, [1]])('rejects %j as "Invalid JSON Patch"', (patch) => {
    const e = thrown(() => merge(patch));
    expect([e.code, e.reason, e.message]).toEqual([400, 'BadRequest', 'Invalid JSON Patch']);
  });
});

describe('JSON patch (RFC 6902)', () => {
  const json = (patch: unknown, obj: Obj = POD) => applyPatch('json', 'Pod', obj, patch) as Obj;

  it('replaces, adds with "-" and with escaped keys, removes', () => {
    expect(json([{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:2' }]).spec.containers[0].image).toBe('nginx:2');
    expect(json([{ op: 'add', path: '/spec/containers/0/env/-', value: { name: 'Z', value: 'z' } }]).spec.containers[0].env.map((e: Obj) => e.name))
      .toEqual(['A', 'B', 'Z']);
    const out = json([{ op: 'remove', path: '/spec/tolerations' }, { op: 'add', path: '/metadata/labels/a~1b', value: 'x' }]);
    expect(out.spec.tolerations).toBeUndefined();
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'fe', 'a/b': 'x' });
  });

  it('moves, copies, tests, and counts negative indices from the end', () => {
    const out = json([
      { op: 'move', from: '/spec/containers/1', path: '/spec/containers/0' },
      { op: 'copy', from: '/metadata/name', path: '/metadata/labels/name' },
      { op: 'test', path: '/spec/containers/0/name', value: 'side' },
      { op: 'add', path: '/spec/containers/-1', value: { name: 'last' } },
    ]);
    expect(names(out.spec.containers)).toEqual(['side', 'web', 'last']);
    expect(out.metadata.labels.name).toBe('web');
    expect(names(json([{ op: 'remove', path: '/spec/containers/-1' }]).spec.containers)).toEqual(['web']);
  });

  it('lets replace set a key missing from an existing map (json-patch v4)', () => {
    expect(json([{ op: 'replace', path: '/metadata/labels/newkey', value: 'v' }]).metadata.labels.newkey).toBe('v');
  });

  it.each([
    [[{ op: 'remove', path: '/spec/affinity' }], "error in remove for path: '/spec/affinity': Unable to remove nonexistent key: affinity: missing value"],
    [[{ op: 'add', path: '/metadata/annotations/x', value: 'y' }], 'add operation does not apply: doc is missing path: "/metadata/annotations/x": missing value'],
    [[{ op: 'replace', path: '/spec/containers/5/image', value: 'y' }], 'replace operation does not apply: doc is missing path: /spec/containers/5/image: missing value'],
    [[{ op: 'add', path: '/spec/containers/9', value: {} }], "error in add for path: '/spec/containers/9': Unable to access invalid index: 9: invalid index referenced"],
    [[{ op: 'remove', path: '/spec/containers/x' }], "error in remove for path: '/spec/containers/x': strconv.Atoi: parsing \"x\": invalid syntax"],
    [[{ op: 'test', path: '/metadata/name', value: 'nope' }], 'testing value /metadata/name failed: test failed'],
    [[{ op: 'move', from: '/metadata/nope', path: '/metadata/x' }], "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value"],
    [[{ op: 'frob', path: '/metadata/name' }], 'Unexpected kind: frob'],
    [[{ path: '/metadata/name' }], 'Unexpected kind: unknown'],
    [[{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
  ])('rejects %j as Invalid with the generic message', (patch, cause) => {
    const e = thrown(() => json(patch));
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe('the server rejected our request due to an error in our request');
    expect(e.cause).toBe(cause);
  });

  it('applies all operations or none', () => {
    expect(() => json([{ op: 'replace', path: '/metadata/name', value: 'x' }, { op: 'remove', path: '/nope' }])).toThrow(StatusError);
    expect(POD.metadata.name).toBe('web');
  });

  it('answers undecodable patches with BadRequest', () => {
    expect(thrown(() => json({ op: 'add' })).message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(thrown(() => json(['x'])).message).toBe('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
    expect(thrown(() => json(['x'])).reason).toBe('BadRequest');
    expect(json(null)).toEqual(POD);
  });
});

describe('goFormat', () => {
  it('prints decoded JSON like Go %v', () => {
    expect(goFormat({ name: 'a', image: 'x', port: 80 })).toBe('map[image:x name:a port:80]');
    expect(goFormat([['a', 'b'], ['a', 1.5]])).toBe('[[a b] [a 1.5]]');
    expect(goFormat(null)).toBe('<nil>');
    expect(goFormat(1e21)).toBe('1e+21');
    expect(goFormat(0.00001)).toBe('1e-05');
  });
});
