// A deduplicating work queue driven by the virtual clock, like client-go's workqueue:
// a key added many times before it is processed is processed once. Processing happens in a
// clock task, never inside the store write that triggered it, so controllers see settled state.
import type { Clock } from '../clock';

export interface WorkQueueState {
  keys: string[];
}

export class WorkQueue {
  private keys = new Set<string>();
  private scheduled = false;
  private readonly target: string;
  private readonly delayedTarget: string;

  /**
   * @param name unique queue name; registers clock handlers `queue/<name>` and `queue/<name>/after`
   * @param process called once per key, in the order keys were first added
   */
  constructor(private readonly clock: Clock, name: string, private readonly process: (key: string) => void) {
    this.target = `queue/${name}`;
    this.delayedTarget = `queue/${name}/after`;
    clock.register(this.target, () => this.drain());
    clock.register(this.delayedTarget, (key: string) => this.add(key));
  }

  add(key: string): void {
    this.keys.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      this.clock.schedule(0, this.target);
    }
  }

  /** Add the key after `delayMs` of virtual time (AddAfter). Returns the timer id. */
  addAfter(key: string, delayMs: number): number {
    if (delayMs <= 0) {
      this.add(key);
      return -1;
    }
    return this.clock.schedule(delayMs, this.delayedTarget, key);
  }

  get length(): number {
    return this.keys.size;
  }

  snapshot(): WorkQueueState {
    return { keys: [...this.keys] };
  }

  /** Restore pending keys. The clock snapshot already holds the scheduled drain task. */
  restore(state: WorkQueueState): void {
    this.keys = new Set(state.keys);
    this.scheduled = this.keys.size > 0;
  }

  private drain(): void {
    this.scheduled = false;
    // Keys added while draining are picked up by this loop (Set iteration sees them).
    for (const key of this.keys) {
      this.keys.delete(key);
      this.process(key);
    }
  }
}
