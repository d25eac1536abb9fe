/**
 * Buffers audit entries and writes them in one transaction every `flushMs`, so auditing a write
 * costs a fraction of a durable commit instead of one of its own. `flush()` runs before the admin
 * API reads the log and when the server closes.
 */
export class AuditRecorder {
    store;
    options;
    pending = [];
    timer = null;
    flushing = Promise.resolve();
    lastPrune = 0;
    constructor(store, options) {
        this.store = store;
        this.options = options;
    }
    get enabled() {
        return this.options.enabled;
    }
    record(entry) {
        if (!this.options.enabled)
            return;
        this.pending.push(entry);
        if (this.pending.length >= 500) {
            void this.flush();
        }
        else if (!this.timer) {
            this.timer = setTimeout(() => void this.flush(), this.options.flushMs ?? 100);
            this.timer.unref();
        }
    }
    flush() {
        if (this.timer) {
            clearTimeout(this.timer);
            this.timer = null;
        }
        const batch = this.pending;
        this.pending = [];
        this.flushing = this.flushing.then(() => this.write(batch));
        return this.flushing;
    }
    async write(batch) {
        try {
            await this.store.appendAudit(batch);
            const now = Date.now();
            if (this.options.retentionDays > 0 && now - this.lastPrune > 3_600_000) {
                this.lastPrune = now;
                await this.store.pruneAudit(new Date(now - this.options.retentionDays * 86_400_000).toISOString());
            }
        }
        catch (error) {
            this.options.onError?.(error);
        }
    }
}
//# sourceMappingURL=auditRecorder.js.map