// Container image references, parsed the way pkg/util/parsers.ParseImageName does it
// (github.com/distribution/reference ParseNormalizedNamed + the "latest" default).

export interface ImageReference {
  /** Normalised repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  /** The tag; `latest` when neither tag nor digest was given. */
  tag: string;
  /** `sha256:…` when the reference pins a digest. */
  digest: string;
}

// distribution/reference regexp.go: the reference grammar.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_ID = /^[a-f0-9]{64}$/;

// digest.Algorithm.Validate: the hex length each known algorithm needs.
const DIGEST_HEX_LEN: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** ParseImageName; undefined when the reference is invalid (upstream returns an error). */
export function parseImageName(image: string): ImageReference | undefined {
  if (ANCHORED_ID.test(image)) return undefined; // "cannot specify 64-byte hexadecimal strings"
  const m = REFERENCE.exec(image);
  if (!m) return undefined;
  const name = m[1]!;
  if (name.length > 255) return undefined; // reference.NameTotalLengthMax
  const digest = m[3] ?? '';
  if (digest) {
    const [alg, hex] = digest.split(':') as [string, string];
    const want = DIGEST_HEX_LEN[alg];
    if (want === undefined || hex.length !== want) return undefined;
  }
  // normalize.go splitDockerDomain: the first component is a registry only if it looks like one.
  const slash = name.indexOf('/');
  let domain = 'docker.io';
  let remainder = name;
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    domain = first;
    remainder = name.slice(slash + 1);
  } else if (slash === -1) {
    remainder = `library/${name}`;
  } else if (domain === 'docker.io' && !remainder.includes('/')) {
    remainder = `library/${remainder}`;
  }
  let tag = m[2] ?? '';
  // parsers.go ParseImageName: "If no tag was specified, use the default "latest"."
  if (!tag && !digest) tag = 'latest';
  return { repository: `${domain}/${remainder}`, tag, digest };
}

/**
 * SetDefaults_Container's imagePullPolicy: Always for `:latest` (explicit, or implied by a
 * reference with neither tag nor digest), IfNotPresent otherwise — including references
 * that do not parse, whose tag is then empty.
 */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  const ref = image ?? '';
  // Every container of every pod and template is defaulted: remember the answer per image.
  let policy = pullPolicyMemo.get(ref);
  if (policy === undefined) {
    // pkg/apis/core/v1/defaults.go SetDefaults_Container
    policy = parseImageName(ref)?.tag === 'latest' ? 'Always' : 'IfNotPresent';
    if (pullPolicyMemo.size >= PULL_POLICY_MEMO_LIMIT) pullPolicyMemo.clear();
    pullPolicyMemo.set(ref, policy);
  }
  return policy;
}

const PULL_POLICY_MEMO_LIMIT = 1024;
const pullPolicyMemo = new Map<string, 'Always' | 'IfNotPresent'>();
