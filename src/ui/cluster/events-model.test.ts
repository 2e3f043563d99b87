import { describe, expect, it } from 'vitest';
import { eventRows, filterEvents } from './events-model';
import { createPod, pod, testCluster } from './test-cluster';

describe('events timeline', () => {
  it('lists events oldest first and filters by object, text and type', async () => {
    const c = testCluster();
    c.clock.advance(60_000);
    await createPod(c, pod('web'));
    await createPod(c, pod('big', { requests: { cpu: '30' } }));
    c.clock.advance(30_000);
    const rows = eventRows(c.store.list('events'));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.at).toBeGreaterThanOrEqual(rows[i - 1]!.at);
    // the system pods started before our pods
    expect(rows[0]!.namespace).toBe('kube-system');

    const web = filterEvents(rows, { object: { kind: 'Pod', namespace: 'default', name: 'web' } });
    expect(web.map((r) => r.reason)).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Started']));
    expect(web.every((r) => r.object === 'Pod/web')).toBe(true);

    const warnings = filterEvents(rows, { warningsOnly: true });
    expect(warnings.map((r) => `${r.object} ${r.reason}`)).toContain('Pod/big FailedScheduling');
    expect(warnings.every((r) => r.warning)).toBe(true);

    const text = filterEvents(rows, { text: '  INSUFFICIENT cpu ' });
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((r) => r.message.includes('Insufficient cpu'))).toBe(true);
  });

  it('reuses a row for an unchanged event', () => {
    const c = testCluster();
    const a = eventRows(c.store.list('events'));
    const b = eventRows(c.store.list('events'));
    expect(b[0]).toBe(a[0]);
  });
});
