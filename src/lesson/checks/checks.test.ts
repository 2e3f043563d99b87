import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster, MemFS } from '../../engine';
import type { Check, FileCheck, KubectlCheck, ObjectCheck, RanCheck } from '../types';
import { evaluateCheck, evaluateTask, type CheckContext } from './index';

let cluster: Cluster;
let ctx: CheckContext;
const history: string[] = [];

function pod(name: string, containers: string[], extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: containers.map((c) => ({ name: c, image: 'nginx:1.27' })), ...extra } };
}

beforeAll(async () => {
  cluster = Cluster.create({ seed: 7 });
  await cluster.api.create('pods', pod('web', ['web']));
  await cluster.api.create('pods', pod('web-a1', ['web', 'sidecar']));
  await cluster.api.create('pods', pod('web-b2', ['web']));
  // does not fit anywhere: stays Pending
  await cluster.api.create('pods', { ...pod('big', ['web']), spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '64' } } }] } });
  cluster.clock.advance(60_000);
  const fs = new MemFS(cluster.clock);
  fs.mkdir('/root', { recursive: true });
  fs.writeFile('/root/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n');
  fs.writeFile('/root/two.yaml', 'kind: Service\n---\nkind: Pod\nmetadata:\n  name: two\n');
  fs.writeFile('/root/bad.yaml', 'a: [1\n');
  ctx = { api: cluster.api, now: () => cluster.clock.now(), fs, workspace: '/root', history: () => history };
});

type ObjectArgs = Omit<Partial<ObjectCheck>, 'object'> & { object: Omit<ObjectCheck['object'], 'namespace'> & { namespace?: string } };
const object = (o: ObjectArgs): ObjectCheck => ({ kind: 'object', line: 1, ...o, object: { ...o.object, namespace: o.object.namespace ?? 'default' } });
const kubectl = (command: string, o: Partial<KubectlCheck>): KubectlCheck => ({ kind: 'kubectl', line: 1, command, argv: command.split(' '), stream: 'stdout', ...o });
const ran = (r: string, o: Partial<RanCheck> = {}): RanCheck => ({ kind: 'ran', line: 1, ran: r, flags: [], args: [], ...o });
const file = (f: string, o: Partial<FileCheck> = {}): FileCheck => ({ kind: 'file', line: 1, file: f, ...o });

async function message(check: Check): Promise<string> {
  const r = await evaluateCheck(check, ctx);
  return r.passed ? 'passed' : r.message;
}

describe('object check', () => {
  it('finds an object by name, and says when it does not exist', async () => {
    expect(await message(object({ object: { kind: 'Pod', name: 'web' } }))).toBe('passed');
    expect(await message(object({ object: { kind: 'Pod', name: 'nope' } }))).toBe('pod nope does not exist yet');
    expect(await message(object({ object: { kind: 'Pod', name: 'web', namespace: 'extra' } }))).toBe('pod web in namespace extra does not exist yet');
  });

  it('matches partial specs and status, naming what differs', async () => {
    expect(await message(object({ object: { kind: 'Pod', name: 'web' }, matches: { status: { phase: 'Running' }, metadata: { labels: { app: 'web' } } } }))).toBe('passed');
    expect(await message(object({ object: { kind: 'Pod', name: 'web' }, matches: { spec: { containers: [{}, {}] } } }))).toBe('pod web exists but has 1 container; the task wants 2');
    expect(await message(object({ object: { kind: 'Pod', name: 'big' }, matches: { status: { phase: 'Running' } } }))).toBe('pod big is Pending; the task wants phase Running');
    expect(await message(object({ object: { kind: 'Pod', name: 'web' }, matches: { spec: { restartPolicy: 'Never' } } }))).toBe('pod web has spec.restartPolicy Always; the task wants Never');
    expect(await message(object({ object: { kind: 'Pod', name: 'web' }, matches: { spec: { nodeSelector: { disktype: 'ssd' } } } }))).toBe('pod web exists but has no spec.nodeSelector; the task wants {disktype: ssd}');
  });

  it('matches list items by subset, regexes, and names the item it compared', async () => {
    const web = { kind: 'Pod', name: 'web-a1' };
    expect(await message(object({ object: web, matches: { spec: { containers: [{ name: 'sidecar' }, { image: '/^nginx:1\\.2\\d$/' }] } } }))).toBe('passed');
    expect(await message(object({ object: web, matches: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } }))).toBe(
      'pod web-a1 has spec.containers[sidecar].image nginx:1.27; the task wants busybox',
    );
    expect(await message(object({ object: web, matches: { spec: { containers: [{ name: 'logger' }] } } }))).toBe('pod web-a1 exists but has no container like {name: logger}');
    expect(await message(object({ object: web, matches: { spec: { containers: [{ image: '/^redis/' }] } } }))).toBe('pod web-a1 exists but has no container like {image: /^redis/}');
  });

  it('globs names and counts what matches', async () => {
    expect(await message(object({ object: { kind: 'Pod', namePattern: 'web-*' }, count: { min: 2, max: 2 } }))).toBe('passed');
    expect(await message(object({ object: { kind: 'Pod', namePattern: 'web-??' }, count: { min: 3, max: 3 } }))).toBe('2 pods match web-??; the task wants exactly 3');
    expect(await message(object({ object: { kind: 'Pod', namePattern: 'web-*' }, matches: { spec: { containers: [{}, {}] } }, count: { min: 2 } }))).toBe(
      '1 pod match web-* and look as the task describes; the task wants at least 2',
    );
    expect(await message(object({ object: { kind: 'Pod', namePattern: 'db-*' } }))).toBe('no pod matches db-*');
    expect(await message(object({ object: { kind: 'Pod', namePattern: 'web*' }, matches: { spec: { containers: [{ name: 'sidecar' }] } } }))).toBe('passed');
  });

  it('absent: passes when gone, says what is still there', async () => {
    expect(await message(object({ object: { kind: 'Pod', name: 'nope' }, absent: true }))).toBe('passed');
    expect(await message(object({ object: { kind: 'Pod', name: 'web' }, absent: true }))).toBe('pod web still exists; the task wants it gone');
    expect(await message(object({ object: { kind: 'Pod', namePattern: 'web-*' }, absent: true }))).toBe('2 pods matching web-* still exist; the task wants none');
  });

  it('reads cluster-scoped kinds without a namespace', async () => {
    expect(await message(object({ object: { kind: 'Node', name: 'minikube' }, matches: { metadata: { labels: { 'kubernetes.io/hostname': 'minikube' } } } }))).toBe('passed');
  });
});

describe('kubectl check', () => {
  it('runs kubectl silently and compares its output', async () => {
    expect(await message(kubectl('get pod web -o jsonpath={.status.phase}', { equals: 'Running' }))).toBe('passed');
    expect(await message(kubectl('get pod big -o jsonpath={.status.phase}', { equals: 'Running' }))).toBe('kubectl get pod big -o jsonpath={.status.phase} printed "Pending"; the task wants "Running"');
    expect(await message(kubectl('get pods', { contains: 'web-b2' }))).toBe('passed');
    expect(await message(kubectl('get pods', { matches: 'big +0/1 +Pending' }))).toBe('passed');
    expect(await message(kubectl('get pods', { contains: 'redis' }))).toMatch(/^kubectl get pods printed "NAME +READY.*" \(and 4 more lines\); the task wants it to contain "redis"$/);
  });

  it('reports an error as what kubectl said, and can test stderr', async () => {
    expect(await message(kubectl('get pod nope', { contains: 'x' }))).toBe('kubectl get pod nope failed: "Error from server (NotFound): pods "nope" not found"; the task wants it to contain "x"');
    expect(await message(kubectl('get pod nope', { stream: 'stderr', contains: 'NotFound' }))).toBe('passed');
  });

  it('does not wait: a watch is interrupted at once', async () => {
    expect(await message(kubectl('get pods -w', { contains: 'web' }))).toBe('passed');
  });
});

describe('ran check', () => {
  it('finds a command with its flags and arguments in the history, however it was spelled', async () => {
    history.length = 0;
    const check = ran('kubectl logs', { flags: [['-p', '--previous']], args: ['web'] });
    expect(await message(check)).toBe('you have not run kubectl logs web with -p yet');
    history.push('kubectl logs web');
    expect(await message(check)).toBe('you have not run kubectl logs web with -p yet');
    history.push('k logs --previous=true pod/web | tail -3');
    expect(await message(check)).toBe('passed');
    history.length = 0;
    history.push('kubectl -n default logs web -p');
    expect(await message(check)).toBe('passed');
  });

  it('matches grouped short flags, flag values and commands behind watch', async () => {
    history.length = 0;
    history.push('kubectl exec -it web -- sh', 'watch kubectl get pods -o wide');
    expect(await message(ran('kubectl exec', { flags: [['-i'], ['-t']] }))).toBe('passed');
    expect(await message(ran('kubectl get', { flags: [['-o wide']] }))).toBe('passed');
    expect(await message(ran('kubectl get pods -o'))).toBe('passed');
    expect(await message(ran('kubectl describe'))).toBe('you have not run kubectl describe yet');
    expect(await message(ran('kubectl get', { args: ['nodes'] }))).toBe('you have not run kubectl get nodes yet');
  });
});

describe('file check', () => {
  it('exists, contains, parses and matches (any document of several)', async () => {
    expect(await message(file('pod.yaml'))).toBe('passed');
    expect(await message(file('nope.yaml'))).toBe('nope.yaml does not exist yet');
    expect(await message(file('pod.yaml', { contains: 'nginx:1.27' }))).toBe('pod.yaml does not contain "nginx:1.27" yet');
    expect(await message(file('bad.yaml', { parses: 'yaml' }))).toMatch(/^bad\.yaml is not valid YAML: .* \(line \d\)$/);
    expect(await message(file('pod.yaml', { parses: 'json' }))).toMatch(/^pod\.yaml is not valid JSON: /);
    expect(await message(file('pod.yaml', { matches: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } }))).toBe('pod.yaml has spec.containers[web].image nginx:1.25; the task wants nginx:1.27');
    expect(await message(file('two.yaml', { matches: { kind: 'Pod', metadata: { name: 'two' } } }))).toBe('passed');
    expect(await message(file('two.yaml', { matches: { kind: 'Deployment' } }))).toBe('two.yaml has kind Service; the task wants Deployment');
  });
});

describe('evaluateTask', () => {
  it('reports the first failing check, replaced by say or notYet', async () => {
    const checks: Check[] = [file('pod.yaml'), object({ object: { kind: 'Pod', name: 'nope' } }), file('nope.txt')];
    const task = { id: 't', title: 'T', line: 1, step: 0, checks, hints: [], solution: { files: {}, commands: [] } };
    expect(await evaluateTask(task, ctx)).toEqual({ passed: false, message: 'pod nope does not exist yet', failing: 1, generated: 'pod nope does not exist yet' });
    checks[1] = { ...checks[1]!, say: 'Create the pod nope.' };
    expect((await evaluateTask(task, ctx)).message).toBe('Create the pod nope.');
    expect((await evaluateTask({ ...task, notYet: 'Not yet.' }, ctx)).message).toBe('Not yet.');
    expect(await evaluateTask({ ...task, checks: [file('pod.yaml')] }, ctx)).toEqual({ passed: true, message: 'done' });
  });
});
