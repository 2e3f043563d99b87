// Golden tests: the same cluster objects printed by the real kubectl v1.32 (through the loopback
// API server in ../testing/real-kubectl.ts) and by Podlab's printers must match byte for byte.
// Tables are not compared here: the real client receives server-side Tables, which the
// loopback server does not build (see table-printer.test.ts for tables).
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster, type KubeObject } from '../../engine/index';
import { withRealKubectl, type KubectlResult, type RealKubectl } from '../testing/real-kubectl';
import { CmdError } from '../errors';
import { genericPrinter, parseOutputFormat, printableObject, sortObjects, GENERIC_FORMATS } from './index';

const MiB = (n: number): string => `${n}Mi`;

async function buildCluster(): Promise<Cluster> {
  const c = Cluster.create({ seed: 42 });
  const ns = { namespace: 'default' };
  const pod = (name: string, image: string, memory: string, labels: Record<string, string>) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, annotations: { note: 'a long annotation value with: colons and "quotes" that runs past the eighty column limit of the emitter' } },
    spec: { containers: [{ name: 'main', image, ports: [{ containerPort: 80 }], resources: { requests: { memory } } }] },
  });
  await c.api.create('pods', pod('web', 'nginx:1.27', '1Gi', { app: 'web', tier: 'frontend' }), ns);
  c.clock.advance(5_000);
  await c.api.create('pods', pod('api', 'nginx', MiB(64), { app: 'api' }), ns);
  c.clock.advance(5_000);
  await c.api.create('pods', pod('cache', 'redis:7', '500M', { app: 'cache', 'app.kubernetes.io/name': 'redis' }), ns);
  await c.api.create('services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] },
  }, ns);
  await c.api.create('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hello' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'hello' } }, template: { metadata: { labels: { app: 'hello' } }, spec: { containers: [{ name: 'hello', image: 'nginx' }] } } },
  }, ns);
  await c.api.create('configmaps', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' },
    data: { 'app.properties': 'mode=prod\nlevel: 3\n', flag: 'true', port: '8080', empty: '', list: '- a', trailing: 'x ', lead: ' y', tabbed: 'a\tb', yes: 'on' },
  }, ns);
  c.clock.advance(60_000);
  return c;
}

/** What kubectl's checkErr prints for an error message. */
function errorText(e: CmdError): string {
  return `error: ${e.message}${e.message.endsWith('\n') ? '' : '\n'}`;
}

/** `kubectl get <args> -o <output>` through Podlab's printers, with kubectl's exit code. */
function podlabGet(objects: KubeObject[], singleItemImplied: boolean, output: string, extra: { template?: string; allowMissing?: boolean; sortBy?: string } = {}): KubectlResult {
  try {
    const format = parseOutputFormat({ output, template: extra.template });
    if (format.kind === 'table') throw new Error('tables are not golden-tested');
    const printer = genericPrinter(format, { allowMissingTemplateKeys: extra.allowMissing });
    const sorted = extra.sortBy ? sortObjects(objects, extra.sortBy) : objects;
    const r = printer.print(printableObject(sorted, singleItemImplied));
    return { stdout: r.stdout, stderr: r.error ? errorText(r.error) : '', code: r.error ? 1 : 0 };
  } catch (e) {
    if (e instanceof CmdError) return { stdout: '', stderr: errorText(e), code: 1 };
    throw e;
  }
}

describe('printers against the real kubectl v1.32', () => {
  let cluster: Cluster;
  let pods: KubeObject[];
  let allPods: KubeObject[];
  let deployments: KubeObject[];
  let services: KubeObject[];
  let configMap: KubeObject;
  let nodes: KubeObject[];
  let events: KubeObject[];

  beforeAll(async () => {
    cluster = await buildCluster();
    pods = (await cluster.api.list('pods', { namespace: 'default' })).items;
    allPods = (await cluster.api.list('pods', {})).items;
    deployments = (await cluster.api.list('deployments', { namespace: 'default' })).items;
    services = (await cluster.api.list('services', { namespace: 'default' })).items;
    configMap = await cluster.api.get('configmaps', 'default', 'cfg');
    nodes = (await cluster.api.list('nodes', {})).items;
    events = (await cluster.api.list('events', { namespace: 'default' })).items;
  }, 60_000);

  const realGet = (kubectl: RealKubectl, args: string[]) => kubectl(['get', ...args]);

  it('-o yaml and -o json: one object, a List of pods, a List across namespaces', async () => {
    await withRealKubectl(cluster, async (kubectl) => {
      const web = pods.find((p) => p.metadata.name === 'web')!;
      for (const output of ['yaml', 'json']) {
        expect(podlabGet([web], true, output)).toEqual(await realGet(kubectl, ['pod', 'web', '-o', output]));
        expect(podlabGet([configMap], true, output)).toEqual(await realGet(kubectl, ['configmap', 'cfg', '-o', output]));
        expect(podlabGet(pods, false, output)).toEqual(await realGet(kubectl, ['pods', '-o', output]));
        expect(podlabGet(allPods, false, output)).toEqual(await realGet(kubectl, ['pods', '-A', '-o', output]));
        // two names make a List even with one kind
        const two = pods.filter((p) => p.metadata.name === 'web' || p.metadata.name === 'api');
        const byName = ['web', 'api'].map((n) => two.find((p) => p.metadata.name === n)!);
        expect(podlabGet(byName, false, output)).toEqual(await realGet(kubectl, ['pods', 'web', 'api', '-o', output]));
        expect(podlabGet([...pods, ...services], false, output)).toEqual(await realGet(kubectl, ['pods,services', '-o', output]));
        expect(podlabGet(deployments, false, output)).toEqual(await realGet(kubectl, ['deployments', '-o', output]));
        expect(podlabGet(nodes, true, output)).toEqual(await realGet(kubectl, ['node', 'minikube', '-o', output]));
        expect(podlabGet(events, false, output)).toEqual(await realGet(kubectl, ['events', '-o', output]));
      }
    });
  }, 60_000);

  it('-o name for core and grouped kinds', async () => {
    await withRealKubectl(cluster, async (kubectl) => {
      expect(podlabGet(pods, false, 'name')).toEqual(await realGet(kubectl, ['pods', '-o', 'name']));
      expect(podlabGet([...pods, ...services, ...deployments], false, 'name'))
        .toEqual(await realGet(kubectl, ['pods,services,deployments', '-o', 'name']));
    });
  }, 60_000);

  it('jsonpath: paths, ranges, filters, slices, unions, as-json and the missing-key error', async () => {
    const templates = [
      '{.items[*].metadata.name}',
      '{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}',
      '{.items[?(@.metadata.name=="web")].spec.containers[*].ports[0].containerPort}',
      '{.items[?(@.status.phase=="Running")].metadata.labels.app}',
      '{range .items[*]}{.metadata.name}:{range .status.conditions[?(@.status=="True")]}{.type},{end}{"\\n"}{end}',
      '{.items[0].metadata.labels}',
      '{.items[-1:].metadata.name} {.items[0:2].metadata.name} {.items[::2].metadata.name}',
      "{.items[*]['metadata.name', 'status.phase']}",
      '{.items[*].metadata.labels.app\\.kubernetes\\.io/name}',
      '{.items[0].spec.containers[0].resources}',
      '{.kind} {.items[0].spec.terminationGracePeriodSeconds} {.items[0].status.containerStatuses[0].ready}',
      '{.items[*].nope}',
      'text only',
    ];
    await withRealKubectl(cluster, async (kubectl) => {
      for (const t of templates) {
        expect(podlabGet(pods, false, `jsonpath=${t}`), t).toEqual(await realGet(kubectl, ['pods', '-o', `jsonpath=${t}`]));
      }
      expect(podlabGet(pods, false, 'jsonpath-as-json={.items[*].metadata.name}'))
        .toEqual(await realGet(kubectl, ['pods', '-o', 'jsonpath-as-json={.items[*].metadata.name}']));
      expect(podlabGet(pods, false, 'jsonpath', { template: '{.items[0].kind}' }))
        .toEqual(await realGet(kubectl, ['pods', '-o', 'jsonpath', '--template={.items[0].kind}']));
      const web = pods.find((p) => p.metadata.name === 'web')!;
      expect(podlabGet([web], true, 'jsonpath={.spec.nope}', { allowMissing: false }))
        .toEqual(await realGet(kubectl, ['pod', 'web', '-o', 'jsonpath={.spec.nope}', '--allow-missing-template-keys=false']));
      for (const bad of ['{.x', '{.items[}', '{.items[?(@.a=="b"}', '{range .items[*]}{end}{end}', '{.items[10]}', '{@.a.b}{%}']) {
        expect(podlabGet(pods, false, `jsonpath=${bad}`), bad).toEqual(await realGet(kubectl, ['pods', '-o', `jsonpath=${bad}`]));
      }
    });
  }, 60_000);

  it('custom-columns', async () => {
    const specs = [
      'NAME:.metadata.name,IMAGE:.spec.containers[*].image,NODE:.spec.nodeName,IP:.status.podIP',
      'NAME:metadata.name,LABELS:.metadata.labels,PORTS:{.spec.containers[0].ports}',
      'NAME:.metadata.name,MISSING:.spec.nope,READY:.status.conditions[?(@.type=="Ready")].status',
      'NAME', 'X:.a{b',
    ];
    await withRealKubectl(cluster, async (kubectl) => {
      for (const spec of specs) {
        expect(podlabGet(pods, false, `custom-columns=${spec}`), spec).toEqual(await realGet(kubectl, ['pods', '-o', `custom-columns=${spec}`]));
      }
    });
  }, 60_000);

  it('go-template: range, if/else, index, printf, len and errors', async () => {
    const templates = [
      '{{range .items}}{{.metadata.name}} {{.status.podIP}}{{"\\n"}}{{end}}',
      '{{range $i, $p := .items}}{{$i}}={{$p.metadata.name}}{{if eq $p.metadata.name "web"}} (web){{else}} (other){{end}}{{"\\n"}}{{end}}',
      '{{len .items}} {{index .items 0 "metadata" "name"}} {{(index .items 1).metadata.labels.app}}',
      '{{range .items}}{{printf "%-8s|%5d|%q" .metadata.name .spec.terminationGracePeriodSeconds .kind}}{{"\\n"}}{{end}}',
      '{{range .items}}{{with .metadata.labels}}{{.app}}{{end}} {{- " " -}} {{.metadata.nope}}{{"\\n"}}{{end}}',
      '{{.kind}} {{.metadata}} {{not .items}} {{and 1 0}} {{or 0 "x"}}',
      '{{range .items}}{{if and (eq .status.phase "Running") (ne .metadata.name "api")}}{{.metadata.name}} {{end}}{{end}}',
      '{{index .items 9}}', '{{.items.x}}', '{{.x', '{{nope .}}', '{{range .items}}{{end}}{{end}}',
    ];
    await withRealKubectl(cluster, async (kubectl) => {
      for (const t of templates) {
        expect(podlabGet(pods, false, `go-template=${t}`), t).toEqual(await realGet(kubectl, ['pods', '-o', `go-template=${t}`]));
      }
      expect(podlabGet(pods, false, 'go-template={{.metadata.x.y}}', { allowMissing: false }))
        .toEqual(await realGet(kubectl, ['pods', '-o', 'go-template={{.metadata.x.y}}', '--allow-missing-template-keys=false']));
    });
  }, 60_000);

  it('--sort-by with -o name/jsonpath: names, timestamps, quantities, and a field no object has', async () => {
    await withRealKubectl(cluster, async (kubectl) => {
      for (const sortBy of ['.metadata.name', '{.metadata.creationTimestamp}', '.spec.containers[0].resources.requests.memory', 'metadata.labels.app']) {
        expect(podlabGet(pods, false, 'name', { sortBy }), sortBy).toEqual(await realGet(kubectl, ['pods', '-o', 'name', `--sort-by=${sortBy}`]));
      }
      expect(podlabGet(pods, false, 'name', { sortBy: '.spec.nope' })).toEqual(await realGet(kubectl, ['pods', '-o', 'name', '--sort-by=.spec.nope']));
    });
  }, 60_000);

  it('an unknown -o format, and formats missing their argument', async () => {
    await withRealKubectl(cluster, async (kubectl) => {
      for (const output of ['xml', 'jsonpath', 'jsonpath=', 'go-template', 'custom-columns=', 'wide=x', 'yaml=x']) {
        expect(podlabGet(pods, false, output), output).toEqual(await realGet(kubectl, ['pods', '-o', output]));
      }
      // commands that print objects without tables (run, create, apply...)
      const real = await kubectl(['run', 'x', '--image=nginx', '--dry-run=client', '-o', 'xml']);
      let stderr = '';
      try {
        parseOutputFormat({ output: 'xml', allowed: GENERIC_FORMATS });
      } catch (e) {
        stderr = errorText(e as CmdError);
      }
      expect(stderr).toBe(real.stderr);
    });
  }, 60_000);
});
