/**
 * Upload times in ADT's format, `2023-01-09T23:20:55.0234569+00:00`: seven fractional digits
 * and an explicit `+00:00`. Wall-clock milliseconds come from `Date.now()`; the sub-millisecond
 * digits from the high-resolution clock, so models uploaded together get distinct, increasing
 * times like ADT's.
 */
export type UploadClock = () => string;
export declare function createUploadClock(now?: () => number): UploadClock;
/** Formats a count of 100 ns ticks since the Unix epoch. */
export declare function formatUploadTime(ticks: bigint): string;
