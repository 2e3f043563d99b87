// Test support: one container of an image in a sandbox (its root filesystem, the kubelet's /etc
// files, the image's ENTRYPOINT + CMD as PID 1) and connections to what it listens on.
import { Sandbox, type SandboxRun } from '../process/sandbox';
import { CommandRegistry, type Connection } from '../process/program';
import type { HttpOutcome, HttpResponse, NetworkStack } from '../commands/network';
import { registerCommands } from '../commands/register';
import { createCommandEnv } from '../commands/system';
import { imageConfigOf, populateImage, registerImagePrograms, type ImageConfig } from '../image-rootfs';
import { containerCredentials, containerWorkingDir } from '../container-user';

export const POD_IP = '10.244.0.5';
export const CLIENT_IP = '10.244.0.1';

export interface ImageBox {
  sb: Sandbox;
  config: ImageConfig;
  /** PID 1, once started */
  main?: SandboxRun;
  /** start ENTRYPOINT + CMD (or `command` in place of both, as a pod's command does) */
  start(command?: string[], env?: Record<string, string>): SandboxRun;
  /** run argv to its end like `kubectl exec` (PATH lookup in the image's directories) */
  exec(argv: string[]): { out: string; err: string; code: number | undefined };
  /** one connection to the pod's port (a request unless `tcpOnly`) */
  connect(port: number, path?: string, opts?: { method?: string; headers?: [string, string][]; tcpOnly?: boolean; host?: string }): HttpOutcome | undefined;
  /** the response of a GET (fails the test when there is none) */
  get(port: number, path?: string, opts?: { method?: string; headers?: [string, string][]; host?: string }): HttpResponse;
}

const SANDBOX_FILES = ['echo', 'printf', 'cat', 'true', 'false', 'test', '[', 'date', 'sleep', 'sh', 'bash', 'dash', 'ash'];

export function imageBox(image: string, opts: { seed?: number; start?: number; network?: NetworkStack } = {}): ImageBox {
  const resolved = imageConfigOf(image);
  if (!resolved) throw new Error(`no image config for ${image}`);
  const config = resolved.config;
  const registry = registerCommands(new CommandRegistry(), createCommandEnv({ network: opts.network }));
  registerImagePrograms(registry);
  const sb = new Sandbox({ registry, seed: opts.seed, start: opts.start ?? Date.UTC(2026, 10, 21, 12, 0, 0) });
  for (const f of SANDBOX_FILES) sb.fs.rm(`/bin/${f}`, { force: true });
  populateImage(sb.fs, config);
  sb.fs.writeFile('/etc/hostname', 'web\n');
  sb.fs.writeFile('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n${POD_IP}\tweb\n`);
  const env: Record<string, string> = { ...config.env, HOSTNAME: 'web', HOME: '/root' };
  // the image's USER and WORKDIR, as the runtime gives them to a pod without a securityContext
  const cred = containerCredentials(sb.fs, undefined, { name: 'box' }, config);
  if ('error' in cred) throw new Error(cred.error);
  const cwd = containerWorkingDir({ name: 'box' }, config);
  const lookup = (name: string) => (name.includes('/') ? name : ((env.PATH ?? '').split(':').map((d) => `${d}/${name}`).find((p) => sb.fs.exists(p)) ?? name));
  const box: ImageBox = {
    sb, config,
    start(command, extra = {}) {
      const argv = command ?? [...config.entrypoint, ...config.cmd];
      box.main = sb.run(argv, { path: lookup(argv[0]!), env: { ...env, ...extra }, cwd, cred });
      return box.main;
    },
    exec(argv) {
      const r = sb.run(argv, { path: lookup(argv[0]!), env, cwd, cred });
      sb.finish(r, 60_000);
      return { out: r.out, err: r.err, code: r.exit?.code };
    },
    connect(port, path = '/', o = {}) {
      const host = o.host ?? (port === 80 ? POD_IP : `${POD_IP}:${port}`);
      const conn: Connection = {
        localIp: POD_IP, localPort: port, remoteIp: CLIENT_IP, remotePort: 40000,
        request: o.tcpOnly ? undefined : { method: o.method ?? 'GET', ip: POD_IP, port, host, path, headers: [['Host', host], ['User-Agent', 'Wget'], ...(o.headers ?? [])] },
      };
      return sb.kernel.serve([sb.ns], conn);
    },
    get(port, path = '/', o = {}) {
      const out = box.connect(port, path, o);
      if (out?.kind !== 'response') throw new Error(`no response: ${JSON.stringify(out)}`);
      return out.response;
    },
  };
  return box;
}

/** A response header's value. */
export function headerOf(r: HttpResponse, name: string): string | undefined {
  return r.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}
