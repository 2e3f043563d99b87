// Node strategy (pkg/registry/core/node/strategy.go). Nodes have a status subresource: the store
// keeps status on main-endpoint writes, and a new Node keeps the status the kubelet sent.
import type { Strategy } from './strategy';

export const nodeStrategy: Strategy = {};
