/**
 * Runs tasks one at a time per key (a twin id) and concurrently across keys. Within one process
 * this makes writes to a twin strictly ordered, so the store's compare-and-swap only fails when
 * another process (or a change to a neighbouring twin) got in between.
 */
export class KeyedSerializer {
    tails = new Map();
    run(key, task) {
        const previous = this.tails.get(key);
        const result = previous === undefined ? task() : previous.then(task, task);
        const tail = result.then(ignore, ignore);
        this.tails.set(key, tail);
        void tail.then(() => {
            if (this.tails.get(key) === tail)
                this.tails.delete(key);
        });
        return result;
    }
    /** Keys with a task running or queued (for tests and metrics). */
    get size() {
        return this.tails.size;
    }
}
function ignore() { }
//# sourceMappingURL=keyedSerializer.js.map