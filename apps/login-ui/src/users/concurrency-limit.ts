/**
 * A counting semaphore: at most `max` tasks run at once, the others wait their turn in arrival
 * order. PasswordHasher puts one in front of every scrypt call (docs/security-cases.md, case 56).
 *
 * Written here rather than taken from npm: p-limit, the usual choice, is in node_modules only as a
 * dependency of jest and eslint, at 3.1.0 (2020); its current majors are ESM-only, which jest's
 * CommonJS module loader here would need a transform for. What is needed is the 20 lines below.
 */
export class ConcurrencyLimit {
  private active = 0;
  /** Resolvers of the waiting tasks, first come first served. */
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`a concurrency limit must be a whole number from 1, got ${max}`);
    }
  }

  /** Tasks running now (at most `max`). */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a slot is free, and frees the slot when it settles, fulfilled or not. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The slot passes straight to the first waiting task, so a newcomer cannot overtake the queue. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
    } else {
      this.active -= 1;
    }
  }
}
