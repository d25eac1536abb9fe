/** Deadlock or serialisation failure: nothing was applied, the group may simply run again. */
const retryable = new Set(["40P01", "40001"]);
const maxAttempts = 5;
/**
 * Group commit for PostgreSQL: the batches handed over while earlier groups are in flight go
 * together in one transaction (`doppel_commit_group`), so a hot twin or a burst of writes pays
 * one WAL flush per group rather than per batch.
 *
 * Order: the graph's write path plans a twin's next change on top of the pending one and hands
 * both over before the first commits, so the store must apply them in hand-over order. Within a
 * group batches apply in order; a batch that touches a twin of a group in flight (or of a batch
 * held back before it) waits for a later group. Batches about other twins may overtake it.
 */
export class GroupCommitter {
    pool;
    lockStore;
    options;
    queue = [];
    busy = new Map();
    inFlight = 0;
    scheduled = false;
    constructor(pool, lockStore, options) {
        this.pool = pool;
        this.lockStore = lockStore;
        this.options = options;
    }
    submit(batch, keys) {
        return new Promise((resolve, reject) => {
            this.queue.push({ batch, keys, resolve, reject });
            if (!this.scheduled) {
                this.scheduled = true;
                // Batches handed over in the same turn of the event loop share a group.
                setImmediate(() => {
                    this.scheduled = false;
                    this.dispatch();
                });
            }
        });
    }
    dispatch() {
        while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
            const group = this.takeGroup();
            if (group.length === 0)
                return;
            void this.run(group);
        }
    }
    /** The next group, in hand-over order, skipping batches that must wait for a group in flight. */
    takeGroup() {
        const blocked = new Set(this.busy.keys());
        const group = [];
        const rest = [];
        for (const item of this.queue) {
            if (group.length < this.options.maxBatches && item.keys.every((key) => !blocked.has(key))) {
                group.push(item);
            }
            else {
                rest.push(item);
                for (const key of item.keys)
                    blocked.add(key);
            }
        }
        this.queue = rest;
        return group;
    }
    async run(group) {
        this.inFlight++;
        const keys = [...new Set(group.flatMap((item) => item.keys))].sort((a, b) => a - b);
        for (const key of keys)
            this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
        try {
            const outcomes = await this.execute(group, keys);
            let lastSeq = 0;
            group.forEach((item, index) => {
                const outcome = outcomes[index];
                if (outcome === undefined)
                    item.reject(new Error("doppel_commit_group answered too few results"));
                else if ("s" in outcome) {
                    lastSeq = Math.max(lastSeq, outcome.s);
                    item.resolve({ ok: true, seq: outcome.s });
                }
                else if ("w" in outcome)
                    item.resolve({ ok: false, failed: { write: outcome.w } });
                else if ("c" in outcome)
                    item.resolve({ ok: false, failed: { check: outcome.c } });
                else
                    item.reject(Object.assign(new Error(outcome.x), { code: outcome.code }));
            });
            if (lastSeq > 0)
                this.options.committed(lastSeq);
        }
        catch (error) {
            for (const item of group)
                item.reject(error);
        }
        finally {
            for (const key of keys) {
                const count = this.busy.get(key) - 1;
                if (count === 0)
                    this.busy.delete(key);
                else
                    this.busy.set(key, count);
            }
            this.inFlight--;
            this.dispatch();
        }
    }
    async execute(group, keys) {
        const batches = `[${group.map((item) => item.batch).join(",")}]`;
        for (let attempt = 1;; attempt++) {
            try {
                const { rows } = await this.pool.query({
                    name: "doppel_commit_group",
                    text: "SELECT doppel_commit_group($1::jsonb, $2::jsonb, $3) AS r",
                    values: [batches, JSON.stringify(keys), this.lockStore],
                });
                return JSON.parse(rows[0].r);
            }
            catch (error) {
                const code = error.code;
                if (code === undefined || !retryable.has(code) || attempt >= maxAttempts)
                    throw error;
            }
        }
    }
}
//# sourceMappingURL=groupCommitter.js.map