// ServiceAccount strategy (pkg/registry/core/serviceaccount/strategy.go): only object meta is
// validated (ValidateServiceAccount), which the store already does.
import type { Strategy } from './strategy';

export const serviceAccountStrategy: Strategy = {};
