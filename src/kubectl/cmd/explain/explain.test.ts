import { describe, expect, it } from 'vitest';
import { testKubectl } from '../../testing-env';
import { indent, wrap } from './plaintext';

describe('kubectl explain', () => {
  it('prints a field with its enum and wrapped description (seed 004, plus the 1.32 ENUM block)', async () => {
    const r = await testKubectl().run('explain pods.spec.restartPolicy');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\n' +
        'DESCRIPTION:\n' +
        '    Restart policy for all containers within the pod. One of Always, OnFailure,\n' +
        '    Never. In some contexts, only a subset of those values may be permitted.\n' +
        '    Default to Always. More info:\n' +
        '    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n' +
        '    \n    Possible enum values:\n     - `"Always"`\n     - `"Never"`\n     - `"OnFailure"`\n    \n\n',
    );
  });

  it('describes a kind and lists its fields with types and -required-', async () => {
    const r = await testKubectl().run('explain pods');
    expect(r.stdout.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers')).toBe(true);
    expect(r.stdout).toContain('FIELDS:\n  apiVersion\t<string>\n    APIVersion defines');
    expect(r.stdout).toContain('\n  metadata\t<ObjectMeta>\n');
    expect(r.stdout).toContain('\n  spec\t<PodSpec>\n');
    const spec = await testKubectl().run('explain pods.spec');
    expect(spec.stdout).toContain('FIELD: spec <PodSpec>\n\n\nDESCRIPTION:\n');
    expect(spec.stdout).toContain('\n  containers\t<[]Container> -required-\n');
    expect(spec.stdout).toContain('\n  nodeSelector\t<map[string]string>\n');
    expect(spec.stdout).toContain('\n  dnsPolicy\t<string>\n  enum: ClusterFirst, ClusterFirstWithHostNet, Default, None\n');
  });

  it('follows arrays and references along the path, and prints GROUP for named groups', async () => {
    const k = testKubectl();
    const probe = await k.run('explain pods.spec.containers.livenessProbe');
    expect(probe.stdout).toContain('FIELD: livenessProbe <Probe>\n');
    // the field's own text first, then the referenced type's
    expect(probe.stdout).toMatch(/Periodic probe of container liveness[\s\S]*Probe describes a health check/);
    expect(probe.stdout).toContain('\n  httpGet\t<HTTPGetAction>\n');
    const port = await k.run('explain po.spec.containers.livenessProbe.httpGet.port');
    expect(port.stdout).toContain('FIELD: port <IntOrString>\n');
    const dep = await k.run('explain deployments.apps.spec.replicas');
    expect(dep.stdout.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n')).toBe(true);
    const quantity = await k.run('explain pods.spec.containers.resources');
    expect(quantity.stdout).toContain('\n  limits\t<map[string]Quantity>\n');
  });

  it('prints the field tree with --recursive, two spaces a level, no descriptions', async () => {
    const r = await testKubectl().run('explain pods.spec.containers.livenessProbe --recursive');
    expect(r.stdout).toContain('FIELDS:\n  exec\t<ExecAction>\n    command\t<[]string>\n  failureThreshold\t<integer>\n');
    expect(r.stdout).toContain('\n  httpGet\t<HTTPGetAction>\n    host\t<string>\n    httpHeaders\t<[]HTTPHeader>\n      name\t<string> -required-\n');
    expect(r.stdout).toContain('\n    scheme\t<string>\n    enum: HTTP, HTTPS\n');
    expect(r.stdout).not.toContain('Exec specifies');
  });

  it('honours --api-version when it is the resource\'s own', async () => {
    const k = testKubectl();
    expect((await k.run('explain deployments --api-version=apps/v1')).stdout).toContain('KIND:       Deployment\n');
    const other = await k.run('explain pods --api-version=apps/v1');
    expect(other.stderr).toBe('error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n');
    const unknown = await k.run('explain deployments --api-version=apps/v2');
    expect(unknown.stderr).toBe('error: couldn\'t find resource for "apps/v2, Resource=deployments"\n');
  });

  it('fails as kubectl does on bad input', async () => {
    const k = testKubectl();
    const cases: [string, string][] = [
      ['explain pods.spec.foo', 'error: field "foo" does not exist\n'],
      // the template names the last path element, wherever the walk stopped
      ['explain pods.spec.restartPolicy.x.y', 'error: field "y" does not exist\n'],
      // [REAL] kubectl v1.32 (client-side)
      ['explain', 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n'],
      ['explain a b', 'error: We accept only this format: explain RESOURCE\n'],
      ['explain foo.spec', 'the server doesn\'t have a resource type "foo"\n'],
    ];
    for (const [cmd, err] of cases) {
      const r = await k.run(cmd);
      // the header is already out when the field path fails
      expect(r.stdout).toBe(cmd.startsWith('explain pods') ? 'KIND:       Pod\nVERSION:    v1\n\n' : '');
      expect(r.stderr).toBe(err);
      expect(r.code).toBe(1);
    }
  });
});

describe('explain text helpers', () => {
  it('wraps at spaces, keeps newlines, never splits a long word', () => {
    expect(wrap(10, 'aaa bbb ccc ddd')).toBe('aaa bbb\nccc ddd');
    expect(wrap(10, 'one\ntwo three four')).toBe('one\ntwo three\nfour');
    expect(wrap(5, 'https://example.com/x y')).toBe('https://example.com/x\ny');
  });

  it('indents every line, blank ones too', () => {
    expect(indent(2, 'a\n\nb\n')).toBe('  a\n  \n  b\n  ');
  });
});
