import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { authOptionsFromCli } from "../../src/auth/authCliOptions.js";
import type { AuthOptions } from "../../src/auth/authOptions.js";
import { postgresMigrations } from "../../src/store/postgres/postgresSchema.js";
import { sqliteMigrations } from "../../src/store/sqlite/schema.js";
import { fileStoreOptions } from "../models/support.js";
import { openPostgresTestStore, postgresTestUrl, randomSchema } from "../store/support/postgresTestStore.js";
import { requireService } from "../support/services.js";
import type { TestServer } from "../support/testServer.js";
import {
  bearer,
  createTestIdp,
  type SocketRequest,
  secureAuthOptions,
  sendFrom,
  type TestIdp,
  withServer,
} from "./authSupport.js";

/**
 * The audit log records the client's address: the TCP peer, or behind a trusted proxy
 * (`--trust-proxy`) the client it forwards, exactly as the per-address limits resolve it. Over
 * real TLS sockets from chosen loopback addresses (127.0.0.1 or .2 play the proxy or a direct
 * client); forwarded addresses are only text in the headers. The server binds 127.0.0.1 only, so
 * Node reports IPv4 peers as such (not `::ffff:`-mapped).
 */

const v = "?api-version=2023-10-31";

const xff = (value: string) => ({ "x-forwarded-for": value });

/** `--auth-config <file> --trust-proxy <list>`, as `doppel serve` reads them (the file removed after). */
function cliOptions(idp: TestIdp, trustProxy: string, extra: Partial<AuthOptions> = {}): AuthOptions {
  const dir = mkdtempSync(join(tmpdir(), "doppel-audit-client-"));
  try {
    const config = join(dir, "auth.json");
    writeFileSync(config, JSON.stringify(secureAuthOptions(idp, extra)));
    return authOptionsFromCli({ "auth-config": config, "trust-proxy": trustProxy });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A denied write (a reader may not create twins): audited, changes nothing. */
const deniedWrite = (id: string, reader: Record<string, string>, headers: Record<string, string> = {}, from?: string) =>
  ({
    method: "PUT",
    path: `/digitaltwins/${id}${v}`,
    headers: { ...reader, ...headers },
    body: { $metadata: { $model: "dtmi:none:X;1" } },
    ...(from === undefined ? {} : { from }),
  }) satisfies SocketRequest;

/** The audit entry `deniedWrite` leaves, from `clientAddress`. */
const deniedEntry = (id: string, clientAddress: string | null) => ({
  principal: "bob",
  clientAddress,
  action: "Microsoft.DigitalTwins/digitaltwins/write",
  method: "PUT",
  path: `/digitaltwins/${id}`,
  route: "PUT /digitaltwins/{}",
  twinId: id,
  status: 403,
  outcome: "denied",
  detail: null,
});

/**
 * The whole answer of `GET /admin/audit<query>` (from 127.0.0.1, also to a server listening on
 * `::`), each entry's `at` checked (recent) and left out.
 */
async function auditPage(t: TestServer, admin: Record<string, string>, query = "") {
  const res = await sendFrom(t, { path: `/admin/audit${query}`, headers: admin });
  expect(res.status, res.text).toBe(200);
  const body = JSON.parse(res.text);
  const value = body.value.map(({ at, ...rest }: { at: string }) => {
    expect(Date.parse(at)).toBeGreaterThan(Date.now() - 60_000);
    return rest;
  });
  return { ...body, value };
}

/** The entries after `after`, without their `seq` (checked to increase) and `at`. */
async function entriesAfter(t: TestServer, admin: Record<string, string>, after: number) {
  const page = await auditPage(t, admin, `?after=${after}&limit=1000`);
  let last = after;
  return page.value.map(({ seq, ...rest }: { seq: number }) => {
    expect(seq).toBeGreaterThan(last);
    last = seq;
    return rest;
  });
}

const postgresAvailable = await requireService("postgres", "audit log upgrade on PostgreSQL");

let idp: TestIdp;
let admin: Record<string, string>;
let reader: Record<string, string>;

beforeAll(async () => {
  idp = await createTestIdp();
  admin = bearer(await idp.sign({ sub: "alice", groups: ["owners"] }));
  reader = bearer(await idp.sign({ sub: "bob", groups: ["readers"] }));
});

describe("the audit log records the client's address", () => {
  it("of a direct client: the TCP peer as Node reports it, whatever forwarded headers it sends", async () => {
    await withServer({ auth: secureAuthOptions(idp) }, async (t) => {
      expect(t.server.services.auth.proxies).toBeNull();
      expect((await sendFrom(t, deniedWrite("direct-1", reader))).status).toBe(403);
      const spoofed = { ...xff("203.0.113.7"), forwarded: "for=203.0.113.8" };
      expect((await sendFrom(t, deniedWrite("direct-2", reader, spoofed, "127.0.0.2"))).status).toBe(403);
      const created = await sendFrom(t, {
        method: "POST",
        path: "/admin/keys",
        headers: admin,
        body: { name: "from loopback" },
      });
      expect(created.status).toBe(201);
      // The whole answer of the audit API, seq included (a fresh store numbers from 1).
      const page = await auditPage(t, admin);
      expect(page).toEqual({
        value: [
          { seq: 1, ...deniedEntry("direct-1", "127.0.0.1") },
          { seq: 2, ...deniedEntry("direct-2", "127.0.0.2") },
          {
            seq: 3,
            principal: "alice",
            clientAddress: "127.0.0.1",
            action: "Doppel/apikeys/write",
            method: "POST",
            path: "/admin/keys",
            route: "POST /admin/keys",
            twinId: null,
            status: 201,
            outcome: "success",
            detail: null,
          },
        ],
        nextLink: null,
      });
    });
  });

  it("behind --trust-proxy loopback: the forwarded client, in full (not the /64 the limits count)", async () => {
    await withServer({ auth: cliOptions(idp, "loopback") }, async (t) => {
      expect(t.server.services.auth.rateLimits.enabled).toBe(true);
      const sent: [string, Record<string, string>, string?][] = [
        ["fwd-1", xff("203.0.113.7")],
        // Any address of the range is a proxy.
        ["fwd-2", xff("203.0.113.7"), "127.0.0.2"],
        ["fwd-3", xff("2001:db8::7")],
        ["fwd-4", xff("[2001:db8:0:0:1::8]:443")],
        // X-Forwarded-For is the header the proxies write (the default): a Forwarded header is the client's.
        ["fwd-4b", { forwarded: "for=203.0.113.99" }],
        // The rightmost hop no trusted proxy vouches for; what the client wrote left of it is not read.
        ["fwd-5", xff("198.51.100.66, 203.0.113.9, 127.0.0.5")],
        ["fwd-6", xff("::ffff:203.0.113.10")],
        // No forwarded header, or one that cannot be read: the peer, the proxy itself.
        ["fwd-7", {}],
        ["fwd-8", xff("203.0.113.11, not-an-address")],
      ];
      for (const [id, headers, from] of sent) {
        expect((await sendFrom(t, deniedWrite(id, reader, headers, from))).status).toBe(403);
      }
      expect(await entriesAfter(t, admin, 0)).toEqual([
        deniedEntry("fwd-1", "203.0.113.7"),
        deniedEntry("fwd-2", "203.0.113.7"),
        deniedEntry("fwd-3", "2001:db8::7"),
        // Canonical (RFC 5952), not as the proxy wrote it.
        deniedEntry("fwd-4", "2001:db8::1:0:0:8"),
        deniedEntry("fwd-4b", "127.0.0.1"),
        deniedEntry("fwd-5", "203.0.113.9"),
        deniedEntry("fwd-6", "203.0.113.10"),
        deniedEntry("fwd-7", "127.0.0.1"),
        deniedEntry("fwd-8", "127.0.0.1"),
      ]);
    });
  });

  it("from a peer that is not a trusted proxy: the peer, never the address its headers claim", async () => {
    // Only 127.0.0.2 is the proxy; 127.0.0.1 connects directly and spoofs.
    await withServer({ auth: secureAuthOptions(idp, { rateLimits: { trustProxy: "127.0.0.2" } }) }, async (t) => {
      const spoofed = xff("203.0.113.7");
      expect((await sendFrom(t, deniedWrite("spoof-1", reader, spoofed))).status).toBe(403);
      expect((await sendFrom(t, deniedWrite("spoof-2", reader, { forwarded: "for=203.0.113.7" }))).status).toBe(403);
      expect((await sendFrom(t, deniedWrite("spoof-3", reader, spoofed, "127.0.0.2"))).status).toBe(403);
      expect(await entriesAfter(t, admin, 0)).toEqual([
        deniedEntry("spoof-1", "127.0.0.1"),
        deniedEntry("spoof-2", "127.0.0.1"),
        deniedEntry("spoof-3", "203.0.113.7"),
      ]);
    });
  });

  it("also when rate limits are off (the limits resolve nothing then; the audit log does)", async () => {
    const auth = cliOptions(idp, "loopback", { rateLimits: { enabled: false } });
    await withServer({ auth }, async (t) => {
      expect(t.server.services.auth.rateLimits.enabled).toBe(false);
      expect((await sendFrom(t, deniedWrite("nolimits-1", reader, xff("203.0.113.7")))).status).toBe(403);
      const refused = await sendFrom(t, {
        path: `/models${v}`,
        headers: { ...xff("203.0.113.12"), ...bearer("garbage") },
      });
      expect(refused.status).toBe(401);
      expect(await entriesAfter(t, admin, 0)).toEqual([
        deniedEntry("nolimits-1", "203.0.113.7"),
        {
          principal: "unauthenticated",
          clientAddress: "203.0.113.12",
          action: null,
          method: "GET",
          path: "/models",
          route: "GET /models",
          twinId: null,
          status: 401,
          outcome: "denied",
          detail: "JWT rejected: Invalid Compact JWS",
        },
      ]);
    });
  });

  it("in mode none with the audit log turned on: the peer", async () => {
    await withServer({ auth: { audit: { enabled: true } } }, async (t) => {
      expect(t.server.services.auth.rateLimits.enabled).toBe(false);
      const created = await sendFrom(t, {
        method: "PUT",
        path: `/digitaltwins/open-1${v}`,
        headers: xff("203.0.113.7"),
        body: { $metadata: { $model: "dtmi:none:X;1" } },
        from: "127.0.0.2",
      });
      expect(created.status).toBe(400);
      await t.server.services.auth.audit.flush();
      const entries = await t.server.services.auth.store.readAudit({ limit: 10 });
      expect(entries.map(({ seq, at, ...rest }) => rest)).toEqual([
        {
          principal: "anonymous",
          clientAddress: "127.0.0.2",
          action: "Microsoft.DigitalTwins/digitaltwins/write",
          method: "PUT",
          path: "/digitaltwins/open-1",
          route: "PUT /digitaltwins/{}",
          twinId: "open-1",
          status: 400,
          outcome: "failed",
          detail: null,
        },
      ]);
    });
  });
});

describe("recorded addresses are canonical", () => {
  it("IPv6 per RFC 5952, IPv4-mapped peers and hops as IPv4, and the filter reads any spelling the same way", async () => {
    // Listening on ::, Node reports IPv4 peers IPv4-mapped (::ffff:127.0.0.2); 127.0.0.1 is the proxy.
    const auth = secureAuthOptions(idp, { rateLimits: { trustProxy: "127.0.0.1" } });
    await withServer({ host: "::", auth }, async (t) => {
      const sent: [string, Record<string, string>, string?][] = [
        ["canon-1", xff("203.0.113.7"), "127.0.0.2"],
        ["canon-2", xff("2001:DB8::1")],
        ["canon-3", xff("2001:db8:0:0::1")],
        ["canon-4", xff("[2001:0db8:0000:0000:0001:0000:0000:0008]:443")],
        ["canon-5", xff("::FFFF:192.0.2.1")],
        ["canon-6", xff("::ffff:c000:201")],
        // The (mapped) proxy itself.
        ["canon-7", xff("garbage")],
      ];
      for (const [id, headers, from] of sent) {
        expect((await sendFrom(t, deniedWrite(id, reader, headers, from))).status).toBe(403);
      }
      expect(await entriesAfter(t, admin, 0)).toEqual([
        deniedEntry("canon-1", "127.0.0.2"),
        deniedEntry("canon-2", "2001:db8::1"),
        deniedEntry("canon-3", "2001:db8::1"),
        deniedEntry("canon-4", "2001:db8::1:0:0:8"),
        deniedEntry("canon-5", "192.0.2.1"),
        deniedEntry("canon-6", "192.0.2.1"),
        deniedEntry("canon-7", "127.0.0.1"),
      ]);
      const ids = async (address: string) =>
        (await auditPage(t, admin, `?clientAddress=${encodeURIComponent(address)}`)).value.map(
          (entry: { twinId: string }) => entry.twinId,
        );
      for (const spelling of ["2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8::0001"]) {
        expect({ spelling, ids: await ids(spelling) }).toEqual({ spelling, ids: ["canon-2", "canon-3"] });
      }
      expect(await ids("::ffff:192.0.2.1")).toEqual(["canon-5", "canon-6"]);
      expect(await ids("::FFFF:127.0.0.2")).toEqual(["canon-1"]);
      expect(await ids("2001:db8::1:0:0:8")).toEqual(["canon-4"]);
      // The next link carries the canonical form.
      expect(await auditPage(t, admin, "?clientAddress=2001:DB8::1&limit=1")).toEqual({
        value: [{ seq: 2, ...deniedEntry("canon-2", "2001:db8::1") }],
        nextLink: "/admin/audit?after=2&limit=1&clientAddress=2001%3Adb8%3A%3A1",
      });
      // A value that is not an address matches as given.
      t.server.services.auth.audit.record({
        at: new Date().toISOString(),
        principal: "bob",
        clientAddress: "peer.example",
        action: null,
        method: "GET",
        path: "/admin/whoami",
        route: "GET /admin/whoami",
        twinId: null,
        status: 200,
        outcome: "success",
        detail: null,
      });
      const asGiven = (await auditPage(t, admin, "?clientAddress=peer.example")).value;
      expect(asGiven.map(({ seq, ...entry }: { seq: number }) => entry)).toEqual([
        {
          principal: "bob",
          clientAddress: "peer.example",
          action: null,
          method: "GET",
          path: "/admin/whoami",
          route: "GET /admin/whoami",
          twinId: null,
          status: 200,
          outcome: "success",
          detail: null,
        },
      ]);
      expect(await ids("2001:db8::g")).toEqual([]);
    });
  });
});

describe("GET /admin/audit filtered by clientAddress", () => {
  it("answers the entries of that exact address, pages with it in nextLink, and refuses an empty one", async () => {
    await withServer({ auth: cliOptions(idp, "loopback") }, async (t) => {
      for (const [id, client] of [
        ["f-1", "203.0.113.7"],
        ["f-2", "203.0.113.70"],
        ["f-3", "203.0.113.7"],
        ["f-4", "2001:db8::7"],
        ["f-5", "203.0.113.7"],
      ] as const) {
        expect((await sendFrom(t, deniedWrite(id, reader, xff(client)))).status).toBe(403);
      }
      const first = await auditPage(t, admin, "?clientAddress=203.0.113.7&limit=2");
      expect(first).toEqual({
        value: [
          { seq: 1, ...deniedEntry("f-1", "203.0.113.7") },
          { seq: 3, ...deniedEntry("f-3", "203.0.113.7") },
        ],
        nextLink: "/admin/audit?after=3&limit=2&clientAddress=203.0.113.7",
      });
      expect(await auditPage(t, admin, first.nextLink.slice("/admin/audit".length))).toEqual({
        value: [{ seq: 5, ...deniedEntry("f-5", "203.0.113.7") }],
        nextLink: null,
      });
      // With the other filters, in the same style; IPv6 as recorded.
      expect(await auditPage(t, admin, "?clientAddress=2001%3Adb8%3A%3A7&principal=bob&outcome=denied")).toEqual({
        value: [{ seq: 4, ...deniedEntry("f-4", "2001:db8::7") }],
        nextLink: null,
      });
      expect(await auditPage(t, admin, "?clientAddress=203.0.113.7&principal=alice")).toEqual({
        value: [],
        nextLink: null,
      });
      const empty = await t.request("GET", "/admin/audit?clientAddress=", { headers: admin });
      expect({ status: empty.status, body: empty.body }).toEqual({
        status: 400,
        body: { error: { code: "InvalidArgument", message: "clientAddress must be a string." } },
      });
    });
  });
});

describe("Fastify's request log behind a trusted proxy", () => {
  /** Starts a server whose request log is captured as parsed JSON lines. */
  async function withLoggedServer(auth: AuthOptions, body: (t: TestServer, lines: any[]) => Promise<void>) {
    const lines: any[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split("\n")) if (line !== "") lines.push(JSON.parse(line));
        callback();
      },
    });
    await withServer({ auth, logger: { level: "info", stream } }, (t) => body(t, lines));
  }

  const linesOf = (lines: any[], reqId: string) =>
    lines.filter((line) => line.reqId === reqId).map((line) => [line.msg, line.clientAddress, line.req?.remoteAddress]);

  it("binds the forwarded client to every line of the request; remoteAddress stays the peer", async () => {
    await withLoggedServer(cliOptions(idp, "loopback"), async (t, lines) => {
      expect((await sendFrom(t, deniedWrite("log-1", reader, xff("203.0.113.7")))).status).toBe(403);
      expect((await sendFrom(t, deniedWrite("log-2", reader, {}, "127.0.0.2"))).status).toBe(403);
      // An unknown path (the not-found handler's route) too.
      expect((await sendFrom(t, { path: "/nowhere", headers: xff("203.0.113.8") })).status).toBe(401);
      const incoming = lines.filter((line) => line.msg === "incoming request");
      expect(incoming.map((line) => [line.req.url, line.clientAddress, line.req.remoteAddress])).toEqual([
        [`/digitaltwins/log-1${v}`, "203.0.113.7", "127.0.0.1"],
        [`/digitaltwins/log-2${v}`, "127.0.0.2", "127.0.0.2"],
        ["/nowhere", "203.0.113.8", "127.0.0.1"],
      ]);
      expect(linesOf(lines, incoming[0].reqId)).toEqual([
        ["incoming request", "203.0.113.7", "127.0.0.1"],
        ["request completed", "203.0.113.7", undefined],
      ]);
      // The audit entries name the same clients.
      expect(await entriesAfter(t, admin, 0)).toEqual([
        deniedEntry("log-1", "203.0.113.7"),
        deniedEntry("log-2", "127.0.0.2"),
        {
          principal: "unauthenticated",
          clientAddress: "203.0.113.8",
          action: null,
          method: "GET",
          path: "/nowhere",
          route: null,
          twinId: null,
          status: 401,
          outcome: "denied",
          detail: "no Authorization header",
        },
      ]);
    });
  });

  it("is unchanged without trusted proxies: remoteAddress is the client", async () => {
    await withLoggedServer(secureAuthOptions(idp), async (t, lines) => {
      expect((await sendFrom(t, deniedWrite("log-3", reader, xff("203.0.113.7"), "127.0.0.2"))).status).toBe(403);
      const incoming = lines.filter((line) => line.msg === "incoming request");
      expect(incoming.map((line) => [line.req.url, line.req.remoteAddress, "clientAddress" in line])).toEqual([
        [`/digitaltwins/log-3${v}`, "127.0.0.2", false],
      ]);
    });
  });
});

/**
 * An entry as written before the audit log had `client_address` (the previous migration); an hour
 * old, well within the retention the server prunes to when it writes.
 */
const oldEntry = {
  at: new Date(Date.now() - 3_600_000).toISOString(),
  principal: "carol",
  action: "Doppel/apikeys/write",
  method: "POST",
  path: "/admin/keys",
  route: "POST /admin/keys",
  twin_id: null,
  status: 201,
  outcome: "success",
  detail: null,
};
const oldEntryColumns = Object.keys(oldEntry).join(", ");
const oldEntryValues = Object.values(oldEntry);

/** What the API answers for `oldEntry`, then for a denied write from 127.0.0.1 after the upgrade. */
async function expectUpgradedLog(t: TestServer): Promise<void> {
  expect((await sendFrom(t, deniedWrite("after-upgrade", reader))).status).toBe(403);
  const res = await t.request("GET", "/admin/audit", { headers: admin });
  expect(res.status).toBe(200);
  const [old, ...rest] = res.body.value;
  expect(old).toEqual({
    seq: 1,
    at: oldEntry.at,
    principal: "carol",
    clientAddress: null,
    action: "Doppel/apikeys/write",
    method: "POST",
    path: "/admin/keys",
    route: "POST /admin/keys",
    twinId: null,
    status: 201,
    outcome: "success",
    detail: null,
  });
  expect(rest.map(({ seq, at, ...entry }: { seq: number; at: string }) => entry)).toEqual([
    deniedEntry("after-upgrade", "127.0.0.1"),
  ]);
}

describe("upgrading a store written before the audit log recorded addresses", () => {
  it("SQLite: a database at the previous migration opens, and its old entries answer clientAddress null", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doppel-audit-upgrade-"));
    try {
      // Built as openSqlite builds it, stopping short of the migration that adds the column.
      const previous = sqliteMigrations.findIndex((sql) => sql.includes("client_address"));
      expect(previous).toBeGreaterThan(0);
      const db = new Database(join(dir, "doppel.db"));
      db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      sqliteMigrations.slice(0, previous).forEach((sql, index) => {
        db.exec(sql);
        db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(index + 1, "then");
      });
      const columns = db.prepare("SELECT name FROM pragma_table_info('audit_log')").pluck().all();
      expect(columns).not.toContain("client_address");
      db.prepare(`INSERT INTO audit_log (${oldEntryColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        ...oldEntryValues,
      );
      db.close();

      await withServer({ ...fileStoreOptions(dir), auth: secureAuthOptions(idp) }, expectUpgradedLog);

      const after = new Database(join(dir, "doppel.db"), { readonly: true });
      try {
        expect(after.prepare("SELECT MAX(version) FROM schema_migrations").pluck().get()).toBe(sqliteMigrations.length);
      } finally {
        after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(postgresAvailable)(
    "PostgreSQL: a schema at the previous migration opens, and its old entries answer clientAddress null",
    async () => {
      const schema = randomSchema("audit");
      const client = new pg.Client({ connectionString: postgresTestUrl });
      await client.connect();
      try {
        // Built as migratePostgres builds it, stopping short of the migration that adds the column.
        await client.query(`CREATE SCHEMA "${schema}"`);
        await client.query(
          `CREATE TABLE "${schema}".schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)`,
        );
        const previous = postgresMigrations.findIndex((sql) => sql.includes("client_address"));
        expect(previous).toBeGreaterThan(0);
        for (let index = 0; index < previous; index++) {
          await client.query("BEGIN");
          await client.query(`SET LOCAL search_path TO "${schema}"`);
          await client.query(postgresMigrations[index]!);
          await client.query(`INSERT INTO "${schema}".schema_migrations (version, applied_at) VALUES ($1, 'then')`, [
            index + 1,
          ]);
          await client.query("COMMIT");
        }
        await client.query(
          `INSERT INTO "${schema}".audit_log (${oldEntryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          oldEntryValues,
        );
      } finally {
        await client.end();
      }
      const store = await openPostgresTestStore({ schema });
      try {
        // The server closes the store it is given; the schema is dropped below.
        await withServer({ store, auth: secureAuthOptions(idp) }, expectUpgradedLog);
      } finally {
        await store.destroy();
      }
    },
  );
});
