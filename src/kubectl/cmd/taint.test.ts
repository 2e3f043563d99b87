import { describe, expect, it } from 'vitest';
import { Cluster, type Taint } from '../../engine';
import { testKubectl } from '../testing-env';
import { withRealKubectl } from '../testing/real-kubectl';

const taintsOf = async (cluster: Cluster, node = 'minikube') => ((await cluster.api.get('nodes', undefined, node)).spec as { taints?: Taint[] }).taints;

// the same steps, first through the real kubectl 1.32, then through Podlab's, on twin clusters
const STEPS = [
  'taint nodes minikube dedicated=gpu:NoSchedule',
  'taint nodes minikube dedicated=cpu:NoSchedule',
  'taint nodes minikube dedicated=cpu:NoSchedule --overwrite',
  'taint nodes minikube dedicated:PreferNoSchedule other:NoExecute',
  'taint nodes minikube dedicated:NoSchedule-',
  'taint nodes minikube dedicated:NoSchedule-',
  'taint nodes minikube dedicated- gone- nope:NoSchedule-',
  'taint nodes minikube other-',
  'taint nodes minikube nope missing x=y:NoSchedule',
  'taint pods web x=y:NoSchedule',
  'taint nodes --all -l a=b x=y:NoSchedule',
  'taint nodes x=y:NoSchedule',
  'taint nodes minikube a:NoSchedule a-',
  'taint node -l kubernetes.io/hostname=minikube x=y:NoSchedule -o name',
  'taint nodes --all x-',
];

describe('kubectl taint', () => {
  it('prints and changes what the real kubectl 1.32 does', async () => {
    const real = Cluster.create({ seed: 'taint' });
    const expected: { stdout: string; stderr: string; code: number; taints?: Taint[] }[] = [];
    await withRealKubectl(real, async (kubectl) => {
      for (const s of STEPS) expected.push({ ...(await kubectl(s.split(' '))), taints: await taintsOf(real) });
    });
    const k = testKubectl({ seed: 'taint' });
    for (const [i, s] of STEPS.entries()) {
      const r = await k.run(s);
      expect({ step: s, ...r, taints: await taintsOf(k.cluster) }).toEqual({ step: s, ...expected[i] });
    }
  }, 60_000);

  it('checks the arguments before it talks to the server, with kubectl 1.32 words', async () => {
    const k = testKubectl();
    // [REAL] kubectl v1.32 for each of these
    expect((await k.run('taint')).stderr).toBe('error: one or more resources must be specified as <resource> <name>\n');
    expect((await k.run('taint nodes minikube')).stderr).toBe('error: at least one taint update is required\n');
    expect((await k.run('taint nodes minikube a- bar')).stderr).toBe('error: all resources must be specified before taint changes: bar\n');
    expect((await k.run('taint nodes minikube a=b:Bad')).stderr).toBe("error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
    expect((await k.run('taint nodes minikube a=b=c:NoSchedule')).stderr).toBe("error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubectl taint -h' for help and examples\n");
    expect((await k.run('taint nodes minikube a:NoSchedule a:NoSchedule')).stderr).toBe(
      "error: duplicated taints with the same key and effect: {a  NoSchedule <nil>}\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect((await k.run('taint nodes minikube _a:NoSchedule')).stderr).toBe(
      "error: invalid taint spec: _a:NoSchedule, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(await taintsOf(k.cluster)).toBeUndefined();
  });

  it('leaves the node alone on a client dry run but prints the result', async () => {
    const k = testKubectl();
    expect(await k.run('taint nodes minikube a=b:NoSchedule --dry-run=client')).toEqual({ stdout: 'node/minikube tainted (dry run)\n', stderr: '', code: 0 });
    expect(await taintsOf(k.cluster)).toBeUndefined();
  });
});
