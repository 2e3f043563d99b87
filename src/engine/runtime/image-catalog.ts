// The simulated registries: which images exist, how big they are and how long a pull takes.
// Data only; the runtime that uses it lives in fake-runtime.ts. Sizes are what the kubelet's
// Pulled event prints ("Image size: %v bytes"); nginx's matches a real minikube pull.
import type { ImageInfo, ImageLookup } from './cri';
import { normalizeImageRef, repositoryOf } from './image-ref';
import { WATCHER_DIGEST } from './images/watcher/watcher';

export interface CatalogImage {
  /** every tag that points at this image */
  tags: string[];
  size: number;
  pullMs: number;
  /** present on every node from the start (minikube's preloaded images) */
  preloaded?: boolean;
  /** the real repository digest, when a lesson shows it (otherwise catalogDigest makes one up) */
  digest?: string;
}

const GIT_SYNC_V3_1_6: CatalogImage = {
  tags: ['v3.1.6'], size: 50913432, pullMs: 4262, digest: 'sha256:3c1721915d0499c44068d13791b24137afbe03e19a763dc318a4ca689950ee2f',
};

/** repository (normalized) → its images */
export const IMAGE_CATALOG: Record<string, CatalogImage[]> = {
  'docker.io/library/nginx': [
    { tags: ['latest', '1.27', '1.27.3', 'stable'], size: 72195292, pullMs: 5611 },
    { tags: ['alpine', '1.27-alpine', '1.27.3-alpine'], size: 20524466, pullMs: 2207 },
    { tags: ['1.26', '1.26.2'], size: 71003478, pullMs: 5489 },
  ],
  'docker.io/library/busybox': [
    { tags: ['latest', '1.37', '1.37.0'], size: 2167176, pullMs: 1203 },
    { tags: ['1.36', '1.36.1'], size: 2160406, pullMs: 1187 },
    { tags: ['1.28', '1.28.4'], size: 727886, pullMs: 812 },
  ],
  'docker.io/library/alpine': [{ tags: ['latest', '3.21', '3.21.0'], size: 3653068, pullMs: 1342 }],
  'docker.io/library/ubuntu': [
    { tags: ['latest', '24.04', 'noble'], size: 29754422, pullMs: 3164 },
    { tags: ['22.04', 'jammy'], size: 29538961, pullMs: 3121 },
  ],
  'docker.io/library/debian': [
    { tags: ['latest', 'bookworm', '12'], size: 48479634, pullMs: 4236 },
    { tags: ['bookworm-slim', '12-slim'], size: 28228293, pullMs: 2950 },
  ],
  'docker.io/library/redis': [
    { tags: ['latest', '7', '7.4', '7.4.1'], size: 45006286, pullMs: 4418 },
    { tags: ['alpine', '7-alpine', '7.4-alpine'], size: 17194307, pullMs: 2046 },
  ],
  'gcr.io/kuar-demo/kuard-amd64': [
    { tags: ['1'], size: 6658311, pullMs: 1822 },
    { tags: ['blue'], size: 11112348, pullMs: 2104 },
    { tags: ['green'], size: 11112370, pullMs: 2098 },
  ],
  // curlimages/curl 8.11.1 (alpine 3.21) and nigelpoulton's Node.js demo images: Docker Hub's
  // compressed amd64 sizes, approximately; pull times scaled like the entries above
  'docker.io/curlimages/curl': [{ tags: ['latest', '8.11.1'], size: 12166043, pullMs: 1802 }],
  'docker.io/nigelpoulton/web-app': [{ tags: ['1.0'], size: 82311467, pullMs: 6211 }],
  'docker.io/nigelpoulton/k8sbook': [{ tags: ['1.0'], size: 82316224, pullMs: 6218 }],
  'gcr.io/google-samples/hello-app': [
    { tags: ['1.0'], size: 4195621, pullMs: 1533 },
    { tags: ['2.0'], size: 4195634, pullMs: 1541 },
  ],
  // git-sync v3.1.6: the digest crictl shows in a published lab whose git-sync logs carry v3.1.6's
  // main.go line numbers; size and pull time estimated (debian-base + git)
  'k8s.gcr.io/git-sync': [GIT_SYNC_V3_1_6],
  'registry.k8s.io/git-sync': [GIT_SYNC_V3_1_6],
  // afakharany/watcher:latest: the digest of the kubelabs lesson's describe; size estimated (an Ubuntu base)
  'docker.io/afakharany/watcher': [{ tags: ['latest'], size: 26703922, pullMs: 2911, digest: WATCHER_DIGEST }],
  'registry.k8s.io/pause': [{ tags: ['3.10'], size: 320368, pullMs: 402, preloaded: true }],
  'registry.k8s.io/etcd': [{ tags: ['3.5.16-0'], size: 57680541, pullMs: 5093, preloaded: true }],
  'registry.k8s.io/kube-apiserver': [{ tags: ['v1.32.0'], size: 28670731, pullMs: 3012, preloaded: true }],
  'registry.k8s.io/kube-controller-manager': [{ tags: ['v1.32.0'], size: 26258470, pullMs: 2860, preloaded: true }],
  'registry.k8s.io/kube-scheduler': [{ tags: ['v1.32.0'], size: 20657536, pullMs: 2395, preloaded: true }],
  'registry.k8s.io/kube-proxy': [{ tags: ['v1.32.0'], size: 30906462, pullMs: 3220, preloaded: true }],
  'registry.k8s.io/coredns/coredns': [{ tags: ['v1.11.3'], size: 18562039, pullMs: 2187, preloaded: true }],
  'gcr.io/k8s-minikube/storage-provisioner': [{ tags: ['v5'], size: 9058936, pullMs: 1615, preloaded: true }],
};

/** Registries that answer; any other host fails to resolve. */
export const KNOWN_REGISTRIES = ['docker.io', 'gcr.io', 'registry.k8s.io', 'quay.io', 'ghcr.io', 'k8s.gcr.io'];

// How long a failed pull attempt takes before the error comes back.
const NOT_FOUND_MS = 1187;
const ACCESS_DENIED_MS = 1420;
const NO_SUCH_HOST_MS = 38;

/** An image's sha256: its real digest when the catalog has it, else a fixed made-up one derived from its repository and first tag. */
export function catalogDigest(repository: string, image: CatalogImage): string {
  if (image.digest) return image.digest;
  const seed = `${repository}:${image.tags[0]}`;
  // Every pull and every runtime status asks; the catalog is fixed, so remember the answers.
  let out = digestMemo.get(seed);
  if (out === undefined) {
    out = digestOf(seed);
    digestMemo.set(seed, out);
  }
  return out;
}

const digestMemo = new Map<string, string>();

function digestOf(seed: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 2166136261 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    out += ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}

/** Every image that starts out present on a node, as [normalized ref, info]. */
export function preloadedImages(): ImageInfo[] {
  const out: ImageInfo[] = [];
  for (const [repo, images] of Object.entries(IMAGE_CATALOG)) {
    for (const img of images) {
      if (!img.preloaded) continue;
      for (const tag of img.tags) out.push(info(repo, img, `${repo}:${tag}`));
    }
  }
  return out;
}

/**
 * What a pull of `ref` resolves to. Failures use containerd 1.7's text (CRI PullImage:
 * "failed to pull and unpack image %q: %w", resolver "failed to resolve reference %q: %w").
 */
export function lookupCatalog(ref: string): ImageLookup {
  const n = normalizeImageRef(ref);
  if (!n.ok) {
    // containerd's reference parser; the kubelet normally rejects these first (InvalidImageName)
    return { ok: false, error: `failed to pull and unpack image ${JSON.stringify(ref)}: ${n.error}`, code: 'Unknown', pullMs: 0 };
  }
  const name = n.ref;
  const repo = repositoryOf(n.parsed);
  const images = IMAGE_CATALOG[repo];
  // Only failures need it; every pod's pull comes through here.
  const prefix = () => `failed to pull and unpack image ${JSON.stringify(name)}: failed to resolve reference ${JSON.stringify(name)}`;
  if (!KNOWN_REGISTRIES.includes(n.parsed.domain)) {
    const tagOrDigest = n.parsed.digest || n.parsed.tag || 'latest';
    // Go net.DNSError "lookup %s: no such host" inside the resolver's HEAD request error
    return {
      ok: false,
      error: `${prefix()}: failed to do request: Head "https://${n.parsed.domain}/v2/${n.parsed.path}/manifests/${tagOrDigest}": dial tcp: lookup ${n.parsed.domain.replace(/:\d+$/, '')}: no such host`,
      code: 'Unknown',
      pullMs: NO_SUCH_HOST_MS,
    };
  }
  if (!images && n.parsed.domain === 'docker.io') {
    // Docker Hub answers 401 for repositories that do not exist
    return {
      ok: false,
      error: `${prefix()}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      code: 'Unknown',
      pullMs: ACCESS_DENIED_MS,
    };
  }
  const found = images?.find((img) =>
    n.parsed.digest ? catalogDigest(repo, img) === n.parsed.digest : img.tags.includes(n.parsed.tag || 'latest'));
  if (!found) {
    // containerd remotes/docker resolver: "%v: not found" (errdefs.ErrNotFound → gRPC NotFound)
    return { ok: false, error: `${prefix()}: ${name}: not found`, code: 'NotFound', pullMs: NOT_FOUND_MS };
  }
  return { ok: true, image: info(repo, found, name) };
}

function info(repo: string, img: CatalogImage, ref: string): ImageInfo {
  return { ref, id: `${repo}@${catalogDigest(repo, img)}`, size: img.size, pullMs: img.pullMs };
}
