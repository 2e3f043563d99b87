// Event emission for controllers. client-go's recorder never fails its caller: an event that cannot
// be written (for example into a namespace being terminated) is dropped (tools/record/event.go).
import type { EngineContext } from '../cluster/context';
import type { KubeObject } from '../api/types';
import { refTo, type EventType } from '../events';
import { isStatusError } from '../errors';

export function recordEvent(ctx: EngineContext, component: string, obj: KubeObject, type: EventType, reason: string, message: string): void {
  try {
    ctx.events.event({ component }, refTo(obj), type, reason, message);
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}
