import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';

/** A pod that runs and one whose image does not exist, a minute later. */
async function twoPods() {
  const k = testKubectl();
  await k.run('run web --image=nginx');
  await k.run('run bad --image=nginx:nope');
  k.cluster.clock.advance(60_000);
  return k;
}

const rows = (out: string) => out.trimEnd().split('\n').slice(1).map((l) => l.split(/\s{2,}/));

describe('kubectl events', () => {
  it('lists the namespace\'s events oldest first, with repeats as (xN over T)', async () => {
    const k = await twoPods();
    const r = await k.run('events');
    expect(r.stdout.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    const lines = rows(r.stdout);
    expect(lines.map((l) => l[3])).toContain('Pod/web');
    expect(lines.find((l) => l[2] === 'Started')).toEqual(['54s', 'Normal', 'Started', 'Pod/web', 'Started container web']);
    const backOff = lines.find((l) => l[2] === 'BackOff')!;
    expect(backOff[0]).toMatch(/^\d+s \(x\d+ over \d+s\)$/);
    // ages only shrink down the list: the oldest last-seen first
    const secs = lines.map((l) => Number(/^(\d+)s/.exec(l[0]!)![1]));
    expect(secs).toEqual([...secs].sort((a, b) => b - a));
  });

  it('filters by --for and --types, and -A adds the namespace', async () => {
    const k = await twoPods();
    const web = rows((await k.run('events --for pod/web')).stdout);
    expect(web.map((l) => l[2])).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(new Set(web.map((l) => l[3]))).toEqual(new Set(['Pod/web']));
    const warnings = await k.run('events -A --types=warning');
    expect(warnings.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+LAST SEEN/);
    expect(new Set(rows(warnings.stdout).map((l) => `${l[0]} ${l[2]} ${l[4]}`))).toEqual(new Set(['default Warning Pod/bad']));
    expect((await k.run('events --for deployment/none')).stderr).toBe('No events found in default namespace.\n');
    expect((await k.run('events -A --for pod/none')).stderr).toBe('No events found.\n');
  });

  it('prints an EventList with -o yaml and names with -o name', async () => {
    const k = await twoPods();
    const yaml = (await k.run('events --for pod/web -o yaml')).stdout;
    expect(yaml.startsWith('apiVersion: v1\nitems:\n- ')).toBe(true);
    expect(yaml.endsWith('kind: EventList\nmetadata: {}\n')).toBe(true);
    expect(yaml).not.toContain('managedFields');
    const names = (await k.run('events --for pod/web -o name')).stdout.trimEnd().split('\n');
    expect(names).toHaveLength(5);
    for (const n of names) expect(n).toMatch(/^event\/web\.[0-9a-f]+$/);
  });

  it('with -w prints what is there, then new events as they happen, until Ctrl-C', async () => {
    const k = testKubectl();
    await k.run('run web --image=nginx');
    k.cluster.clock.advance(30_000);
    const watching = k.run('events -w --for pod/late', { interruptAfterMs: 60_000 });
    await k.cluster.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, { namespace: 'default' });
    const r = await watching;
    // events.go runWatch: interrupt.New(nil, cancel), os.Exit(1) on the signal
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[2])).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('rejects what kubectl rejects', async () => {
    const k = testKubectl();
    expect((await k.run('events --types=Bad')).stderr).toBe('error: valid --types are Normal or Warning\n');
    expect((await k.run('events --for web')).stderr).toBe('error: --for must be in resource/name form\n');
    expect((await k.run('events --for pod/a/b')).stderr).toBe('error: arguments in resource/name form may not have more than one slash\n');
    expect((await k.run('events --for foo/x')).stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
  });
});
