// Event strategy (pkg/registry/core/event/strategy.go). Events are written by components through
// the EventRecorder; nothing is defaulted, and ValidateEvent's checks are out of scope.
import type { Strategy } from './strategy';

export const eventStrategy: Strategy = {};
