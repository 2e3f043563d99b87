// Per-kind rules the API server applies around the store, like pkg/registry/<group>/<kind>/strategy.go:
// defaults → admission → validation → prepareForCreate/Update → graceful delete.
import type { Clock } from '../clock';
import type { SeededRandom } from '../../shared/random';
import type { KubeObject } from '../api/types';
import type { FieldError } from '../errors';
import type { ApiStore } from '../store/store';

export interface RegistryContext {
  clock: Clock;
  random: SeededRandom;
  store: ApiStore;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** A subresource with its own update rules (pods/ephemeralcontainers): PUT and PATCH go through it. */
export interface SubresourceStrategy {
  /** PrepareForUpdate: keep from `old` whatever this subresource may not change. */
  prepareForUpdate(obj: KubeObject, old: KubeObject, ctx: RegistryContext): void;
  validateUpdate(obj: KubeObject, old: KubeObject, ctx: RegistryContext): FieldError[];
}

/** The subresources the store routes to a strategy (status has its own path). */
export type StrategySubresource = 'ephemeralcontainers';

export interface Strategy {
  /** SetDefaults_<Kind>: fill defaulted fields in place (runs on create and update). */
  defaults?(obj: KubeObject, ctx: RegistryContext): void;
  /** Mutating admission on create (ServiceAccount, DefaultTolerationSeconds, Priority, ...). */
  admit?(obj: KubeObject, ctx: RegistryContext): void;
  /** Validate<Kind>: every field error with its path. */
  validate?(obj: KubeObject, ctx: RegistryContext): FieldError[];
  /** PrepareForCreate: clear what a client may not set (status for most kinds). */
  prepareForCreate?(obj: KubeObject, ctx: RegistryContext): void;
  /** PrepareForUpdate: carry over what the main endpoint may not change. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: RegistryContext): void;
  /** Validate<Kind>Update: immutability rules. */
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: RegistryContext): FieldError[];
  /** WarningsOnCreate: `Warning:` lines for an accepted object (duplicate ports, ...). */
  warningsOnCreate?(obj: KubeObject): string[];
  /** Validate a status write (rarely needed). */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: RegistryContext): FieldError[];
  /**
   * CheckGracefulDelete: the grace period in seconds this delete gets. 0 (or undefined strategy)
   * removes the object at once; > 0 sets deletionTimestamp and leaves removal to a controller.
   */
  gracePeriod?(obj: KubeObject, opts: DeleteOptions, ctx: RegistryContext): number;
  /** Subresources with their own update strategy (upstream: a REST storage per subresource). */
  subresources?: Partial<Record<StrategySubresource, SubresourceStrategy>>;
}
