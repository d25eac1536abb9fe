/** A resettable signal: `wait(ms)` resolves on the next `wake()` or after `ms`, whichever is first. */
export class Wakeup {
    waiters = new Set();
    /** A wake with nobody waiting is remembered, so a commit between two waits is never lost. */
    pending = false;
    wait(ms) {
        if (this.pending) {
            this.pending = false;
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            const done = () => {
                clearTimeout(timer);
                this.waiters.delete(done);
                resolve();
            };
            const timer = setTimeout(done, ms);
            this.waiters.add(done);
        });
    }
    wake() {
        if (this.waiters.size === 0) {
            this.pending = true;
            return;
        }
        for (const done of [...this.waiters])
            done();
    }
}
//# sourceMappingURL=wakeup.js.map