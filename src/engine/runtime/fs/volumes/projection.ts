// Volumes the kubelet fills with files from API objects: configMap, secret, downwardAPI and
// projected. Each computes a payload (file path → data and mode) the way its upstream plugin's
// MakePayload/CollectData does, then writes it under the pod's volume directory. The real
// AtomicWriter adds `..data` symlinks for atomic updates; Podlab writes plain files (an update
// rewrites what changed and removes what went). These volumes are always mounted read-only.
import type {
  ConfigMap, ConfigMapVolumeSource, DownwardAPIVolumeSource, KeyToPath, Pod, ProjectedVolumeSource, Secret,
  SecretVolumeSource,
} from 'kubernetes-types/core/v1';
import type { MemFS } from '../memfs';
import { dirname, splitPath } from '../path';
import { base64DecodeUtf8 } from '../../../../shared/base64';
import { collectDownwardAPI } from './downward-api';
import { POD_DIR_PERM } from './empty-dir';
import { VolumeError, aggregateMessage } from './errors';
import { CONFIGMAP_PLUGIN, DOWNWARD_API_PLUGIN, PROJECTED_PLUGIN, SECRET_PLUGIN, podVolumeDir } from './paths';
import type { VolumeMountSource } from './source';

export interface FileProjection {
  data: string;
  mode: number;
}

/** What the projected and object-backed volumes read: the pod's namespace's objects, a token. */
export interface VolumeObjects {
  configMap(name: string): ConfigMap | undefined;
  secret(name: string): Secret | undefined;
  /** the kubelet's TokenRequest for the pod's service account (see serviceAccountToken) */
  serviceAccountToken?(request: { audience?: string; expirationSeconds: number }): string;
  /** node.status.allocatable, for resourceFieldRef limits a container does not set */
  nodeAllocatable?: Readonly<Record<string, string>>;
}

// pkg/apis/core/v1/defaults.go: defaultMode 0644 (420) on these volumes
const DEFAULT_MODE = 0o644;
// The wrapped emptyDir that holds the files (pkg/volume/emptydir setupDir: 0777)
const VOLUME_DIR_PERM = 0o777;

/** pkg/volume/configmap/configmap.go MakePayload */
export function configMapPayload(
  items: readonly KeyToPath[] | undefined,
  configMap: ConfigMap,
  defaultMode: number,
  optional: boolean,
): Map<string, FileProjection> {
  const data = configMap.data ?? {};
  const binary = configMap.binaryData ?? {};
  const out = new Map<string, FileProjection>();
  if (!items?.length) {
    for (const k of Object.keys(data).sort()) out.set(k, { data: data[k]!, mode: defaultMode });
    for (const k of Object.keys(binary).sort()) out.set(k, { data: base64DecodeUtf8(binary[k]!), mode: defaultMode });
    return out;
  }
  for (const ktp of items) {
    let text: string;
    if (ktp.key in data) text = data[ktp.key]!;
    else if (ktp.key in binary) text = base64DecodeUtf8(binary[ktp.key]!);
    else if (optional) continue;
    // configmap.go MakePayload
    else throw new VolumeError(`configmap references non-existent config key: ${ktp.key}`);
    out.set(ktp.path, { data: text, mode: ktp.mode ?? defaultMode });
  }
  return out;
}

/** pkg/volume/secret/secret.go MakePayload (values are base64 in the API object). */
export function secretPayload(
  items: readonly KeyToPath[] | undefined,
  secret: Secret,
  defaultMode: number,
  optional: boolean,
): Map<string, FileProjection> {
  const data = secret.data ?? {};
  const out = new Map<string, FileProjection>();
  if (!items?.length) {
    for (const k of Object.keys(data).sort()) out.set(k, { data: base64DecodeUtf8(data[k]!), mode: defaultMode });
    return out;
  }
  for (const ktp of items) {
    if (!(ktp.key in data)) {
      if (optional) continue;
      // secret.go MakePayload
      throw new VolumeError(`references non-existent secret key: ${ktp.key}`);
    }
    out.set(ktp.path, { data: base64DecodeUtf8(data[ktp.key]!), mode: ktp.mode ?? defaultMode });
  }
  return out;
}

export function setUpConfigMap(nodeFs: MemFS, pod: Pod, volumeName: string, source: ConfigMapVolumeSource, configMap: ConfigMap | undefined): VolumeMountSource {
  const optional = source.optional === true;
  const name = source.name ?? '';
  // configmap.go SetUpAt: a missing ConfigMap is an error unless optional (the manager's NotFound text)
  if (!configMap && !optional) throw new VolumeError(`configmap ${JSON.stringify(name)} not found`);
  const payload = configMap ? configMapPayload(source.items, configMap, source.defaultMode ?? DEFAULT_MODE, optional) : new Map();
  return writeVolume(nodeFs, podVolumeDir(uidOf(pod), CONFIGMAP_PLUGIN, volumeName), payload, false);
}

export function setUpSecret(nodeFs: MemFS, pod: Pod, volumeName: string, source: SecretVolumeSource, secret: Secret | undefined): VolumeMountSource {
  const optional = source.optional === true;
  // secret.go SetUpAt: the secret manager's NotFound text
  if (!secret && !optional) throw new VolumeError(`secret ${JSON.stringify(source.secretName ?? '')} not found`);
  const payload = secret ? secretPayload(source.items, secret, source.defaultMode ?? DEFAULT_MODE, optional) : new Map();
  return writeVolume(nodeFs, podVolumeDir(uidOf(pod), SECRET_PLUGIN, volumeName), payload, true);
}

export function setUpDownwardAPI(
  nodeFs: MemFS,
  pod: Pod,
  volumeName: string,
  source: DownwardAPIVolumeSource,
  nodeAllocatable?: Readonly<Record<string, string>>,
): VolumeMountSource {
  const payload = collectDownwardAPI(source.items ?? [], pod, source.defaultMode ?? DEFAULT_MODE, nodeAllocatable);
  return writeVolume(nodeFs, podVolumeDir(uidOf(pod), DOWNWARD_API_PLUGIN, volumeName), payload, true);
}

/**
 * pkg/volume/projected/projected.go collectData: every source's files into one payload (later
 * sources win), errors from all sources aggregated.
 */
export function setUpProjected(nodeFs: MemFS, pod: Pod, volumeName: string, source: ProjectedVolumeSource, objects: VolumeObjects): VolumeMountSource {
  const defaultMode = source.defaultMode ?? DEFAULT_MODE;
  const payload = new Map<string, FileProjection>();
  const errors: string[] = [];
  const add = (collect: () => Map<string, FileProjection>): void => {
    try {
      for (const [k, v] of collect()) payload.set(k, v);
    } catch (e) {
      if (!(e instanceof VolumeError)) throw e;
      errors.push(e.message);
    }
  };
  for (const s of source.sources ?? []) {
    if (s.configMap) {
      const src = s.configMap;
      const optional = src.optional === true;
      add(() => {
        const cm = objects.configMap(src.name ?? '');
        if (!cm && !optional) throw new VolumeError(`configmap ${JSON.stringify(src.name ?? '')} not found`);
        return cm ? configMapPayload(src.items, cm, defaultMode, optional) : new Map();
      });
    } else if (s.secret) {
      const src = s.secret;
      const optional = src.optional === true;
      add(() => {
        const secret = objects.secret(src.name ?? '');
        if (!secret && !optional) throw new VolumeError(`secret ${JSON.stringify(src.name ?? '')} not found`);
        return secret ? secretPayload(src.items, secret, defaultMode, optional) : new Map();
      });
    } else if (s.downwardAPI) {
      const items = s.downwardAPI.items ?? [];
      add(() => collectDownwardAPI(items, pod, defaultMode, objects.nodeAllocatable));
    } else if (s.serviceAccountToken) {
      const tp = s.serviceAccountToken;
      // projected.go: with an fsGroup the token is 0600, widened to 0640 by SetVolumeOwnership
      const mode = pod.spec?.securityContext?.fsGroup !== undefined ? 0o640 : defaultMode;
      add(() => {
        if (!objects.serviceAccountToken) throw new VolumeError('no token source');
        const token = objects.serviceAccountToken({ audience: tp.audience || undefined, expirationSeconds: tp.expirationSeconds ?? 3600 });
        return new Map([[tp.path, { data: token, mode }]]);
      });
    }
  }
  if (errors.length) throw new VolumeError(aggregateMessage(errors));
  return writeVolume(nodeFs, podVolumeDir(uidOf(pod), PROJECTED_PLUGIN, volumeName), payload, true);
}

/** `memory`: the plugin wraps a memory-backed emptyDir (secret.go, downwardapi.go, projected.go wrappedVolumeSpec); configMap's is on disk. */
function writeVolume(nodeFs: MemFS, dir: string, payload: ReadonlyMap<string, FileProjection>, memory: boolean): VolumeMountSource {
  writePayload(nodeFs, dir, payload);
  return memory ? { path: dir, readOnly: true, medium: 'Memory' } : { path: dir, readOnly: true };
}

/**
 * Make `dir` hold exactly the payload: files written (only when their text or mode changed, so a
 * refresh of an unchanged ConfigMap is silent), subdirectories created, anything else removed.
 */
export function writePayload(nodeFs: MemFS, dir: string, payload: ReadonlyMap<string, FileProjection>): void {
  if (!nodeFs.exists(dir)) {
    nodeFs.mkdir(dirname(dir), { recursive: true, mode: POD_DIR_PERM });
    nodeFs.mkdir(dir, { mode: VOLUME_DIR_PERM });
  }
  const wanted = new Map<string, FileProjection>();
  // downwardapi.go CollectData and the AtomicWriter clean each path (path.Clean)
  for (const [p, f] of payload) wanted.set(splitPath(p).join('/'), f);
  removeUnwanted(nodeFs, dir, '', wanted);
  for (const rel of [...wanted.keys()].sort()) {
    const f = wanted.get(rel)!;
    const path = `${dir}/${rel}`;
    nodeFs.mkdir(dirname(path), { recursive: true });
    const same = nodeFs.exists(path) && nodeFs.stat(path).type === 'file' && nodeFs.readFile(path) === f.data;
    if (!same) nodeFs.writeFile(path, f.data, { mode: f.mode });
    if (nodeFs.stat(path).mode !== (f.mode & 0o7777)) nodeFs.chmod(path, f.mode);
  }
}

function removeUnwanted(nodeFs: MemFS, dir: string, rel: string, wanted: ReadonlyMap<string, FileProjection>): void {
  const here = rel ? `${dir}/${rel}` : dir;
  for (const name of nodeFs.readdir(here)) {
    const r = rel ? `${rel}/${name}` : name;
    const isDir = nodeFs.stat(`${here}/${name}`).type === 'dir';
    const keep = isDir ? [...wanted.keys()].some((k) => k.startsWith(r + '/')) : wanted.has(r);
    if (!keep) nodeFs.rm(`${here}/${name}`, { recursive: true });
    else if (isDir) removeUnwanted(nodeFs, dir, r, wanted);
  }
}

function uidOf(pod: Pod): string {
  const uid = pod.metadata?.uid;
  if (!uid) throw new Error('volumes: the pod has no uid yet');
  return uid;
}
