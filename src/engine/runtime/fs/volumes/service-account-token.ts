// The projected service-account token (`/var/run/secrets/kubernetes.io/serviceaccount/token`):
// a JWT shaped like the API server's bound tokens — header, claims a learner can decode with
// `cut -d. -f2 | base64 -d`, and a signature — but signed by nobody: the signature bytes are a
// deterministic hash of the rest, so the same inputs always give the same token.
import { base64UrlEncode, utf8Encode } from '../../../../shared/base64';

export interface TokenRequestInput {
  namespace: string;
  serviceAccountName: string;
  serviceAccountUid: string;
  podName: string;
  podUid: string;
  nodeName: string;
  nodeUid: string;
  /** virtual clock now, epoch ms */
  nowMs: number;
  /** serviceAccountToken.expirationSeconds (the admission plugin sets 3607) */
  expirationSeconds: number;
  audience?: string;
}

// The API server's issuer and default audience on minikube (--service-account-issuer).
const ISSUER = 'https://kubernetes.default.svc.cluster.local';
// pkg/serviceaccount/claims.go: the admission plugin's 3607 s tokens are extended to a year
// (--service-account-extend-token-expiration) and carry warnafter at the requested expiry.
const WARN_ONLY_EXPIRATION = 3607;
const EXTENDED_EXPIRATION = 365 * 24 * 3600;

/** pkg/serviceaccount/claims.go Claims, serialised as go-jose does (keys sorted). */
export function serviceAccountToken(req: TokenRequestInput): string {
  const iat = Math.floor(req.nowMs / 1000);
  const extended = req.expirationSeconds === WARN_ONLY_EXPIRATION;
  const exp = iat + (extended ? EXTENDED_EXPIRATION : req.expirationSeconds);
  const k8s: Record<string, unknown> = {
    namespace: req.namespace,
    node: { name: req.nodeName, uid: req.nodeUid },
    pod: { name: req.podName, uid: req.podUid },
    serviceaccount: { name: req.serviceAccountName, uid: req.serviceAccountUid },
  };
  if (extended) k8s.warnafter = iat + req.expirationSeconds;
  const claims = {
    aud: [req.audience ?? ISSUER],
    exp,
    iat,
    iss: ISSUER,
    jti: uuidFrom(hashBytes(`${req.podUid}/${req.serviceAccountUid}/${iat}`, 16)),
    'kubernetes.io': k8s,
    nbf: iat,
    sub: `system:serviceaccount:${req.namespace}:${req.serviceAccountName}`,
  };
  const header = { alg: 'RS256', kid: base64UrlEncode(hashBytes(ISSUER, 32)) };
  const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
  // RS256 with a 2048-bit key: 256 signature bytes
  return `${signingInput}.${base64UrlEncode(hashBytes(signingInput, 256))}`;
}

function encodeJson(v: unknown): string {
  return base64UrlEncode(utf8Encode(JSON.stringify(v)));
}

/** `n` bytes derived from `text` (FNV-1a seed, xorshift32 stream): stable, not cryptographic. */
function hashBytes(text: string, n: number): number[] {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const out: number[] = [];
  let x = h || 1;
  while (out.length < n) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out.push(x & 0xff);
  }
  return out;
}

function uuidFrom(b: number[]): string {
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
