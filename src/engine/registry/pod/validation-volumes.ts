// Pod volumes: ValidateVolumes and validateVolumeSource of pkg/apis/core/validation/validation.go,
// for the volume types a course uses (emptyDir, hostPath, secret, configMap, downwardAPI,
// projected, persistentVolumeClaim); the others are only counted as "a volume type".
import type { Volume } from 'kubernetes-types/core/v1';
import { field, type FieldError } from '../../errors';
import { tryParseQuantity } from '../../../shared/quantity';
import { isConfigMapKey, validateDNS1123Label, validateDNS1123Subdomain, isQualifiedName } from '../names';

type Json = Record<string, unknown>;

// validation.go fileModeErrorMsg
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

// validateVolumeSource checks sources in this order; the second name is the path segment its
// "may not specify more than 1 volume type" error uses (upstream spells a few differently).
const SOURCES: Array<[json: string, pathName: string]> = [
  ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'], ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'], // sic: validation.go validateVolumeSource
  ['fc', 'fc'], ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'], ['storageos', 'storageos'],
  ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'], ['image', 'image'],
];

/**
 * ValidateVolumes: every volume error, and the names of the volumes that validated cleanly
 * (container volumeMounts may only reference those).
 */
export function validateVolumes(volumes: Volume[] | undefined, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  const list = volumes ?? [];
  for (let i = 0; i < list.length; i++) {
    const vol = list[i]!;
    const idx = `${path}[${i}]`;
    const el = validateVolumeSource(vol as unknown as Json, idx);
    const name = vol.name ?? '';
    if (!name) el.push(field.required(`${idx}.name`));
    else el.push(...validateDNS1123Label(name, `${idx}.name`));
    if (names.has(name)) el.push(field.duplicate(`${idx}.name`, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  }
  return { names, errs };
}

function validateVolumeSource(vol: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  if (vol.emptyDir != null) {
    count++;
    const limit = (vol.emptyDir as Json).sizeLimit;
    const q = limit === undefined ? undefined : tryParseQuantity(limit);
    if (q && q.sign() < 0) errs.push(field.forbidden(`${path}.emptyDir.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
  }
  // An index loop without destructuring: unoptimized code would walk each pair with an iterator.
  for (let i = 0; i < SOURCES.length; i++) {
    const json = SOURCES[i]![0];
    const pathName = SOURCES[i]![1];
    const src = vol[json];
    if (src == null) continue;
    if (count > 0) {
      errs.push(field.forbidden(`${path}.${pathName}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSource(json, src as Json, `${path}.${json}`));
  }
  // validateVolumeSource: "must specify a volume type" (defaulting makes a bare volume an emptyDir)
  if (count === 0) errs.push(field.required(path, 'must specify a volume type'));
  return errs;
}

function validateSource(kind: string, src: Json, path: string): FieldError[] {
  switch (kind) {
    case 'hostPath': return validateHostPath(src, path);
    case 'secret': return validateKeyedSource(src, 'secretName', path);
    case 'configMap': return validateKeyedSource(src, 'name', path);
    case 'persistentVolumeClaim':
      // validatePersistentClaimVolumeSource
      return src.claimName ? [] : [field.required(`${path}.claimName`)];
    case 'downwardAPI': return validateDownwardAPI(src, path);
    case 'projected': return validateProjected(src, path);
    default: return [];
  }
}

// validation.go supportedHostPathTypes (sets.List order)
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

// validateHostPathVolumeSource
function validateHostPath(src: Json, path: string): FieldError[] {
  const p = String(src.path ?? '');
  if (!p) return [field.required(`${path}.path`)];
  const errs = validatePathNoBacksteps(p, `${path}.path`);
  if (src.type != null && !HOST_PATH_TYPES.includes(String(src.type))) {
    errs.push(field.notSupported(`${path}.type`, String(src.type), HOST_PATH_TYPES));
  }
  return errs;
}

// validateSecretVolumeSource (the name is secretName) / validateConfigMapVolumeSource (name): the same checks
function validateKeyedSource(src: Json, nameField: 'secretName' | 'name', path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!src[nameField]) errs.push(field.required(`${path}.${nameField}`));
  errs.push(...validateMode(src.defaultMode, `${path}.defaultMode`));
  errs.push(...validateItems(src.items, `${path}.items`));
  return errs;
}

function validateMode(mode: unknown, path: string): FieldError[] {
  if (typeof mode === 'number' && (mode > 0o777 || mode < 0)) return [field.invalid(path, mode, FILE_MODE_ERROR)];
  return [];
}

function validateItems(items: unknown, path: string): FieldError[] {
  return asObjects(items).flatMap((kp, i) => validateKeyToPath(kp, `${path}[${i}]`));
}

// validateKeyToPath
function validateKeyToPath(kp: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(field.required(`${path}.key`));
  if (!kp.path) errs.push(field.required(`${path}.path`));
  errs.push(...validateLocalNonReservedPath(String(kp.path ?? ''), `${path}.path`));
  errs.push(...validateMode(kp.mode, `${path}.mode`));
  return errs;
}

// validVolumeDownwardAPIFieldPathExpressions (sets.List order)
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

// validateDownwardAPIVolumeSource: the items' errors are reported at the volume source path
function validateDownwardAPI(src: Json, path: string): FieldError[] {
  const errs = validateMode(src.defaultMode, `${path}.defaultMode`);
  for (const file of asObjects(src.items)) errs.push(...validateDownwardAPIFile(file, path));
  return errs;
}

// validateDownwardAPIVolumeFile
function validateDownwardAPIFile(file: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(field.required(`${path}.path`));
  errs.push(...validateLocalNonReservedPath(String(file.path ?? ''), `${path}.path`));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef as Json, VOLUME_FIELD_PATHS, `${path}.fieldRef`));
    if (file.resourceFieldRef) errs.push(field.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    const ref = file.resourceFieldRef as Json;
    if (!ref.containerName) errs.push(field.required(`${path}.resourceFieldRef.containerName`));
  } else {
    errs.push(field.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, `${path}.mode`));
  return errs;
}

/** validateObjectFieldSelector (downward API fieldRef), shared with env vars. */
export function validateObjectFieldSelector(ref: Json, supported: string[], path: string): FieldError[] {
  if (!ref.apiVersion) return [field.required(`${path}.apiVersion`)];
  const fieldPath = String(ref.fieldPath ?? '');
  if (!fieldPath) return [field.required(`${path}.fieldPath`)];
  // fieldpath.SplitMaybeSubscriptedPath: metadata.labels['key']
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2]!.toLowerCase() : sub[2]!;
    return isQualifiedName(key).map((m) => field.invalid(path, key, m));
  }
  if (!supported.includes(fieldPath)) return [field.notSupported(`${path}.fieldPath`, fieldPath, supported)];
  return [];
}

// validateProjectedVolumeSource / validateProjectionSources
function validateProjected(src: Json, path: string): FieldError[] {
  const errs = validateMode(src.defaultMode, `${path}.defaultMode`);
  const seen = new Set<string>();
  const dup = (p: unknown, value: unknown) => {
    const s = String(p ?? '');
    if (!s) return;
    if (seen.has(s)) errs.push(field.invalid(path, value, 'conflicting duplicate paths'));
    seen.add(s);
  };
  const sources = asObjects(src.sources);
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    const srcPath = `${path}.sources[${i}]`;
    let n = 0;
    for (const kind of KEY_PROJECTIONS) {
      const ref = source[kind] as Json | undefined;
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(field.required(`${srcPath}.${kind}.name`));
      const items = asObjects(ref.items);
      for (let j = 0; j < items.length; j++) {
        errs.push(...validateKeyToPath(items[j]!, `${srcPath}.${kind}.items[${j}]`));
        dup(items[j]!.path, ref.name ?? '');
      }
    }
    const downward = source.downwardAPI as Json | undefined;
    if (downward) {
      n++;
      for (const file of asObjects(downward.items)) {
        errs.push(...validateDownwardAPIFile(file, `${srcPath}.downwardAPI`));
        dup(file.path, file.path);
      }
    }
    const token = source.serviceAccountToken as Json | undefined;
    if (token) {
      n++;
      const exp = Number(token.expirationSeconds ?? 0);
      if (exp < 600) errs.push(field.invalid(`${srcPath}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(field.invalid(`${srcPath}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!token.path) errs.push(field.required(`${path}.path`));
      else errs.push(...validateLocalNonReservedPath(String(token.path), `${path}.path`));
    }
    if (source.clusterTrustBundle) n++;
    if (n > 1) errs.push(field.forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  }
  return errs;
}

// The projections that name keys of a Secret or ConfigMap, in validateProjectionSources order.
const KEY_PROJECTIONS = ['secret', 'configMap'] as const;

/** validatePathNoBacksteps: no `..` element. */
export function validatePathNoBacksteps(p: string, path: string): FieldError[] {
  return hasBackstep(p) ? [field.invalid(path, p, "must not contain '..'")] : [];
}

/** Whether `..` is one of the '/'-separated elements of p (strings.Split(p, "/") contains ".."), without splitting. */
function hasBackstep(p: string): boolean {
  for (let i = p.indexOf('..'); i >= 0; i = p.indexOf('..', i + 1)) {
    if ((i === 0 || p.charCodeAt(i - 1) === 47) && (i + 2 === p.length || p.charCodeAt(i + 2) === 47)) return true;
  }
  return false;
}

/** validateLocalDescendingPath: relative, no `..` element. */
export function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(field.invalid(path, p, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, path));
  return errs;
}

/** ValidateLocalNonReservedPath: a descending path that does not start with `..`. */
export function validateLocalNonReservedPath(p: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(p, path);
  // "Don't report this error if the check for .. elements already caught it."
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(field.invalid(path, p, "must not start with '..'"));
  return errs;
}

/** Key references in configMapKeyRef/secretKeyRef (validateConfigMapKeySelector, validateSecretKeySelector). */
export function validateKeySelector(ref: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  // the name goes through NameIsDNSSubdomain even when empty (no Required error)
  errs.push(...validateDNS1123Subdomain(String(ref.name ?? ''), `${path}.name`));
  const key = String(ref.key ?? '');
  if (!key) errs.push(field.required(`${path}.key`));
  else errs.push(...isConfigMapKey(key).map((m) => field.invalid(`${path}.key`, key, m)));
  return errs;
}

export function asObjects(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : [];
}
