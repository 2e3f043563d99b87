import { describe, expect, it } from 'vitest';
import type { Container, Service } from 'kubernetes-types/core/v1';
import { containerArgv, expandVars, serviceEnv } from './container-env';
import { imageConfigOf } from './image-rootfs';

const vars: Record<string, string> = { A: 'one', B: 'two' };
const look = (n: string) => vars[n];

describe('expandVars (expansion.Expand)', () => {
  it('replaces defined $(VAR), keeps undefined ones and unescapes $$', () => {
    expect(expandVars('$(A)-$(B)', look)).toBe('one-two');
    expect(expandVars('$(C) stays', look)).toBe('$(C) stays');
    expect(expandVars('$$(A) is literal, $$ is $', look)).toBe('$(A) is literal, $ is $');
    expect(expandVars('$A and $(A', look)).toBe('$A and $(A');
  });
});

describe('containerArgv', () => {
  const nginx = imageConfigOf('nginx:1.27')!.config;
  const argv = (c: Partial<Container>) => containerArgv({ name: 'c', ...c }, nginx, vars);

  it('uses ENTRYPOINT + CMD without command and args', () => {
    expect(argv({})).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
  });
  it('args replace CMD only', () => {
    expect(argv({ args: ['nginx', '-T'] })).toEqual(['/docker-entrypoint.sh', 'nginx', '-T']);
  });
  it('command replaces ENTRYPOINT and drops CMD', () => {
    expect(argv({ command: ['sleep'] })).toEqual(['sleep']);
    expect(argv({ command: ['echo'], args: ['$(A)', '$(Z)'] })).toEqual(['echo', 'one', '$(Z)']);
  });
});

describe('image configs', () => {
  it('resolves families by repository and alpine tags', () => {
    expect(imageConfigOf('busybox')!.config.cmd).toEqual(['sh']);
    expect(imageConfigOf('nginx:1.27-alpine')!.config.family).toBe('nginx-alpine');
    expect(imageConfigOf('docker.io/library/nginx:latest')!.config.family).toBe('nginx');
    expect(imageConfigOf('quay.io/nobody/nothing')).toBeUndefined();
  });
});

describe('serviceEnv (envvars.FromServices)', () => {
  it('writes the docker-link style variables for each port', () => {
    const svc: Service = { metadata: { name: 'my-web' }, spec: { clusterIP: '10.96.12.3', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } };
    expect(serviceEnv([svc])).toEqual([
      ['MY_WEB_SERVICE_HOST', '10.96.12.3'],
      ['MY_WEB_SERVICE_PORT', '80'],
      ['MY_WEB_SERVICE_PORT_HTTP', '80'],
      ['MY_WEB_PORT', 'tcp://10.96.12.3:80'],
      ['MY_WEB_PORT_80_TCP', 'tcp://10.96.12.3:80'],
      ['MY_WEB_PORT_80_TCP_PROTO', 'tcp'],
      ['MY_WEB_PORT_80_TCP_PORT', '80'],
      ['MY_WEB_PORT_80_TCP_ADDR', '10.96.12.3'],
    ]);
  });
  it('skips headless services', () => {
    expect(serviceEnv([{ metadata: { name: 'h' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } }])).toEqual([]);
  });
});
