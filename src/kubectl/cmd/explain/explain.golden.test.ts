import { describe, expect, it } from 'vitest';
import { withRealKubectl } from '../../testing/real-kubectl';
import { testKubectl } from '../../testing-env';

// The real kubectl v1.32 reads the OpenAPI v3 documents the loopback server builds from the
// same generated schema; its plaintext template must render what ours renders.
describe('kubectl explain against the real kubectl v1.32 on the same schema', () => {
  it.each([
    'explain pods',
    'explain pods.spec',
    'explain pods.spec.restartPolicy',
    'explain pods.spec.containers.livenessProbe',
    'explain pods.spec.containers --recursive',
    'explain pods.metadata.labels',
    'explain pods.spec.containers.resources.limits',
    'explain deployments.apps.spec.template',
    'explain deployments --api-version=apps/v1',
    'explain svc.spec.ports.targetPort',
    'explain nodes.status --recursive',
    'explain pods.spec.foo',
    'explain pods.spec.restartPolicy.x.y',
    'explain foo',
    'explain pods --api-version=apps/v1',
    'explain deployments --api-version=apps/v2',
    'explain po.spec.containers.ports.',
    'explain pods --recursive',
    'explain deploy.apps.spec.replicas',
    'explain pods.metrics.k8s.io',
    'explain pvc.spec.resources.requests',
    'explain nodes.metrics.k8s.io.foo',
    'explain podmetrics',
    'explain pods.foo --api-version=metrics.k8s.io/v1beta1',
    'explain pods --api-version=v2',
    'explain deployments.apps --api-version=apps/v1',
    'explain configmaps.data',
    'explain secrets --recursive',
    'explain sc',
    'explain endpointslices.endpoints',
    'explain pods.spec.restartPolicy -o plaintext',
    'explain pods -o foo',
    'explain pods --api-version=apps',
  ])(
    'kubectl %s',
    async (cmd: string) => {
      const args = cmd.split(' ');
      const k = testKubectl();
      const ours = await k.run(args);
      await withRealKubectl(k.cluster, async (kubectl) => {
        const real = await kubectl(args);
        expect(ours.stdout).toBe(real.stdout);
        expect(ours.stderr).toBe(real.stderr);
        expect(ours.code).toBe(real.code);
      }, { openapi: true });
    },
    30_000,
  );
});
