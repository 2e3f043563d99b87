import { describe, expect, it } from 'vitest';
import type { KubeObject, StoredNode, StoredPod, Toleration } from '../api/types';
import { deepClone } from '../store/clone';
import { newTestContext } from './testing';
import { minTolerationMs, TaintEvictionController } from './taint-eviction';

function setup() {
  const ctx = newTestContext();
  ctx.store.create('nodes', { metadata: { name: 'n1' } });
  new TaintEvictionController(ctx).start();
  const pod = (name: string, tolerations?: Toleration[]) =>
    ctx.store.create('pods', { metadata: { name, namespace: 'default' }, spec: { nodeName: 'n1', tolerations, containers: [{ name: 'c', image: 'nginx' }] } });
  const taint = (taints: unknown[]) => {
    const node = deepClone(ctx.store.get('nodes', undefined, 'n1')) as StoredNode;
    node.spec = { ...node.spec, taints: taints as never };
    ctx.store.update('nodes', node as unknown as KubeObject);
  };
  const terminating = (name: string) => {
    const p = ctx.store.tryGet('pods', 'default', name) as StoredPod | undefined;
    return !p || !!p.metadata.deletionTimestamp;
  };
  const events = () => ctx.store.list('events').map((e) => `${(e as unknown as { reason: string; message: string }).reason}: ${(e as unknown as { message: string }).message}`);
  return { ctx, pod, taint, terminating, events };
}

describe('taint eviction controller', () => {
  it('evicts at once what does not tolerate a NoExecute taint, later what tolerates it for a while, never what tolerates it forever', () => {
    const { ctx, pod, taint, terminating, events } = setup();
    pod('plain');
    pod('patient', [{ key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]);
    pod('stubborn', [{ key: 'maint', operator: 'Exists' }]);
    ctx.clock.advance(1000);
    expect(terminating('plain')).toBe(false);
    taint([{ key: 'maint', effect: 'NoExecute' }, { key: 'soft', effect: 'NoSchedule' }]);
    ctx.clock.advance(1);
    expect(terminating('plain')).toBe(true);
    expect(events()).toContain('TaintManagerEviction: Marking for deletion Pod default/plain');
    const plain = ctx.store.tryGet('pods', 'default', 'plain') as StoredPod | undefined;
    if (plain) expect(plain.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    ctx.clock.advance(29_000);
    expect(terminating('patient')).toBe(false);
    ctx.clock.advance(1_000);
    expect(terminating('patient')).toBe(true);
    ctx.clock.advance(600_000);
    expect(terminating('stubborn')).toBe(false);
  });

  it('cancels a scheduled eviction when the taint goes, with an event', () => {
    const { ctx, pod, taint, terminating, events } = setup();
    pod('patient', [{ key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]);
    taint([{ key: 'maint', effect: 'NoExecute' }]);
    ctx.clock.advance(10_000);
    taint([]);
    ctx.clock.advance(60_000);
    expect(terminating('patient')).toBe(false);
    expect(events()).toEqual(['TaintManagerEviction: Cancelling deletion of Pod default/patient']);
  });

  it('takes the least bounded toleration time, 0 for a non-positive one, -1 when all are unbounded', () => {
    expect(minTolerationMs([{ tolerationSeconds: 40 }, { tolerationSeconds: 20 }, {}])).toBe(20_000);
    expect(minTolerationMs([{ tolerationSeconds: 40 }, { tolerationSeconds: -1 }])).toBe(0);
    expect(minTolerationMs([{}, { operator: 'Exists' }])).toBe(-1);
    expect(minTolerationMs([])).toBe(0);
  });
});
