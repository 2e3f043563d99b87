// Writes controllers make without failing their caller. client-go's recorder drops an event that
// cannot be written (for example into a namespace being terminated; tools/record/event.go), and a
// refused best-effort write (adoption, release, cleanup) is simply retried on the next sync.
import type { EngineContext } from '../cluster/context';
import type { KubeObject } from '../api/types';
import { refTo, type EventType } from '../events';
import { isStatusError } from '../errors';

export function recordEvent(ctx: EngineContext, component: string, obj: KubeObject, type: EventType, reason: string, message: string): void {
  tryWrite(() => ctx.events.event({ component }, refTo(obj), type, reason, message));
}

/** Run a store write; an API refusal (a StatusError) gives undefined, anything else is a bug and throws. */
export function tryWrite<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (isStatusError(e)) return undefined;
    throw e;
  }
}
