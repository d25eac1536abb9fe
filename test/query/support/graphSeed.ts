import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServerConfig } from "../../../src/http/services.js";
import { createSqliteStore } from "../../../src/store/sqlite/createSqliteStore.js";
import { openSqlite, type SqliteDatabase } from "../../../src/store/sqlite/openSqlite.js";
import { startTestServer, type TestServer } from "../../support/testServer.js";

/**
 * Query tests write their graph straight into the store's tables (documents shaped exactly as
 * GET returns them), through a second connection to a file database: the server's query runner
 * sees the rows both inline and from its reader thread.
 */

export const seedTime = "2024-05-01T10:00:00.0000000Z";

export interface TwinSeed {
  readonly id: string;
  readonly model: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Component name → its property values. */
  readonly components?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface RelationshipSeed {
  readonly source: string;
  readonly id: string;
  readonly name: string;
  readonly target: string;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** A model and the models it extends directly; ancestry rows are derived transitively. */
export interface ModelSeed {
  readonly id: string;
  readonly extends?: readonly string[];
}

export interface GraphSeed {
  readonly models?: readonly ModelSeed[];
  readonly twins?: readonly TwinSeed[];
  readonly relationships?: readonly RelationshipSeed[];
}

export function etagOf(id: string): string {
  return `W/"etag-${id}"`;
}

export function twinDocument(seed: TwinSeed): Record<string, unknown> {
  const doc: Record<string, unknown> = { $dtId: seed.id, $etag: etagOf(seed.id) };
  const metadata: Record<string, unknown> = { $model: seed.model, $lastUpdateTime: seedTime };
  for (const [key, value] of Object.entries(seed.properties ?? {})) {
    doc[key] = value;
    metadata[key] = { lastUpdateTime: seedTime };
  }
  for (const [name, properties] of Object.entries(seed.components ?? {})) {
    const componentMetadata: Record<string, unknown> = { $lastUpdateTime: seedTime };
    for (const key of Object.keys(properties)) componentMetadata[key] = { lastUpdateTime: seedTime };
    doc[name] = { ...properties, $metadata: componentMetadata };
  }
  doc.$metadata = metadata;
  return doc;
}

export function relationshipDocument(seed: RelationshipSeed): Record<string, unknown> {
  return {
    $relationshipId: seed.id,
    $etag: etagOf(`${seed.source}/${seed.id}`),
    $sourceId: seed.source,
    $relationshipName: seed.name,
    $targetId: seed.target,
    ...seed.properties,
  };
}

export function seedGraph(db: SqliteDatabase, seed: GraphSeed): void {
  const insertAncestry = db.prepare(
    "INSERT OR REPLACE INTO model_ancestry (model_id, ancestor_id, depth) VALUES (?, ?, ?)",
  );
  const insertTwin = db.prepare("INSERT INTO twins (id, model_id, etag, doc) VALUES (?, ?, ?, ?)");
  const insertRelationship = db.prepare(
    "INSERT INTO relationships (source_id, id, name, target_id, etag, doc) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const parents = new Map((seed.models ?? []).map((model) => [model.id, model.extends ?? []]));
  db.transaction(() => {
    for (const model of seed.models ?? []) {
      for (const [ancestor, depth] of ancestorsOf(model.id, parents)) insertAncestry.run(model.id, ancestor, depth);
    }
    for (const twin of seed.twins ?? []) {
      insertTwin.run(twin.id, twin.model, etagOf(twin.id), JSON.stringify(twinDocument(twin)));
    }
    for (const relationship of seed.relationships ?? []) {
      insertRelationship.run(
        relationship.source,
        relationship.id,
        relationship.name,
        relationship.target,
        etagOf(`${relationship.source}/${relationship.id}`),
        JSON.stringify(relationshipDocument(relationship)),
      );
    }
  })();
}

function ancestorsOf(id: string, parents: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const found = new Map<string, number>([[id, 0]]);
  let frontier = [id];
  for (let depth = 1; frontier.length > 0; depth += 1) {
    const next: string[] = [];
    for (const model of frontier) {
      for (const parent of parents.get(model) ?? []) {
        if (found.has(parent)) continue;
        found.set(parent, depth);
        next.push(parent);
      }
    }
    frontier = next;
  }
  return found;
}

export interface SeededServer extends TestServer {
  /** A second connection to the server's database, for more writes during a test. */
  readonly writer: SqliteDatabase;
  /** POST /query with the given body and headers; api-version 2023-10-31. */
  query(body: unknown, headers?: Record<string, string>): ReturnType<TestServer["request"]>;
}

/** A server over a fresh file database holding `seed`. */
export async function startSeededServer(seed: GraphSeed, config: Partial<ServerConfig> = {}): Promise<SeededServer> {
  const dir = mkdtempSync(join(tmpdir(), "doppel-query-"));
  const file = join(dir, "doppel.db");
  const store = createSqliteStore(file);
  const writer = openSqlite(file);
  seedGraph(writer, seed);
  const server = await startTestServer({ store, config });
  return {
    ...server,
    writer,
    query: (body, headers = {}) => server.request("POST", "/query?api-version=2023-10-31", { body, headers }),
    async close() {
      await server.close();
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
