import { describe, it, expect } from 'vitest';
import type { Container, StoredPod } from '../api/types';
import { Clock } from '../clock';
import { EventRecorder, type InvolvedObject } from '../events';
import { FakeRuntime } from '../runtime/fake-runtime';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { ImageManager, pullPolicyOf } from './image-manager';

function setup() {
  const clock = new Clock();
  const random = new SeededRandom(3);
  const store = new ApiStore(clock, random);
  const events = new EventRecorder(store, clock);
  const ctx = { clock, random, store, events };
  const images = new ImageManager(ctx, 'minikube', new FakeRuntime(ctx));
  const pod = { metadata: { name: 'p', namespace: 'default', uid: 'uid-1' }, spec: { containers: [] } } as unknown as StoredPod;
  const ref: InvolvedObject = { kind: 'Pod', name: 'p', namespace: 'default', uid: 'uid-1' };
  const messages = () => store.list('events').map((e) => e.message);
  return { clock, images, pod, ref, messages };
}

describe('pullPolicyOf (SetDefaults_Container)', () => {
  it.each([
    ['nginx', 'Always'], ['nginx:latest', 'Always'], ['nginx:1.27', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'], ['localhost:5000/app', 'Always'],
  ])('%s → %s', (image, want) => {
    expect(pullPolicyOf({ name: 'c', image })).toBe(want);
  });

  it('keeps an explicit policy', () => {
    expect(pullPolicyOf({ name: 'c', image: 'nginx', imagePullPolicy: 'Never' })).toBe('Never');
  });
});

describe('ImageManager', () => {
  it('caches a pulled image: IfNotPresent finds it, Always pulls again (quickly, the content is there)', () => {
    const { clock, images, pod, ref, messages } = setup();
    const c: Container = { name: 'c', image: 'nginx:1.27' };
    const first = images.ensureImageExists(pod, c, ref);
    expect(first.status).toBe('pulling');
    if (first.status !== 'pulling') return;
    expect(first.ticket.doneAt - clock.now()).toBe(5611);
    expect(images.isPresent('docker.io/library/nginx:1.27')).toBeUndefined();
    clock.advance(5611);
    expect(images.finishPull(pod, first.ticket, ref)).toMatchObject({ ok: true });
    expect(images.isPresent('docker.io/library/nginx:1.27')).toBeDefined();
    expect(images.ensureImageExists(pod, c, ref).status).toBe('present');
    const again = images.ensureImageExists(pod, { ...c, imagePullPolicy: 'Always' }, ref);
    expect(again.status === 'pulling' && again.ticket.pullMs).toBeLessThan(1000);
    expect(messages()).toContain('Container image "nginx:1.27" already present on machine');
  });

  it('backs off a failing image per pod and carries the last error', () => {
    const { clock, images, pod, ref } = setup();
    const c: Container = { name: 'c', image: 'nginx:nope' };
    const r = images.ensureImageExists(pod, c, ref);
    if (r.status !== 'pulling') throw new Error('expected a pull');
    clock.advance(r.ticket.doneAt - clock.now());
    const out = images.finishPull(pod, r.ticket, ref);
    expect(out).toMatchObject({ ok: false, reason: 'ErrImagePull' });
    const backoff = images.ensureImageExists(pod, c, ref);
    expect(backoff).toMatchObject({ status: 'failed', reason: 'ImagePullBackOff' });
    expect(backoff.status === 'failed' && backoff.message).toMatch(/^Back-off pulling image "nginx:nope": ErrImagePull: rpc error: code = NotFound desc = /);
    expect(images.backoffEndsAt(pod, 'nginx:nope')).toBe(clock.now() + 10_000);
    // another pod is not in backoff
    const other = { ...pod, metadata: { ...pod.metadata, uid: 'uid-2' } } as StoredPod;
    expect(images.ensureImageExists(other, c, ref).status).toBe('pulling');
  });

  it('snapshots its cache, pulls under way and backoff', () => {
    const a = setup();
    const r = a.images.ensureImageExists(a.pod, { name: 'c', image: 'redis:7' }, a.ref);
    const snap = JSON.parse(JSON.stringify(a.images.snapshot()));
    const b = setup();
    b.images.restore(snap);
    b.clock.advance(10_000);
    expect(r.status).toBe('pulling');
    expect(b.images.isPresent('docker.io/library/redis:7')).toBeDefined();
  });
});
