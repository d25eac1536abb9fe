/**
 * Timestamps as ADT writes them: UTC with 7 fractional digits (100 ns ticks) and `Z`, e.g.
 * `2023-01-09T23:20:55.1466343Z`. JavaScript clocks give milliseconds, so the sub-millisecond
 * digits come from the monotonic clock; values from one clock strictly increase, which keeps
 * `lastUpdateTime` ordered even for writes within the same millisecond.
 */
export type Clock = () => string;

export function createClock(now: () => number = Date.now): Clock {
  let lastMs = 0;
  let lastTicks = -1; // 100 ns ticks within lastMs, 0..9999
  return () => {
    let ms = now();
    // The fraction of a millisecond of the monotonic clock, in 100 ns ticks (no BigInt needed).
    let ticks = Math.floor((performance.now() % 1) * 10_000);
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

let cachedSecond = Number.NaN;
let cachedPrefix = "";

/** `ms` since the epoch plus `ticks` (100 ns units, 0..9999) within that millisecond. */
export function formatTimestamp(ms: number, ticks: number): string {
  // Writes come many to a second: format the date and time once a second, the rest by hand.
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20); // 2023-01-09T23:20:55.
    cachedSecond = second;
  }
  const fraction = (ms - second * 1000) * 10_000 + ticks; // 0..9_999_999, 100 ns units
  return `${cachedPrefix}${pad7(fraction)}Z`;
}

function pad7(n: number): string {
  const digits = String(n);
  return digits.length >= 7 ? digits : "0000000".slice(digits.length) + digits;
}
