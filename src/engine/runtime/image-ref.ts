// Container image references: parsing and normalization with the errors a kubelet reports.
// Ported rules: github.com/distribution/reference v0.6.0 (normalize.go ParseNormalizedNamed,
// splitDockerDomain; reference.go Parse; regexp.go), github.com/opencontainers/go-digest
// (Digest.Validate) and k8s pkg/util/parsers ParseImageName.

export interface ParsedImageRef {
  /** registry host, e.g. docker.io, gcr.io, registry.k8s.io, localhost:5000 */
  domain: string;
  /** repository path inside the registry, e.g. library/nginx */
  path: string;
  /** the tag as written, or '' */
  tag: string;
  /** `sha256:<hex>` as written, or '' */
  digest: string;
}

export type ImageRefResult = { ok: true; ref: ParsedImageRef } | { ok: false; error: string };

// regexp.go: the reference grammar.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/;

// reference.go RepositoryNameTotalLengthMax
const NAME_TOTAL_LENGTH_MAX = 255;
// go-digest algorithm.go: the hex length of each registered algorithm
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const DEFAULT_DOMAIN = 'docker.io'; // normalize.go defaultDomain
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io'; // normalize.go legacyDefaultDomain
const OFFICIAL_REPO_PREFIX = 'library/'; // normalize.go officialRepoPrefix

// The kubelet parses each container's image several times per start; results are pure (frozen
// and shared), so they are memoised like the quantity parser's.
const PARSE_MEMO_LIMIT = 1024;
const parseMemo = new Map<string, ImageRefResult>();

/** ParseNormalizedNamed: the error texts are distribution/reference's. */
export function parseNormalizedNamed(s: string): ImageRefResult {
  let r = parseMemo.get(s);
  if (!r) {
    r = parseNormalizedNamedUncached(s);
    if (r.ok) Object.freeze(r.ref);
    Object.freeze(r);
    if (parseMemo.size >= PARSE_MEMO_LIMIT) parseMemo.clear();
    parseMemo.set(s, r);
  }
  return r;
}

function parseNormalizedNamedUncached(s: string): ImageRefResult {
  if (ANCHORED_IDENTIFIER.test(s)) {
    // normalize.go ParseNormalizedNamed
    return { ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    // normalize.go ParseNormalizedNamed
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  }
  return parse(`${domain}/${remainder}`);
}

/** reference.go Parse on an already domain-qualified string. */
function parse(s: string): ImageRefResult {
  const m = REFERENCE.exec(s);
  if (!m) {
    // reference.go ErrNameEmpty / ErrNameContainsUppercase / ErrReferenceInvalidFormat
    if (s === '') return { ok: false, error: 'repository name must have at least one component' };
    if (REFERENCE.test(s.toLowerCase())) return { ok: false, error: 'repository name must be lowercase' };
    return { ok: false, error: 'invalid reference format' };
  }
  const nm = ANCHORED_NAME.exec(m[1]!)!;
  const domain = nm[1] ?? '';
  const path = nm[2]!;
  if (path.length > NAME_TOTAL_LENGTH_MAX) {
    // reference.go ErrNameTooLong
    return { ok: false, error: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  const digest = m[3] ?? '';
  if (digest) {
    const err = validateDigest(digest);
    if (err) return { ok: false, error: err };
  }
  return { ok: true, ref: { domain, path, tag: m[2] ?? '', digest } };
}

// go-digest digest.go Validate
function validateDigest(d: string): string | undefined {
  const i = d.indexOf(':');
  const alg = d.slice(0, i);
  const hex = d.slice(i + 1);
  const want = DIGEST_HEX_LENGTH[alg];
  if (want === undefined) return 'unsupported digest algorithm';
  if (hex.length !== want) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return undefined;
}

// normalize.go splitDockerDomain
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  if (i === -1) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, i);
  const maybeRemote = name.slice(i + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  else if (/[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/** The repository name, e.g. docker.io/library/nginx. */
export function repositoryOf(ref: ParsedImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

/**
 * The fully qualified reference a runtime reports, with the default tag applied when neither a tag
 * nor a digest was given (reference.TagNameOnly): nginx → docker.io/library/nginx:latest.
 */
export function normalizedString(ref: ParsedImageRef): string {
  let out = repositoryOf(ref);
  const tag = ref.tag || (ref.digest ? '' : 'latest');
  if (tag) out += `:${tag}`;
  if (ref.digest) out += `@${ref.digest}`;
  return out;
}

/** Normalize an image reference, or say why it does not parse. */
export function normalizeImageRef(image: string): { ok: true; ref: string; parsed: ParsedImageRef } | { ok: false; error: string } {
  const r = parseNormalizedNamed(image);
  return r.ok ? { ok: true, ref: normalizedString(r.ref), parsed: r.ref } : r;
}

/**
 * The kubelet's applyDefaultImageTag (pkg/kubelet/images/image_manager.go) with
 * pkg/util/parsers ParseImageName: appends ":latest" when there is neither tag nor digest, or
 * returns the error text the kubelet wraps in `Failed to apply default image tag %q: %v`.
 */
export function applyDefaultImageTag(image: string): { ok: true; image: string } | { ok: false; error: string } {
  const r = parseNormalizedNamed(image);
  // pkg/util/parsers/parsers.go ParseImageName
  if (!r.ok) return { ok: false, error: `couldn't parse image name ${goQuote(image)}: ${r.error}` };
  const tag = r.ref.tag || (r.ref.digest ? '' : 'latest');
  if (!r.ref.digest && tag && !image.endsWith(`:${tag}`)) return { ok: true, image: `${image}:${tag}` };
  return { ok: true, image };
}

/** Go's %q for the printable strings image names and messages contain. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
