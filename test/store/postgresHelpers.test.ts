import { describe, expect, it } from "vitest";
import { fnv1a, routeKey, storeKey, twinKey } from "../../src/store/postgres/advisoryKeys.js";
import { numberPlaceholders } from "../../src/store/postgres/numberPlaceholders.js";
import { isPostgresUrl, parsePostgresUrl, redactUrl } from "../../src/store/postgres/postgresLocation.js";

describe("PostgreSQL store locations", () => {
  it("takes the schema from the URL, defaulting to doppel, and passes the rest to pg", () => {
    expect(parsePostgresUrl("postgres://u@h:5433/db?schema=s1&sslmode=require")).toEqual({
      connectionString: "postgres://u@h:5433/db?sslmode=require",
      schema: "s1",
    });
    expect(parsePostgresUrl("postgresql://h/db")).toEqual({ connectionString: "postgresql://h/db", schema: "doppel" });
    expect(parsePostgresUrl("postgres://h/db?schema=a", "b").schema).toBe("b");
  });

  it("refuses schema names it would have to quote, and URLs that are not PostgreSQL's", () => {
    expect(() => parsePostgresUrl("postgres://h/db?schema=a-b")).toThrow("invalid PostgreSQL schema name 'a-b'");
    expect(() => parsePostgresUrl("postgres://h/db?schema=1a")).toThrow("invalid PostgreSQL schema name '1a'");
    expect(() => parsePostgresUrl("mysql://h/db")).toThrow("not a PostgreSQL URL");
    expect(isPostgresUrl("POSTGRES://h")).toBe(true);
    expect(isPostgresUrl("./data/doppel.db")).toBe(false);
    expect(isPostgresUrl(":memory:")).toBe(false);
  });

  it("never shows a password", () => {
    expect(redactUrl("postgres://user:secret@host/db")).toBe("postgres://user:***@host/db");
    expect(() => parsePostgresUrl("mysql://user:secret@host/db")).toThrow("mysql://user:***@host/db");
  });
});

describe("advisory lock keys", () => {
  it("are stable, and kinds cannot collide", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(storeKey("doppel")).toBe(storeKey("doppel"));
    expect(storeKey("doppel")).not.toBe(storeKey("other"));
    for (const id of ["a", "twin-1", "😀", "x".repeat(300)]) {
      expect(twinKey(id)).toBeGreaterThanOrEqual(0);
      expect(twinKey(id)).toBeLessThan(0x10000000);
      expect(routeKey(id)).toBeGreaterThanOrEqual(0x10000000);
      expect(routeKey(id)).toBeLessThan(0x20000000);
    }
  });
});

describe("placeholder numbering", () => {
  it("numbers question marks outside literals and comments", () => {
    expect(numberPlaceholders("a = ? AND b IN (?, ?)", 2)).toBe("a = $2 AND b IN ($3, $4)");
    expect(numberPlaceholders("x = '?' AND \"q?\" = ? -- why?\n AND y = 'it''s ?' AND z = ?")).toBe(
      "x = '?' AND \"q?\" = $1 -- why?\n AND y = 'it''s ?' AND z = $2",
    );
  });
});
