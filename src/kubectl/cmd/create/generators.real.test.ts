// The generator subcommands against the real kubectl v1.32: for --dry-run=client outputs and
// client-side errors the real client needs no server, so both run the same command lines over the
// same files and must print the same bytes.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../engine';
import { testKubectl } from '../../testing-env';
import { withRealKubectl } from '../../testing/real-kubectl';

const dir = mkdtempSync(join(tmpdir(), 'podlab-create-'));
const FILES: Record<string, string> = {
  'app.env': '# settings\nMODE=dev\n\n  LEVEL=a=b\n',
  'bad.env': '1BAD=x\n',
  'nginx.conf': 'server { listen 80; }\n',
  'conf/a.txt': 'A\n',
  'conf/b.yaml': 'key: value\n',
};
mkdirSync(join(dir, 'conf'));
for (const [p, text] of Object.entries(FILES)) writeFileSync(join(dir, p), text);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINES = [
  'create deployment web --image=nginx',
  'create deploy web --image=nginx --image=registry.k8s.io/pause:3.9 --replicas=3 --port=80',
  'create deployment sleeper --image=busybox -r 2 -- sleep 3600',
  'create deployment web --image=nginx -n team-a -o json',
  'create deployment web --image=nginx --save-config',
  'create deployment web --image=nginx -o name',
  'create deployment web --image=nginx',
  'create deployment web --image=nginx --image=busybox -- sleep 1',
  'create deployment --image=nginx',
  'create deployment a b --image=nginx',
  'create deployment web',
  'create deployment web --image=nginx --port=3000000000',
  'create deployment web --image=nginx -o wide',
  'create namespace team-a',
  'create ns',
  'create serviceaccount robot -n team-a',
  'create sa robot',
  'create configmap cfg --from-literal=b=2 --from-literal=a=1 --from-file=@/nginx.conf --from-file=site=@/conf/a.txt --from-file=@/conf',
  'create cm cfg --from-env-file=@/app.env',
  'create cm cfg',
  'create cm cfg --from-literal=a',
  'create cm cfg --from-literal==1',
  'create cm cfg --from-literal=a=1 --from-literal=a=2',
  'create cm cfg --from-literal=a/b=1',
  'create cm cfg --from-literal=..=1',
  'create cm cfg --from-file=@/nope',
  'create cm cfg --from-file=k=@/conf',
  'create cm cfg --from-file==x',
  'create cm cfg --from-file=x=',
  'create cm cfg --from-file=a=b=c',
  'create cm cfg --from-env-file=@/app.env --from-literal=a=1',
  'create cm cfg --from-env-file=@/conf',
  'create cm cfg --from-env-file=@/bad.env',
  'create secret generic db --from-literal=user=admin --from-literal=pw=p@ss --from-file=@/nginx.conf',
  'create secret generic db --type=kubernetes.io/basic-auth --from-literal=username=u --from-literal=password=p -o json',
  'create secret generic db --from-env-file=@/app.env',
  'create secret generic db',
  'create secret generic db --from-literal=a=1 --from-literal=a=2',
  'create secret generic db --from-literal=a/b=1',
  'create secret generic db --from-env-file=@/conf',
  'create service clusterip web --tcp=80:8080 --tcp=443',
  'create svc clusterip web --clusterip=None',
  'create service nodeport web --tcp=80:http --node-port=30080',
  'create service nodeport web --tcp=80:8080,81:8081',
  'create service clusterip web',
  'create service clusterip web --tcp=abc',
  'create service clusterip web --tcp=70000',
  'create service clusterip web --tcp=80:0',
  'create service clusterip web --tcp=80:a_b',
  'create service nodeport web --clusterip=None',
  'create service foo',
];

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
}

describe('kubectl create <generator> --dry-run=client: the same bytes as the real kubectl v1.32', () => {
  it('prints the same objects and errors', async () => {
    const ours = testKubectl();
    for (const [p, text] of Object.entries(FILES)) ours.files.set(join(dir, p), text);
    await withRealKubectl(Cluster.create({}), async (real) => {
      for (const line of LINES) {
        const args = line.split(' ').map((a) => a.replace('@', dir));
        const withDryRun = [...args.slice(0, args.indexOf('--') < 0 ? undefined : args.indexOf('--')), '--dry-run=client', ...(args.includes('--') ? args.slice(args.indexOf('--')) : [])];
        const want = await real(withDryRun);
        const got = await ours.run(withDryRun);
        // -o json of a typed object keeps Go's field order in the real client; Podlab's printer sorts keys
        const norm = (s: string) => (line.includes('-o json') ? JSON.stringify(sortKeys(JSON.parse(s))) : s);
        expect({ line, stdout: norm(got.stdout), stderr: got.stderr, code: got.code }).toEqual({ line, stdout: norm(want.stdout), stderr: want.stderr, code: want.code });
      }
    });
  }, 120_000);
});
