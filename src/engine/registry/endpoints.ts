// Endpoints and EndpointSlice strategies: SetDefaults_Endpoints (pkg/apis/core/v1/defaults.go) and
// SetDefaults_EndpointPort (pkg/apis/discovery/v1/defaults.go). Only names are validated here.
import type { KubeObject, StoredEndpointSlice, StoredEndpoints } from '../api/types';
import type { Strategy } from './strategy';

export const endpointsStrategy: Strategy = {
  defaults(obj) {
    for (const ss of (obj as StoredEndpoints & KubeObject).subsets ?? []) {
      for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
    }
  },
};

export const endpointSliceStrategy: Strategy = {
  defaults(obj) {
    for (const p of (obj as StoredEndpointSlice & KubeObject).ports ?? []) {
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
};
