/**
 * Timestamps as ADT writes them: UTC with 7 fractional digits (100 ns ticks) and `Z`, e.g.
 * `2023-01-09T23:20:55.1466343Z`. JavaScript clocks give milliseconds, so the sub-millisecond
 * digits come from the monotonic clock; values from one clock strictly increase, which keeps
 * `lastUpdateTime` ordered even for writes within the same millisecond.
 */
export type Clock = () => string;
export declare function createClock(now?: () => number): Clock;
/** `ms` since the epoch plus `ticks` (100 ns units, 0..9999) within that millisecond. */
export declare function formatTimestamp(ms: number, ticks: number): string;
