export function createClock(now = Date.now) {
    let lastMs = 0;
    let lastTicks = -1; // 100 ns ticks within lastMs, 0..9999
    return () => {
        let ms = now();
        let ticks = Number((process.hrtime.bigint() / 100n) % 10000n);
        if (ms < lastMs || (ms === lastMs && ticks <= lastTicks)) {
            ms = lastMs;
            ticks = lastTicks + 1;
            if (ticks > 9_999) {
                ms += 1;
                ticks = 0;
            }
        }
        lastMs = ms;
        lastTicks = ticks;
        return formatTimestamp(ms, ticks);
    };
}
/** `ms` since the epoch plus `ticks` (100 ns units, 0..9999) within that millisecond. */
export function formatTimestamp(ms, ticks) {
    const iso = new Date(ms).toISOString(); // 2023-01-09T23:20:55.146Z
    return `${iso.slice(0, 23)}${String(ticks).padStart(4, "0")}Z`;
}
//# sourceMappingURL=clock.js.map