const ticksPerMs = 10000n; // 100 ns ticks, the precision ADT prints
export function createUploadClock(now = Date.now) {
    let last = 0n;
    return () => {
        const subMs = (process.hrtime.bigint() / 100n) % ticksPerMs;
        let ticks = BigInt(now()) * ticksPerMs + subMs;
        if (ticks <= last)
            ticks = last + 1n;
        last = ticks;
        return formatUploadTime(ticks);
    };
}
/** Formats a count of 100 ns ticks since the Unix epoch. */
export function formatUploadTime(ticks) {
    const ms = Number(ticks / ticksPerMs);
    const fraction = (ticks % 10000000n).toString().padStart(7, "0");
    return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}+00:00`;
}
//# sourceMappingURL=uploadClock.js.map