import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../engine';
import { testSession } from './testing';

describe('forwarded localhost ports', { timeout: 60_000 }, () => {
  it('curl reaches a pod through a forwarded port; other ports refuse', async () => {
    const t = await testSession({ runtime: true });
    await t.cluster.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    });
    t.cluster.clock.advanceUntil(() => {
      const pod = t.cluster.store.tryGet('pods', 'default', 'web') as StoredPod | undefined;
      return !!pod?.status.containerStatuses?.[0]?.ready;
    }, 120_000);
    expect(t.session.network.listen(8080, { namespace: 'default', pod: 'web', port: 80 })).toBe(true);
    expect(t.session.network.listen(8080, { namespace: 'default', pod: 'web', port: 80 })).toBe(false);
    expect(t.events).toContainEqual({ type: 'port-forward', action: 'opened', localPort: 8080, target: { namespace: 'default', pod: 'web', port: 80 } });
    await Promise.resolve();
    const page = await t.type('curl -s localhost:8080 | grep title');
    expect(page).toBe('curl -s localhost:8080 | grep title\n<title>Welcome to nginx!</title>\n$ ');
    const refused = await t.type('curl localhost:9999; echo $?');
    expect(refused).toMatch(/curl: \(7\) Failed to connect to localhost port 9999 .*\n7\n\$ $/);
    t.session.network.close(8080);
    expect(t.events.at(-1)).toEqual({ type: 'port-forward', action: 'closed', localPort: 8080 });
    expect(await t.type('curl -s localhost:8080; echo $?')).toContain('\n7\n');
  });
});
