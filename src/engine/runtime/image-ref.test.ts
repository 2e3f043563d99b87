import { describe, it, expect } from 'vitest';
import { applyDefaultImageTag, normalizeImageRef, parseNormalizedNamed } from './image-ref';

const HEX64 = 'a'.repeat(32) + '0123456789abcdef0123456789abcdef';

describe('normalizeImageRef', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['library/nginx:alpine', 'docker.io/library/nginx:alpine'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['index.docker.io/bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['gcr.io/kuar-demo/kuard-amd64:1', 'gcr.io/kuar-demo/kuard-amd64:1'],
    ['registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/coredns/coredns:v1.11.3'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/team/app:v2', 'localhost:5000/team/app:v2'],
    [`nginx@sha256:${HEX64}`, `docker.io/library/nginx@sha256:${HEX64}`],
    [`nginx:1.27@sha256:${HEX64}`, `docker.io/library/nginx:1.27@sha256:${HEX64}`],
  ])('%s → %s', (input, want) => {
    const r = normalizeImageRef(input);
    expect(r.ok && r.ref).toBe(want);
  });

  it('takes an upper-case first component for a registry host, as splitDockerDomain does', () => {
    expect(parseNormalizedNamed('myOrg/app')).toEqual({ ok: true, ref: { domain: 'myOrg', path: 'app', tag: '', digest: '' } });
  });

  it('splits registry, path, tag and digest', () => {
    const r = parseNormalizedNamed(`localhost:5000/team/app:v2`);
    expect(r).toEqual({ ok: true, ref: { domain: 'localhost:5000', path: 'team/app', tag: 'v2', digest: '' } });
  });
});

describe('reference errors (distribution/reference, go-digest)', () => {
  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['myorg/App', 'invalid reference format: repository name (myorg/App) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['my image', 'invalid reference format'],
    ['nginx:-bad', 'invalid reference format'],
    [`nginx@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`nginx@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [HEX64, `invalid repository name (${HEX64}), cannot specify 64-byte hexadecimal strings`],
  ])('%s', (input, error) => {
    expect(parseNormalizedNamed(input)).toEqual({ ok: false, error });
  });
});

describe('applyDefaultImageTag (kubelet image_manager.go)', () => {
  it('appends :latest only when there is neither tag nor digest', () => {
    expect(applyDefaultImageTag('nginx')).toEqual({ ok: true, image: 'nginx:latest' });
    expect(applyDefaultImageTag('nginx:1.27')).toEqual({ ok: true, image: 'nginx:1.27' });
    expect(applyDefaultImageTag(`nginx@sha256:${HEX64}`)).toEqual({ ok: true, image: `nginx@sha256:${HEX64}` });
    expect(applyDefaultImageTag('localhost:5000/app')).toEqual({ ok: true, image: 'localhost:5000/app:latest' });
  });

  it('wraps the parse error the way parsers.ParseImageName does', () => {
    expect(applyDefaultImageTag('Nginx')).toEqual({
      ok: false,
      error: 'couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase',
    });
  });
});
