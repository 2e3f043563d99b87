import { describe, expect, it } from 'vitest';
import type { ConfigMap, Pod, Secret } from 'kubernetes-types/core/v1';
import { Clock } from '../../../clock';
import { MemFS } from '../memfs';
import { base64DecodeUtf8, base64UrlEncode, utf8Decode, utf8Encode } from '../../../../shared/base64';
import { formatMap, goQuote } from './downward-api';
import { setUpEmptyDir, tearDownPodDir } from './empty-dir';
import { mountSetUpFailedMessage } from './errors';
import { setUpHostPath } from './host-path';
import { setUpConfigMap, setUpDownwardAPI, setUpProjected, setUpSecret } from './projection';
import { serviceAccountToken } from './service-account-token';
import { setUpPodVolumes, setUpVolume, type VolumeSetUpContext } from './set-up';

const UID = '3f1c2a9e-7b4d-4e8a-9c11-2d5e6f7a8b90';
const POD_DIR = `/var/lib/kubelet/pods/${UID}`;

function node(): MemFS {
  const fs = new MemFS(new Clock(1_700_000_000_000));
  fs.mkdir('/var/lib/kubelet', { recursive: true });
  return fs;
}

function pod(spec: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: UID, labels: { app: 'web', tier: 'front' }, ...meta },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...spec },
  };
}

function b64(s: string): string {
  const bytes = utf8Encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('emptyDir', () => {
  it('is a 0777 directory under the pod volumes, kept until the pod directory is torn down', () => {
    const fs = node();
    const src = setUpEmptyDir(fs, UID, 'html');
    expect(src).toEqual({ path: `${POD_DIR}/volumes/kubernetes.io~empty-dir/html`, readOnly: false });
    expect(fs.stat(src.path).mode).toBe(0o777);
    expect(fs.stat(POD_DIR).mode).toBe(0o750);
    fs.writeFile(`${src.path}/index.html`, 'x');
    setUpEmptyDir(fs, UID, 'html'); // a second set-up (container restart) keeps the data
    expect(fs.readFile(`${src.path}/index.html`)).toBe('x');
    expect(setUpEmptyDir(fs, UID, 'cache', { medium: 'Memory' }).medium).toBe('Memory');
    tearDownPodDir(fs, UID);
    expect(fs.exists(POD_DIR)).toBe(false);
  });
});

describe('hostPath', () => {
  it('checks the type and creates what the *OrCreate types create', () => {
    const fs = node();
    fs.mkdir('/data');
    fs.writeFile('/etc-file', 'x');
    expect(setUpHostPath(fs, { path: '/data', type: 'Directory' })).toEqual({ path: '/data', readOnly: false });
    setUpHostPath(fs, { path: '/made/deep', type: 'DirectoryOrCreate' });
    expect(fs.stat('/made/deep')).toMatchObject({ type: 'dir', mode: 0o755 });
    setUpHostPath(fs, { path: '/data/new.log', type: 'FileOrCreate' });
    expect(fs.stat('/data/new.log')).toMatchObject({ type: 'file', size: 0, mode: 0o644 });
    setUpHostPath(fs, { path: '/untyped/dir' }); // no check; the runtime creates the directory
    expect(fs.stat('/untyped/dir').type).toBe('dir');
    expect(setUpHostPath(fs, { path: '/etc-file', type: 'File' }, true).readOnly).toBe(true);
  });

  it('fails with the kubelet type-check messages', () => {
    const fs = node();
    fs.mkdir('/data');
    fs.writeFile('/file', 'x');
    const cases: [string, string, string][] = [
      ['/missing', 'Directory', 'hostPath type check failed: /missing is not a directory'],
      ['/file', 'Directory', 'hostPath type check failed: /file is not a directory'],
      ['/file', 'DirectoryOrCreate', 'hostPath type check failed: /file is not a directory'],
      ['/data', 'File', 'hostPath type check failed: /data is not a file'],
      ['/data', 'FileOrCreate', 'hostPath type check failed: /data is not a file'],
      ['/var/run/docker.sock', 'Socket', 'hostPath type check failed: /var/run/docker.sock is not a socket file'],
      ['/dev/null', 'CharDevice', 'hostPath type check failed: /dev/null is not a character device'],
      ['/dev/sda', 'BlockDevice', 'hostPath type check failed: /dev/sda is not a block device'],
      ['/no/parent/f', 'FileOrCreate', 'open /no/parent/f: no such file or directory'],
      ['/data', 'Pipe', 'Pipe is an invalid volume type'],
    ];
    for (const [path, type, message] of cases) expect(messageOf(() => setUpHostPath(fs, { path, type }))).toBe(message);
    expect(mountSetUpFailedMessage('data', new Error('hostPath type check failed: /data is not a directory'))).toBe(
      'MountVolume.SetUp failed for volume "data" : hostPath type check failed: /data is not a directory',
    );
  });
});

describe('configMap and secret volumes', () => {
  const cm: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'default' },
    data: { 'app.conf': 'color=blue\n', 'mode': 'dark' },
    binaryData: { logo: b64('PNG…') },
  };

  it('writes one file per key with the default mode, read-only', () => {
    const fs = node();
    const src = setUpConfigMap(fs, pod(), 'cfg', { name: 'cfg' }, cm);
    expect(src).toEqual({ path: `${POD_DIR}/volumes/kubernetes.io~configmap/cfg`, readOnly: true });
    expect(fs.readdir(src.path)).toEqual(['app.conf', 'logo', 'mode']);
    expect(fs.readFile(`${src.path}/app.conf`)).toBe('color=blue\n');
    expect(fs.readFile(`${src.path}/logo`)).toBe('PNG…');
    expect(fs.stat(`${src.path}/mode`).mode).toBe(0o644);
  });

  it('honours items, per-item modes and defaultMode, and follows updates', () => {
    const fs = node();
    const source = { name: 'cfg', defaultMode: 0o400, items: [{ key: 'app.conf', path: 'conf/app.conf', mode: 0o600 }, { key: 'mode', path: 'mode.txt' }] };
    const src = setUpConfigMap(fs, pod(), 'cfg', source, cm);
    expect(fs.readdir(src.path)).toEqual(['conf', 'mode.txt']);
    expect(fs.stat(`${src.path}/conf/app.conf`).mode).toBe(0o600);
    expect(fs.stat(`${src.path}/mode.txt`).mode).toBe(0o400);
    setUpConfigMap(fs, pod(), 'cfg', { name: 'cfg' }, { ...cm, data: { 'app.conf': 'color=red\n' }, binaryData: undefined });
    expect(fs.readdir(src.path)).toEqual(['app.conf']);
    expect(fs.readFile(`${src.path}/app.conf`)).toBe('color=red\n');
  });

  it('fails on a missing object or key unless optional', () => {
    const fs = node();
    expect(messageOf(() => setUpConfigMap(fs, pod(), 'cfg', { name: 'cfg' }, undefined))).toBe('configmap "cfg" not found');
    expect(messageOf(() => setUpConfigMap(fs, pod(), 'cfg', { name: 'cfg', items: [{ key: 'nope', path: 'x' }] }, cm))).toBe(
      'configmap references non-existent config key: nope',
    );
    expect(messageOf(() => setUpSecret(fs, pod(), 's', { secretName: 'db' }, undefined))).toBe('secret "db" not found');
    const empty = setUpConfigMap(fs, pod(), 'opt', { name: 'gone', optional: true }, undefined);
    expect(fs.readdir(empty.path)).toEqual([]);
    const partial = setUpConfigMap(fs, pod(), 'part', { name: 'cfg', optional: true, items: [{ key: 'nope', path: 'x' }, { key: 'mode', path: 'm' }] }, cm);
    expect(fs.readdir(partial.path)).toEqual(['m']);
  });

  it('decodes secret values from base64', () => {
    const fs = node();
    const secret: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: b64('s3cr€t'), user: b64('admin') } };
    const src = setUpSecret(fs, pod(), 'creds', { secretName: 'db' }, secret);
    expect(src.path).toBe(`${POD_DIR}/volumes/kubernetes.io~secret/creds`);
    expect(fs.readFile(`${src.path}/password`)).toBe('s3cr€t');
    expect(fs.readFile(`${src.path}/user`)).toBe('admin');
    expect(messageOf(() => setUpSecret(fs, pod(), 'x', { secretName: 'db', items: [{ key: 'token', path: 't' }] }, secret))).toBe(
      'references non-existent secret key: token',
    );
  });
});

describe('downwardAPI', () => {
  it('writes labels and annotations as sorted key="value" lines, Go-quoted, without a final newline', () => {
    expect(formatMap({ tier: 'front', app: 'web' })).toBe('app="web"\ntier="front"');
    expect(goQuote('a"b\\c\nd\te\u0001é\u00a0')).toBe('"a\\"b\\\\c\\nd\\te\\x01é\\u00a0"');
    const fs = node();
    const p = pod({}, { annotations: { 'kubernetes.io/config.seen': '2024-01-01', build: 'v1 "rc"' }, labels: { a: '1', 'a.b': '2' } });
    const src = setUpDownwardAPI(fs, p, 'podinfo', {
      items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
        { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
        { path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' }, mode: 0o400 },
        { path: 'app', fieldRef: { fieldPath: "metadata.labels['a.b']" } },
      ],
    });
    expect(src.path).toBe(`${POD_DIR}/volumes/kubernetes.io~downward-api/podinfo`);
    // sortLines orders whole lines: `a.b=` sorts before `a=`
    expect(fs.readFile(`${src.path}/labels`)).toBe('a.b="2"\na="1"');
    expect(fs.readFile(`${src.path}/annotations`)).toBe('build="v1 \\"rc\\""\nkubernetes.io/config.seen="2024-01-01"');
    expect(fs.readFile(`${src.path}/name`)).toBe('web');
    expect(fs.stat(`${src.path}/ns`).mode).toBe(0o400);
    expect(fs.readFile(`${src.path}/app`)).toBe('2');
  });

  it('exposes container resources in divisor units, rounded up, limits defaulting to node allocatable', () => {
    const fs = node();
    const p = pod({
      containers: [{ name: 'app', image: 'busybox', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } } }],
    });
    const src = setUpDownwardAPI(
      fs,
      p,
      'res',
      {
        items: [
          { path: 'cpu_limit', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } },
          { path: 'cpu_request_m', resourceFieldRef: { containerName: 'app', resource: 'requests.cpu', divisor: '1m' } },
          { path: 'cpu_request', resourceFieldRef: { containerName: 'app', resource: 'requests.cpu' } },
          { path: 'mem_limit_mi', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
          { path: 'mem_request', resourceFieldRef: { containerName: 'app', resource: 'requests.memory' } },
        ],
      },
      { cpu: '2', memory: '3912560Ki' },
    );
    const read = (f: string): string => fs.readFile(`${src.path}/${f}`);
    expect([read('cpu_limit'), read('cpu_request_m'), read('cpu_request'), read('mem_limit_mi'), read('mem_request')]).toEqual([
      '2', '250', '1', '128', '67108864',
    ]);
    expect(messageOf(() => setUpDownwardAPI(fs, p, 'bad', { items: [
      { path: 'x', resourceFieldRef: { containerName: 'nope', resource: 'limits.cpu' } },
      { path: 'y', fieldRef: { fieldPath: 'spec.nodeName' } },
    ] }))).toBe('[container nope not found, unsupported fieldPath: spec.nodeName]');
  });
});

describe('projected (kube-api-access)', () => {
  const KUBE_API_ACCESS = {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
  const rootCA: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----\n' } };

  it('writes token, ca.crt and namespace into one directory', () => {
    const fs = node();
    const requests: unknown[] = [];
    const src = setUpProjected(fs, pod(), 'kube-api-access-x7k2p', KUBE_API_ACCESS, {
      configMap: (n) => (n === 'kube-root-ca.crt' ? rootCA : undefined),
      secret: () => undefined,
      serviceAccountToken: (req) => {
        requests.push(req);
        return 'eyJ.token';
      },
    });
    expect(src).toEqual({ path: `${POD_DIR}/volumes/kubernetes.io~projected/kube-api-access-x7k2p`, readOnly: true, medium: 'Memory' });
    expect(fs.readdir(src.path)).toEqual(['ca.crt', 'namespace', 'token']);
    expect(fs.readFile(`${src.path}/namespace`)).toBe('default');
    expect(fs.readFile(`${src.path}/ca.crt`)).toBe(rootCA.data!['ca.crt']);
    expect(fs.readFile(`${src.path}/token`)).toBe('eyJ.token');
    expect(fs.stat(`${src.path}/token`).mode).toBe(0o644);
    expect(requests).toEqual([{ audience: undefined, expirationSeconds: 3607 }]);
  });

  it('aggregates the errors of its sources', () => {
    const fs = node();
    const msg = messageOf(() => setUpProjected(fs, pod(), 'v', { sources: [{ configMap: { name: 'a' } }, { secret: { name: 'b' } }] }, { configMap: () => undefined, secret: () => undefined }));
    expect(msg).toBe('[configmap "a" not found, secret "b" not found]');
  });

  it('issues a JWT-shaped service-account token, the same for the same inputs', () => {
    const input = {
      namespace: 'default', serviceAccountName: 'default', serviceAccountUid: 'sa-uid', podName: 'web', podUid: UID,
      nodeName: 'minikube', nodeUid: 'node-uid', nowMs: 1_700_000_000_000, expirationSeconds: 3607,
    };
    const token = serviceAccountToken(input);
    expect(token).toBe(serviceAccountToken(input));
    const [header, claims, sig] = token.split('.');
    expect(JSON.parse(base64DecodeUtf8(header!.replace(/-/g, '+').replace(/_/g, '/')))).toMatchObject({ alg: 'RS256' });
    const c = JSON.parse(base64DecodeUtf8(claims!.replace(/-/g, '+').replace(/_/g, '/')));
    expect(c).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iat: 1_700_000_000,
      exp: 1_700_000_000 + 365 * 24 * 3600,
      sub: 'system:serviceaccount:default:default',
      'kubernetes.io': { namespace: 'default', pod: { name: 'web', uid: UID }, warnafter: 1_700_003_607 },
    });
    expect(sig).toHaveLength(342);
    expect(serviceAccountToken({ ...input, podUid: 'other' })).not.toBe(token);
  });
});

describe('setUpPodVolumes', () => {
  it('sets up each volume, a bound PVC through its hostPath PV, and reports failures as FailedMount text', () => {
    const fs = node();
    const ctx: VolumeSetUpContext = {
      configMap: () => undefined,
      secret: () => undefined,
      persistentVolumeClaim: (n) => (n === 'data' ? { spec: { volumeName: 'pvc-1' }, status: { phase: 'Bound' } } : n === 'pending' ? { status: { phase: 'Pending' } } : undefined),
      persistentVolume: (n) => (n === 'pvc-1' ? { spec: { hostPath: { path: '/tmp/hostpath-provisioner/default/data' } } } : undefined),
    };
    const p = pod({
      volumes: [
        { name: 'html', emptyDir: {} },
        { name: 'data', persistentVolumeClaim: { claimName: 'data', readOnly: true } },
        { name: 'cfg', configMap: { name: 'cfg' } },
        { name: 'wait', persistentVolumeClaim: { claimName: 'pending' } },
        { name: 'gone', persistentVolumeClaim: { claimName: 'gone' } },
        { name: 'nfs', nfs: { server: 'x', path: '/' } },
      ],
    });
    const result = setUpPodVolumes(fs, p, ctx);
    expect([...result.volumes.keys()]).toEqual(['html', 'data']);
    expect(result.volumes.get('data')).toEqual({ path: '/tmp/hostpath-provisioner/default/data', readOnly: true });
    expect(fs.stat('/tmp/hostpath-provisioner/default/data').type).toBe('dir');
    expect(result.failed).toEqual([
      { volume: 'cfg', message: 'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found' },
      { volume: 'wait', message: 'MountVolume.SetUp failed for volume "wait" : error processing PVC default/pending: PVC is not bound' },
      { volume: 'gone', message: 'MountVolume.SetUp failed for volume "gone" : error processing PVC default/gone: failed to fetch PVC from API server: persistentvolumeclaims "gone" not found' },
      { volume: 'nfs', message: 'MountVolume.SetUp failed for volume "nfs" : no volume plugin matched' },
    ]);
    // data written through the PV outlives the pod
    fs.writeFile('/tmp/hostpath-provisioner/default/data/index.html', 'Hello world!');
    tearDownPodDir(fs, UID);
    expect(setUpVolume(fs, p, p.spec!.volumes![1]!, ctx).path).toBe('/tmp/hostpath-provisioner/default/data');
    expect(fs.readFile('/tmp/hostpath-provisioner/default/data/index.html')).toBe('Hello world!');
  });
});

describe('base64 helpers', () => {
  it('decode UTF-8 (bad bytes as U+FFFD) and encode base64url without padding', () => {
    expect(utf8Decode([0x68, 0xc3, 0xa9, 0xff, 0xe2, 0x82])).toBe('hé\ufffd\ufffd\ufffd');
    expect(base64UrlEncode(utf8Encode('{"a":"?>"}'))).toBe('eyJhIjoiPz4ifQ');
    expect(base64DecodeUtf8('aGVsbG8=\n')).toBe('hello');
  });
});
