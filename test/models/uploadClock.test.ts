import { describe, expect, it } from "vitest";
import { createUploadClock, formatUploadTime } from "../../src/models/uploadClock.js";

describe("upload clock", () => {
  it("formats 100 ns ticks like ADT's uploadTime", () => {
    // 2023-01-09T23:20:55.0234569Z as ticks since the epoch.
    const ticks = BigInt(Date.parse("2023-01-09T23:20:55.023Z")) * 10_000n + 4569n;
    expect(formatUploadTime(ticks)).toBe("2023-01-09T23:20:55.0234569+00:00");
    expect(formatUploadTime(0n)).toBe("1970-01-01T00:00:00.0000000+00:00");
  });

  it("gives strictly increasing times even when the wall clock stands still", () => {
    const clock = createUploadClock(() => Date.parse("2024-05-01T10:00:00.000Z"));
    const times = Array.from({ length: 50 }, () => clock());
    for (const time of times) expect(time).toMatch(/^2024-05-01T10:00:00\.\d{7}\+00:00$/);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
  });

  it("follows the wall clock", () => {
    let now = Date.parse("2024-05-01T10:00:00.000Z");
    const clock = createUploadClock(() => now);
    const first = clock();
    now += 1500;
    expect(clock().slice(0, 23)).toBe("2024-05-01T10:00:01.500");
    expect(first.slice(0, 20)).toBe("2024-05-01T10:00:00.");
  });
});
