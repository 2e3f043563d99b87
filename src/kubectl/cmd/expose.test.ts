import { describe, expect, it } from 'vitest';
import { withRealKubectl } from '../testing/real-kubectl';
import { testKubectl } from '../testing-env';

const OBJECTS = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: bare
spec:
  containers:
  - name: bare
    image: nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    tier: back
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx
        ports:
        - containerPort: 8080
        - containerPort: 8443
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
`;

async function cluster() {
  const k = testKubectl({ seed: 'expose' });
  k.files.set('/work/objs.yaml', OBJECTS);
  await k.run('apply -f objs.yaml');
  return k;
}

type Svc = { metadata: { labels?: unknown }; spec: { selector: unknown; ports: unknown; type: string } };

describe('kubectl expose', () => {
  it('creates a Service from a pod and from a deployment', async () => {
    const k = await cluster();
    expect(await k.run('expose pod web')).toEqual({ stdout: 'service/web exposed\n', stderr: '', code: 0 });
    const svc = (await k.cluster.api.get('services', 'default', 'web')) as unknown as Svc;
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(svc.metadata.labels).toEqual({ app: 'web' });
    expect((await k.run('expose deploy/api --port=80 --target-port=8080 --name=api-svc --type=NodePort')).stdout).toBe('service/api-svc exposed\n');
    const api = (await k.cluster.api.get('services', 'default', 'api-svc')) as unknown as Svc;
    expect(api.spec.selector).toEqual({ app: 'api' });
    expect(api.spec.type).toBe('NodePort');
    expect(api.metadata.labels).toEqual({ tier: 'back' });
    // two container ports: one Service port each, named port-1 and port-2
    expect((await k.run('expose deployment api --name=both -o jsonpath={.spec.ports[*].name}')).stdout).toBe('port-1 port-2');
  });

  it('prints a client dry run as the typed Service', async () => {
    const k = await cluster();
    const r = await k.run('expose pod web --port=8080 --dry-run=client -o yaml');
    expect(r.stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 8080
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
status:
  loadBalancer: {}
`);
    await expect(k.cluster.api.get('services', 'default', 'web')).rejects.toThrow('not found');
  });

  it('matches the real kubectl v1.32 on results and errors', async () => {
    const ours = await cluster();
    const theirs = await cluster();
    const cases = [
      ['expose', 'pod', 'web'],
      ['expose', 'pod', 'web'],
      ['expose', 'pod', 'bare', '--port=80'],
      ['expose', 'pod', 'web', '--name=noport', '--port=abc'],
      ['expose', 'configmap', 'cfg', '--port=80'],
      ['expose', 'svc', 'web', '--name=again', '--port=81', '--protocol=UDP', '-o', 'name'],
      ['expose', 'deploy', 'api', '--name=huh', '--type=Foo', '--port=1'],
      ['expose', 'pod', 'nope', '--port=1'],
      ['expose', 'pod', 'web', '--name=sa', '--session-affinity=x'],
      ['expose', 'pod', 'web', '--name=lab', '--labels=a'],
    ];
    const results: unknown[][] = [];
    await withRealKubectl(theirs.cluster, async (kubectl) => {
      for (const argv of cases) results.push([{ argv, ...(await ours.run(argv)) }, { argv, ...(await kubectl(argv)) }]);
    });
    for (const [mine, real] of results) expect(mine).toEqual(real);
    const pick = async (k: typeof ours) => (await k.cluster.api.list('services', { namespace: 'default' })).items.map((s) => ({ name: s.metadata.name, labels: s.metadata.labels, spec: s.spec }));
    expect(await pick(ours)).toEqual(await pick(theirs));
  }, 60_000);
});
