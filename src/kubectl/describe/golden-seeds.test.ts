// Sanity check against the course seeds: the `describe po mc1` output a tutorial shows (a 2024
// minikube, seeds/000) has the same layout as ours for the same pod — every label, indent and
// value column — with IDs, times, addresses and the token volume's random name masked. The 1.29+ PodReadyToStartContainers
// condition, which that cluster predates, is the one expected difference.
import { describe as suite, expect, it } from 'vitest';
import { lookupResource } from '../../engine/index';
import { catchUp, wallClockCluster } from '../testing/real-clock';
import { describe } from './index';

const SEED_MC1 = [
  'Name:             mc1',
  'Namespace:        default',
  'Priority:         0',
  'Service Account:  default',
  'Node:             minikube/192.168.49.2',
  'Start Time:       Sun, 10 Mar 2024 19:10:10 +0000',
  'Labels:           <none>',
  'Annotations:      <none>',
  'Status:           Running',
  'IP:               10.244.0.5',
  'IPs:',
  '  IP:  10.244.0.5',
  'Containers:',
  '  1st:',
  '    Container ID:   docker://31987da31402a8a3cf11bcd598fd01b05057fde4b695b608af802276efeb8565',
  '    Image:          nginx',
  '    Image ID:       docker-pullable://nginx@sha256:c26ae7472d624ba1fafd296e73cecc4f93f853088e6a9c13c0d52f6ca5865107',
  '    Port:           <none>',
  '    Host Port:      <none>',
  '    State:          Running',
  '      Started:      Sun, 10 Mar 2024 19:10:13 +0000',
  '    Ready:          True',
  '    Restart Count:  0',
  '    Environment:    <none>',
  '    Mounts:',
  '      /usr/share/nginx/html from html (rw)',
  '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-qfdjs (ro)',
  '  2nd:',
  '    Container ID:  docker://2dd758cff940ab1ca6c9c51df7f520234e79d54ea0cb33145bc88a84bdfa4a32',
  '    Image:         debian',
  '    Image ID:      docker-pullable://debian@sha256:4482958b4461ff7d9fabc24b3a9ab1e9a2c85ece07b2db1840c7cbc01d053e90',
  '    Port:          <none>',
  '    Host Port:     <none>',
  '    Command:',
  '      /bin/sh',
  '      -c',
  '    Args:',
  '      while true; do date >> /html/index.html; sleep 1; done',
  '    State:          Running',
  '      Started:      Sun, 10 Mar 2024 19:10:19 +0000',
  '    Ready:          True',
  '    Restart Count:  0',
  '    Environment:    <none>',
  '    Mounts:',
  '      /html from html (rw)',
  '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-qfdjs (ro)',
  'Conditions:',
  '  Type              Status',
  '  Initialized       True ',
  '  Ready             True ',
  '  ContainersReady   True ',
  '  PodScheduled      True ',
  'Volumes:',
  '  html:',
  '    Type:       EmptyDir (a temporary directory that shares a pod\'s lifetime)',
  '    Medium:     ',
  '    SizeLimit:  <unset>',
  '  kube-api-access-qfdjs:',
  '    Type:                    Projected (a volume that contains injected data from multiple sources)',
  '    TokenExpirationSeconds:  3607',
  '    ConfigMapName:           kube-root-ca.crt',
  '    ConfigMapOptional:       <nil>',
  '    DownwardAPI:             true',
  'QoS Class:                   BestEffort',
  'Node-Selectors:              <none>',
  'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
];

/**
 * Labels, indentation and value columns stay; values become `<v>`, and the service account
 * volume's random suffix is masked where it names a volume. Condition rows are set aside.
 */
function skeleton(lines: string[]): string[] {
  const out: string[] = [];
  let inConditions = false;
  for (const raw of lines) {
    const line = raw.replace(/kube-api-access-[a-z0-9]{5}/, 'kube-api-access-xxxxx');
    if (line === 'Conditions:') inConditions = true;
    else if (line === 'Volumes:') inConditions = false;
    if (inConditions) continue;
    const m = /^(\s*)(?:([^:]*?:)(?=\s|$)(\s*))?(.*)$/.exec(line)!;
    out.push(`${m[1]}${m[2] ?? ''}${m[3] ?? ''}${m[4] ? '<v>' : ''}`);
  }
  return out;
}

const conditionTypes = (lines: string[]): string[] =>
  lines.slice(lines.indexOf('Conditions:') + 2, lines.indexOf('Volumes:')).map((l) => l.trim().split(/\s+/)[0]!);

suite('describe pod against the seeds', () => {
  it('lays out the multi-container pod of seeds/000 exactly like the tutorial', async () => {
    const c = wallClockCluster(60_000);
    await c.api.create('pods', {
      metadata: { name: 'mc1' },
      spec: {
        volumes: [{ name: 'html', emptyDir: {} }],
        containers: [
          { name: '1st', image: 'nginx', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] },
          {
            name: '2nd', image: 'debian', volumeMounts: [{ name: 'html', mountPath: '/html' }],
            command: ['/bin/sh', '-c'], args: ['while true; do date >> /html/index.html; sleep 1; done'],
          },
        ],
      },
    });
    c.clock.advance(60_000);
    catchUp(c);
    const ours = (await describe(c.api, lookupResource('pod')!, 'default', 'mc1', { showEvents: true, now: c.clock.now() })).split('\n');
    const upToTolerations = ours.slice(0, ours.findIndex((l) => l.startsWith('Tolerations:')) + 1);
    expect(skeleton(upToTolerations)).toEqual(skeleton(SEED_MC1));
    expect(conditionTypes(ours)).toEqual(['PodReadyToStartContainers', ...conditionTypes(SEED_MC1)]);
  }, 60_000);
});
