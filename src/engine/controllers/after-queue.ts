// AddAfter with the delaying queue's deduplication (client-go util/workqueue delaying_queue.go):
// a key already waiting to be added no later than asked is not scheduled again. Also the per-item
// exponential failure backoff of the default controller rate limiter (5 ms doubling to 1000 s).
import type { Clock } from '../clock';
import type { WorkQueue } from './workqueue';

export interface AfterQueueState {
  due: [string, number][];
  failures: [string, number][];
}

// workqueue.DefaultItemBasedRateLimiter: NewItemExponentialFailureRateLimiter(5ms, 1000s)
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000 * 1000;

export class AfterQueue {
  private due = new Map<string, number>();
  private failures = new Map<string, number>();

  constructor(private readonly clock: Clock, private readonly queue: WorkQueue) {}

  addAfter(key: string, delayMs: number): void {
    const now = this.clock.now();
    const at = now + Math.max(0, delayMs);
    const pending = this.due.get(key);
    if (pending !== undefined && pending > now && pending <= at) return;
    if (delayMs <= 0) {
      this.queue.add(key);
      return;
    }
    this.due.set(key, at);
    this.queue.addAfter(key, delayMs);
  }

  /** AddRateLimited: back off exponentially while a key keeps failing. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS));
  }

  /** Forget: the key succeeded, so its backoff starts over. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  snapshot(): AfterQueueState {
    const now = this.clock.now();
    return { due: [...this.due].filter(([, at]) => at > now), failures: [...this.failures] };
  }

  restore(state: AfterQueueState): void {
    this.due = new Map(state.due);
    this.failures = new Map(state.failures);
  }
}
