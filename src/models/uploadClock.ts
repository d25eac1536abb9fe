/**
 * Upload times in ADT's format, `2023-01-09T23:20:55.0234569+00:00`: seven fractional digits
 * and an explicit `+00:00`. Wall-clock milliseconds come from `Date.now()`; the sub-millisecond
 * digits from the high-resolution clock, so models uploaded together get distinct, increasing
 * times like ADT's.
 */
export type UploadClock = () => string;

const ticksPerMs = 10_000n; // 100 ns ticks, the precision ADT prints

export function createUploadClock(now: () => number = Date.now): UploadClock {
  let last = 0n;
  return () => {
    const subMs = (process.hrtime.bigint() / 100n) % ticksPerMs;
    let ticks = BigInt(now()) * ticksPerMs + subMs;
    if (ticks <= last) ticks = last + 1n;
    last = ticks;
    return formatUploadTime(ticks);
  };
}

/** Formats a count of 100 ns ticks since the Unix epoch. */
export function formatUploadTime(ticks: bigint): string {
  const ms = Number(ticks / ticksPerMs);
  const fraction = (ticks % 10_000_000n).toString().padStart(7, "0");
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}+00:00`;
}
