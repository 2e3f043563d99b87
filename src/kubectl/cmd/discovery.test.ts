import { describe, expect, it } from 'vitest';
import { withRealKubectl } from '../testing/real-kubectl';
import { testKubectl } from '../testing-env';

describe('kubectl api-resources / api-versions (against the real kubectl v1.32 on the same discovery)', () => {
  it.each([['api-resources'], ['api-resources', '--namespaced=false'], ['api-resources', '--api-group=apps'], ['api-resources', '-o', 'name'], ['api-resources', '--sort-by=kind'], ['api-versions']])(
    'kubectl %s',
    async (...args: string[]) => {
      const k = testKubectl();
      const ours = await k.run(args);
      await withRealKubectl(k.cluster, async (kubectl) => {
        const real = await kubectl(args);
        expect(ours.stdout).toBe(real.stdout);
        expect(ours.code).toBe(real.code);
      });
    },
    30_000,
  );
});

describe('kubectl config and cluster-info', () => {
  it('changes the namespace of the current context, which later commands use', async () => {
    const k = testKubectl();
    expect((await k.run('config current-context')).stdout).toBe('minikube\n');
    expect((await k.run('config get-contexts')).stdout).toBe('CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         minikube   minikube   minikube   default\n');
    expect((await k.run('config set-context --current --namespace=kube-system')).stdout).toBe('Context "minikube" modified.\n');
    expect((await k.run(['config', 'view', '--minify', '-o', 'jsonpath={..namespace}'])).stdout).toBe('kube-system');
    const pods = await k.run('get pods -o name');
    expect(pods.stdout).toContain('pod/etcd-minikube\n');
    expect((await k.run('config use-context kind')).stderr).toBe('error: no context exists with the name: "kind"\n');
  });

  it('prints cluster-info with the CoreDNS service link, in kubectl colours', async () => {
    const r = await testKubectl().run('cluster-info');
    expect(r.stdout).toBe(
      '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://192.168.49.2:8443\x1b[0m\n' +
        '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://192.168.49.2:8443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n' +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });
});
