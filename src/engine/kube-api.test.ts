import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster/cluster';
import { isStatusError, type StatusError } from './errors';

async function failure(p: Promise<unknown>): Promise<StatusError> {
  try {
    await p;
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const nginx = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

describe('InProcessKubeApi', () => {
  it('rejects unknown fields under Strict validation with the API server text', async () => {
    const { api } = Cluster.create();
    const bad = { ...nginx, spec: { containers: [{ name: 'web', imag: 'nginx' }] } };
    const e = await failure(api.create('pods', bad));
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imag"');
  });

  it('turns unknown fields into warnings under Warn, and still validates', async () => {
    const { api } = Cluster.create();
    const e = await failure(api.create('pods', { ...nginx, spec: { containers: [{ name: 'web', imag: 'nginx' }] } }, { fieldValidation: 'Warn' }));
    expect(e.message).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
    const ok = await api.create('pods', { ...nginx, spec: { containers: [{ name: 'web', image: 'nginx', colour: 'blue' }] } }, { fieldValidation: 'Warn' });
    expect(ok.warnings).toEqual(['unknown field "spec.containers[0].colour"']);
  });

  it('fails type errors whatever the validation mode', async () => {
    const { api } = Cluster.create();
    const e = await failure(api.create('pods', { ...nginx, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: '80' }] }] } }, { fieldValidation: 'Ignore' }));
    expect(e.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
  });

  it('returns create warnings from the strategy', async () => {
    const { api } = Cluster.create();
    const dup = { ...nginx, spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'nginx', ports: [{ containerPort: 80 }] }] } };
    const r = await api.create('pods', dup);
    expect(r.warnings).toEqual(['spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]']);
  });

  it('hands out read-only objects that no caller can change behind the store, and resolves names like discovery', async () => {
    const { api } = Cluster.create();
    await api.create('pods', nginx);
    const got = await api.get('pods', 'default', 'web');
    expect(() => {
      got.metadata.labels = { edited: 'yes' };
    }).toThrow(TypeError);
    expect((await api.get('pods', 'default', 'web')).metadata.labels).toBeUndefined();
    expect(api.resolve('po').resource).toBe('pods');
    expect(api.resolve('deploy').resource).toBe('deployments');
    expect((await failure(Promise.resolve().then(() => api.resolve('pdos')))).message).toBe('the server doesn\'t have a resource type "pdos"');
    const list = await api.list('pods', { namespace: 'default' });
    expect(list.kind).toBe('PodList');
    expect(list.items.map((p) => p.metadata.name)).toEqual(['web']);
  });

  it('answers log requests like the API server and kubelet', async () => {
    const c = Cluster.create();
    const { api } = c;
    await api.create('pods', nginx);
    await api.create('pods', { ...nginx, metadata: { name: 'duo' }, spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] } });
    await api.create('pods', { ...nginx, metadata: { name: 'big' }, spec: { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '64' } } }] } });
    c.clock.advance(1000);
    expect((await failure(api.logs('default', 'web'))).message).toBe('container "web" in pod "web" is waiting to start: ContainerCreating');
    expect((await failure(api.logs('default', 'nope'))).message).toBe('pods "nope" not found');
    expect((await failure(api.logs('default', 'duo'))).message).toBe(
      'a container name must be specified for pod duo, choose one of: [a b] or one of the init containers: [init]',
    );
    expect((await failure(api.logs('default', 'duo', { container: 'c' }))).message).toBe('container c is not valid for pod duo');
    expect(await api.logs('default', 'big')).toBe('');
    c.clock.advance(30_000);
    // the nginx image's entrypoint speaks first
    expect((await api.logs('default', 'web')).split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect((await failure(api.logs('default', 'web', { previous: true }))).message).toBe('previous terminated container "web" in pod "web" not found');
  });

  it('reports engine bugs as InternalError rather than crashing the caller', async () => {
    const c = Cluster.create();
    c.store.registerStrategy('configmaps', { validate: () => { throw new Error('boom'); } });
    const e = await failure(c.api.create('configmaps', { metadata: { name: 'x' } }));
    expect(e.reason).toBe('InternalError');
    expect(e.message).toBe('Internal error occurred: boom');
  });
});

describe('exec and port-forward hooks', () => {
  const io = { output: () => {}, close: () => {} };

  it('check the pod and container the way the API server and kubelet do', async () => {
    const c = Cluster.create();
    const { api } = c;
    await api.create('pods', nginx);
    await api.create('pods', { ...nginx, metadata: { name: 'big' }, spec: { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '64' } } }] } });
    c.clock.advance(1000);
    expect((await failure(api.exec('default', 'nope', { command: ['ls'] }, io))).message).toBe('pods "nope" not found');
    expect((await failure(api.exec('default', 'big', { command: ['ls'] }, io))).message).toBe('pod big does not have a host assigned');
    expect((await failure(api.exec('default', 'web', { command: ['ls'] }, io))).message).toBe('unable to upgrade connection: container not found ("web")');
    expect((await failure(api.exec('default', 'web', { container: 'side', command: ['ls'] }, io))).message).toBe('container side is not valid for pod web');
    c.clock.advance(30_000);
    // a running container runs the command: a missing binary fails as runc words it
    expect((await failure(api.exec('default', 'web', { command: ['no-such-command'] }, io))).message).toMatch(/exec: "no-such-command": executable file not found in \$PATH/);
    expect((await failure(api.portForward('default', 'big', 80))).message).toBe('pod big does not have a host assigned');
  });
});
