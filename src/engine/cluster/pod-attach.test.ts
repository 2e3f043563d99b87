import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { ContainerRuntime } from '../runtime/container-runtime';
import type { StoredPod } from '../api/types';
import type { StreamIO } from '../runtime/cri';
import { isStatusError } from '../errors';

function cluster(): Cluster {
  return Cluster.create({ seed: 'attach', runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
}

function running(c: Cluster, name: string): void {
  c.clock.advanceUntil(() => !!(c.store.get('pods', 'default', name) as StoredPod).status.containerStatuses?.[0]?.state?.running, 60_000);
}

/** A StreamIO that records what it is given. */
function recorder() {
  const r = { out: '', err: '', closed: undefined as number | undefined, io: undefined as unknown as StreamIO };
  r.io = { output: (s, d) => void (s === 'stdout' ? (r.out += d) : (r.err += d)), close: (code) => void (r.closed = code ?? 0) };
  return r;
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isStatusError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('pods/attach', () => {
  it('streams PID 1\'s output and feeds its stdin; the log keeps everything; detach stops the stream', async () => {
    const c = cluster();
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sh' }, spec: { restartPolicy: 'Never', containers: [{ name: 'sh', image: 'busybox', command: ['sh'], stdin: true }] } });
    running(c, 'sh');
    const a = recorder();
    const detach = await c.api.attach('default', 'sh', { stdin: true }, a.io);
    a.io.onInput!('echo out; echo err >&2\n');
    expect(a.out).toBe('out\n');
    expect(a.err).toBe('err\n');
    detach();
    a.io.onInput!('echo unseen\n');
    expect(a.out).toBe('out\n');
    expect(await c.api.logs('default', 'sh')).toBe('out\nerr\nunseen\n');
    // a second session sees the process end: end of input makes sh exit
    const b = recorder();
    await c.api.attach('default', 'sh', {}, b.io);
    b.io.onInput!('exit 4\n');
    expect(b.closed).toBe(4);
  });

  it('an end of input closes the stdin of PID 1', async () => {
    const c = cluster();
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cat' }, spec: { restartPolicy: 'Never', containers: [{ name: 'cat', image: 'busybox', command: ['cat'], stdin: true }] } });
    running(c, 'cat');
    const a = recorder();
    await c.api.attach('default', 'cat', { stdin: true }, a.io);
    a.io.onInput!('hello\n');
    a.io.onInputEnd!();
    expect(a.out).toBe('hello\n');
    expect(a.closed).toBe(0);
  });

  it('refuses a container that is not there or not running', async () => {
    const c = cluster();
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { restartPolicy: 'Never', containers: [{ name: 'p', image: 'busybox', command: ['sleep', '3600'] }] } });
    expect(await failure(c.api.attach('default', 'p', {}, recorder().io))).toBe('pod p does not have a host assigned');
    running(c, 'p');
    expect(await failure(c.api.attach('default', 'p', { container: 'x' }, recorder().io))).toBe('container x is not valid for pod p');
    expect(await failure(c.api.attach('default', 'nope', {}, recorder().io))).toBe('pods "nope" not found');
  });
});
