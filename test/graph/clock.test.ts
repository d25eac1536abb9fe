import { describe, expect, it } from "vitest";
import { createClock, formatTimestamp } from "../../src/graph/clock.js";
import { newTraceparent, resolveTraceparent } from "../../src/graph/traceparent.js";

const at = Date.UTC(2023, 0, 9, 23, 20, 55, 146);

describe("formatTimestamp", () => {
  it("writes ADT's 7 fractional digits, padding the ticks", () => {
    expect(formatTimestamp(at, 0)).toBe("2023-01-09T23:20:55.1460000Z");
    expect(formatTimestamp(at, 7)).toBe("2023-01-09T23:20:55.1460007Z");
    expect(formatTimestamp(at, 66)).toBe("2023-01-09T23:20:55.1460066Z");
    expect(formatTimestamp(at, 343)).toBe("2023-01-09T23:20:55.1460343Z");
    expect(formatTimestamp(at, 9999)).toBe("2023-01-09T23:20:55.1469999Z");
  });

  it("formats each millisecond right whatever order they come in (the last one is remembered)", () => {
    expect(formatTimestamp(at + 1, 5)).toBe("2023-01-09T23:20:55.1470005Z");
    expect(formatTimestamp(at, 5)).toBe("2023-01-09T23:20:55.1460005Z");
    expect(formatTimestamp(at + 1000 * 3600 * 24, 5)).toBe("2023-01-10T23:20:55.1460005Z");
    expect(formatTimestamp(at, 5)).toBe("2023-01-09T23:20:55.1460005Z");
  });
});

describe("createClock", () => {
  it("never repeats or goes back, even when the wall clock stands still or steps back", () => {
    const wall = [at, at, at, at - 5, at + 1];
    let i = 0;
    const clock = createClock(() => wall[Math.min(i++, wall.length - 1)]!);
    const stamps = Array.from({ length: 5000 }, () => clock());
    for (let k = 1; k < stamps.length; k++)
      expect(stamps[k]! > stamps[k - 1]!, `${stamps[k - 1]} < ${stamps[k]}`).toBe(true);
    for (const stamp of stamps) expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  });
});

describe("newTraceparent", () => {
  it("makes well-formed, distinct W3C trace contexts that resolveTraceparent keeps", () => {
    const seen = new Set<string>();
    for (let k = 0; k < 1000; k++) {
      const traceparent = newTraceparent();
      expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(resolveTraceparent(traceparent)).toBe(traceparent);
      seen.add(traceparent);
    }
    expect(seen.size).toBe(1000);
  });
});
