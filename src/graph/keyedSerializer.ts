/**
 * Runs tasks one at a time per key (a twin id) and concurrently across keys. Within one process
 * this makes writes to a twin strictly ordered, so the store's compare-and-swap only fails when
 * another process (or a change to a neighbouring twin) got in between.
 *
 * A task holds its key until it calls `release` (exactly once; later calls do nothing). Plain
 * callbacks, no promises: on the write path nearly every key is free, and then a task costs one
 * map lookup, insert and delete.
 */
export class KeyedSerializer {
  /** Key → tasks waiting behind the running one (an empty array: running, nobody waiting). */
  private readonly queues = new Map<string, Array<(release: () => void) => void>>();

  run(key: string, task: (release: () => void) => void): void {
    const waiting = this.queues.get(key);
    if (waiting !== undefined) {
      waiting.push(task);
      return;
    }
    this.queues.set(key, []);
    this.start(key, task);
  }

  /** Keys with a task running or queued (for tests and metrics). */
  get size(): number {
    return this.queues.size;
  }

  private start(key: string, task: (release: () => void) => void): void {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.next(key);
    };
    try {
      task(release);
    } catch (error) {
      release();
      throw error;
    }
  }

  private next(key: string): void {
    const waiting = this.queues.get(key);
    const task = waiting?.shift();
    if (task === undefined) {
      this.queues.delete(key);
      return;
    }
    // In a fresh microtask: the releasing task's stack unwinds first, and a long queue never
    // nests its tasks' stacks.
    queueMicrotask(() => this.start(key, task));
  }
}
