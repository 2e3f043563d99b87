import { describe, expect, it } from 'vitest';
import { RESOURCES, apiVersionOf, lookupResource, resourceForKind } from './resources';

describe('resources (discovery)', () => {
  it.each([
    ['pods', 'pods'], ['pod', 'pods'], ['po', 'pods'], ['Pod', 'pods'], ['PODS', 'pods'],
    ['deploy', 'deployments'], ['deployments.apps', 'deployments'], ['deployment.apps', 'deployments'],
    ['rs', 'replicasets'], ['svc', 'services'], ['ep', 'endpoints'], ['pvc', 'persistentvolumeclaims'],
    ['pv', 'persistentvolumes'], ['sc', 'storageclasses'], ['cm', 'configmaps'], ['sa', 'serviceaccounts'],
    ['ns', 'namespaces'], ['no', 'nodes'], ['ev', 'events'], ['endpointslices.discovery.k8s.io', 'endpointslices'],
    ['lease', 'leases'], ['Lease', 'leases'], ['leases.coordination.k8s.io', 'leases'], ['lease.coordination.k8s.io', 'leases'],
  ])('%s resolves to %s', (typed, resource) => {
    expect(lookupResource(typed)?.resource).toBe(resource);
  });

  it('does not resolve unknown names', () => {
    expect(lookupResource('pdos')).toBeUndefined();
    expect(lookupResource('deployments.extensions')).toBeUndefined();
  });

  it('knows scope and API versions as the real discovery documents say', () => {
    expect(RESOURCES.filter((r) => !r.namespaced).map((r) => r.resource).sort()).toEqual(['namespaces', 'nodes', 'persistentvolumes', 'storageclasses']);
    expect(apiVersionOf(resourceForKind('Deployment')!)).toBe('apps/v1');
    expect(apiVersionOf(resourceForKind('StorageClass')!)).toBe('storage.k8s.io/v1');
    expect(apiVersionOf(resourceForKind('Pod')!)).toBe('v1');
    expect(apiVersionOf(resourceForKind('Lease')!)).toBe('coordination.k8s.io/v1');
    expect(resourceForKind('Lease')).toMatchObject({ namespaced: true, shortNames: [], statusSubresource: false });
  });
});
