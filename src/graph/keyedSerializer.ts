/**
 * Runs tasks one at a time per key (a twin id) and concurrently across keys. Within one process
 * this makes writes to a twin strictly ordered, so the store's compare-and-swap only fails when
 * another process (or a change to a neighbouring twin) got in between.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous === undefined ? task() : previous.then(task, task);
    // The tail settles once the task has, and forgets the key unless a later task took it.
    const forget = () => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail: Promise<void> = result.then(forget, forget);
    this.tails.set(key, tail);
    return result;
  }

  /** Keys with a task running or queued (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
