import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';
import { MergeKeyError, threeWayMergePatch } from './three-way';

const pod = (containers: unknown[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers } });

describe('threeWayMergePatch: keyed lists need their merge key', () => {
  it("fails with mergepatch's ErrNoMergeKey, the element in Go's %v", () => {
    const live = pod([{ name: 'web', image: 'nginx' }]);
    const call = () => threeWayMergePatch('Pod', live, pod([{ image: 'nginx:1.27', ports: [{ containerPort: 80 }] }]), live);
    expect(call).toThrow(MergeKeyError);
    expect(call).toThrow('map: map[image:nginx:1.27 ports:[map[containerPort:80]]] does not contain declared merge key: name');
    // a list without a merge key (command) is replaced, whatever it holds
    expect(threeWayMergePatch('Pod', live, pod([{ name: 'web', image: 'nginx', command: [{}] }]), live)).toMatchObject({ spec: { containers: [{ name: 'web', command: [{}] }] } });
  });

  it('makes apply warn twice and fail as patcher.go does, naming the documents it compared', async () => {
    const k = testKubectl({ seed: 'merge-key' });
    k.files.set('/work/p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n');
    expect((await k.run('apply -f p.yaml')).code).toBe(0);
    k.files.set('/work/p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - image: nginx\n');
    const r = await k.run('apply -f p.yaml');
    const cause = 'map: map[image:nginx] does not contain declared merge key: name';
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`warning: error calculating patch from openapi v3 spec: ${cause}\nwarning: error calculating patch from openapi spec: ${cause}\n` +
      'error: error when applying patch:\n\nto:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "web", Namespace: "default"\n' +
      'for: "p.yaml": error when patching "p.yaml": creating patch with:\noriginal:\n{"apiVersion":"v1","kind":"Pod"')).toBe(true);
    expect(r.stderr).toContain('\n\nmodified:\n{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":');
    expect(r.stderr.endsWith(`\n\nfor:: ${cause}\n`)).toBe(true);
    // the pod is untouched
    expect((await k.cluster.api.get('pods', 'default', 'web')).spec).toMatchObject({ containers: [{ name: 'web', image: 'nginx' }] });
  });
});

describe('threeWayMergePatch: deletions and changes in one keyed element', () => {
  it('merges them into one element of the patch, as mergeSlice does', () => {
    const original = pod([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }]);
    const current = pod([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }]);
    // the file drops the port and changes the image: one container entry carries both
    const patch = threeWayMergePatch('Pod', original, pod([{ name: 'web', image: 'nginx:1.27' }]), current);
    expect(patch).toEqual({
      spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'web', image: 'nginx:1.27', ports: null }] },
    });
  });
});
