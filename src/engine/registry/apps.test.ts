import { describe, expect, it } from 'vitest';
import { newTestContext } from '../controllers/testing';
import { failure } from './testing';
import type { StoredDeployment } from '../api/types';

const deploy = (name: string, labels: Record<string, string>, selector: Record<string, string> | undefined, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    ...(selector ? { selector: { matchLabels: selector } } : {}),
    template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    ...extra,
  },
});

describe('Deployment strategy', () => {
  it('fills the apps/v1 defaults and the pod template defaults', () => {
    const { store } = newTestContext();
    const d = store.create('deployments', deploy('web', { app: 'web' }, { app: 'web' })) as StoredDeployment;
    expect(d.spec!.replicas).toBe(1);
    expect(d.spec!.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec!.revisionHistoryLimit).toBe(10);
    expect(d.spec!.progressDeadlineSeconds).toBe(600);
    const t = d.spec!.template;
    expect(t.metadata!.creationTimestamp).toBeNull();
    expect(t.spec!.restartPolicy).toBe('Always');
    expect(t.spec!.dnsPolicy).toBe('ClusterFirst');
    expect(t.spec!.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    expect(d.metadata.generation).toBe(1);
  });

  it('requires a selector that matches the template labels (Go %#v value)', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('deployments', deploy('web', { app: 'web' }, undefined))).message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Required value',
    );
    expect(failure(() => store.create('deployments', deploy('web', { app: 'x', tier: 'fe' }, { app: 'web' }))).message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"fe"}: `selector` does not match template `labels`',
    );
    expect(failure(() => store.create('deployments', deploy('web', { app: 'web' }, {}))).message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });

  it('keeps the selector immutable', () => {
    const { store } = newTestContext();
    store.create('deployments', deploy('web', { app: 'web' }, { app: 'web' }));
    const err = failure(() => store.update('deployments', deploy('web', { app: 'v2' }, { app: 'v2' })));
    expect(err.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"v2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('rejects a restart policy other than Always and bad rolling-update values', () => {
    const { store } = newTestContext();
    const d = deploy('web', { app: 'web' }, { app: 'web' });
    (d.spec.template.spec as Record<string, unknown>).restartPolicy = 'Never';
    expect(failure(() => store.create('deployments', d)).message).toBe(
      'Deployment.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
    const z = deploy('web', { app: 'web' }, { app: 'web' }, { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } });
    expect(failure(() => store.create('deployments', z)).message).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    );
  });

  it('validates the pod template with the pod rules', () => {
    const { store } = newTestContext();
    const d = deploy('web', { app: 'web' }, { app: 'web' });
    d.spec.template.spec.containers[0]!.image = '';
    expect(failure(() => store.create('deployments', d)).message).toBe('Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value');
  });
});

describe('ReplicaSet strategy', () => {
  it('defaults replicas to 1 and checks the selector like a Deployment', () => {
    const { store } = newTestContext();
    const rs = store.create('replicasets', deploy('web', { app: 'web' }, { app: 'web' }));
    expect(rs.spec!.replicas).toBe(1);
    expect(failure(() => store.create('replicasets', deploy('x', { app: 'x' }, { app: 'y' }))).message).toBe(
      'ReplicaSet.apps "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
  });
});
