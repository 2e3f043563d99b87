import { describe, expect, it } from 'vitest';
import { Clock } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import type { Container, StoredPod } from '../api/types';
import { containerConfigError } from './container-config';

function setup() {
  const store = new ApiStore(new Clock(), new SeededRandom(1));
  store.create('namespaces', { metadata: { name: 'default' } });
  store.create('configmaps', { metadata: { name: 'cm', namespace: 'default' }, data: { level: 'debug' } });
  store.create('secrets', { metadata: { name: 'sec', namespace: 'default' }, data: { password: 'aGVsbG8=' } });
  const pod = { metadata: { name: 'p', namespace: 'default' } } as StoredPod;
  const check = (c: Partial<Container>) => containerConfigError(store, pod, { name: 'c', image: 'busybox', ...c });
  return { check };
}

describe('containerConfigError (kubelet_pods.go makeEnvironmentVariables)', () => {
  it('envFrom: a missing ConfigMap or Secret fails unless optional', () => {
    const { check } = setup();
    expect(check({ envFrom: [{ configMapRef: { name: 'cm' } }, { secretRef: { name: 'sec' } }] })).toBeUndefined();
    expect(check({ envFrom: [{ configMapRef: { name: 'nope' } }] })).toBe('configmap "nope" not found');
    expect(check({ envFrom: [{ secretRef: { name: 'nope' } }] })).toBe('secret "nope" not found');
    expect(check({ envFrom: [{ secretRef: { name: 'nope', optional: true } }] })).toBeUndefined();
  });

  it('key references: the object, then the key, unless optional', () => {
    const { check } = setup();
    const env = (valueFrom: NonNullable<Container['env']>[number]['valueFrom']) => check({ env: [{ name: 'X', valueFrom }] });
    expect(env({ configMapKeyRef: { name: 'cm', key: 'level' } })).toBeUndefined();
    expect(env({ secretKeyRef: { name: 'sec', key: 'password' } })).toBeUndefined();
    expect(env({ configMapKeyRef: { name: 'gone', key: 'level' } })).toBe('configmap "gone" not found');
    expect(env({ secretKeyRef: { name: 'gone', key: 'password' } })).toBe('secret "gone" not found');
    expect(env({ configMapKeyRef: { name: 'cm', key: 'other' } })).toBe("couldn't find key other in ConfigMap default/cm");
    expect(env({ secretKeyRef: { name: 'sec', key: 'user' } })).toBe("couldn't find key user in Secret default/sec");
    expect(env({ secretKeyRef: { name: 'sec', key: 'user', optional: true } })).toBeUndefined();
    expect(env({ configMapKeyRef: { name: 'gone', key: 'level', optional: true } })).toBeUndefined();
  });

  it('stops at the first failing variable; plain values need nothing', () => {
    const { check } = setup();
    expect(check({ env: [
      { name: 'A', value: 'x' },
      { name: 'B', valueFrom: { secretKeyRef: { name: 'sec', key: 'nokey' } } },
      { name: 'C', valueFrom: { configMapKeyRef: { name: 'gone', key: 'k' } } },
    ] })).toBe("couldn't find key nokey in Secret default/sec");
  });
});
