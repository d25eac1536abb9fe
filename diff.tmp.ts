import { createPostgresStore } from "./src/store/postgres/createPostgresStore.js";
import { createSqliteStore } from "./src/store/sqlite/createSqliteStore.js";
import { createQueryService } from "./src/query/createQueryService.js";
import pg from "pg";
const schema = `diff_${Date.now()}`;
const p = await createPostgresStore({ url: "postgres://postgres@127.0.0.1:5432/test", schema });
const s = createSqliteStore(":memory:");
const models = [
  { id: "dtmi:a:Space;1", ancestors: [] },
  { id: "dtmi:a:Room;1", ancestors: [{ id: "dtmi:a:Space;1", depth: 1 }] },
  { id: "dtmi:a:Room;2", ancestors: [{ id: "dtmi:a:Space;1", depth: 1 }] },
];
const twins = [
  { id: "r1", m: "dtmi:a:Room;1", p: { temp: 21.5, name: "Alpha", tags: ["x", 1, true], on: true, nested: { a: 1 } } },
  { id: "r2", m: "dtmi:a:Room;2", p: { temp: 19, name: "beta", tags: [], on: false, n: null } },
  { id: "r3", m: "dtmi:a:Room;1", p: { temp: "hot", name: "Gamma" } },
  { id: "s1", m: "dtmi:a:Space;1", p: { name: "Zed", temp: 30 } },
  { id: "é", m: "dtmi:a:Space;1", p: { name: "é" } },
];
const rels = [["s1", "c1", "contains", "r1"], ["s1", "c2", "contains", "r2"], ["r1", "n1", "next", "r2"], ["r2", "n2", "next", "r3"]];
for (const st of [p, s]) {
  await st.models.insert(models.map((m) => ({ id: m.id, definition: {}, displayName: {}, description: {}, uploadTime: "t", refs: [], ancestors: m.ancestors })));
  for (const t of twins) {
    const doc = JSON.stringify({ $dtId: t.id, $etag: `W/"${t.id}"`, ...t.p, $metadata: { $model: t.m } });
    await st.graph.commit({ writes: [{ op: "putTwin", twin: { id: t.id, modelId: t.m, etag: `W/"${t.id}"`, doc }, expect: { kind: "any" } }], checks: [], events: [] });
  }
  for (const [src, id, name, tgt] of rels) {
    const doc = JSON.stringify({ $relationshipId: id, $etag: `W/"${id}"`, $sourceId: src, $relationshipName: name, $targetId: tgt, w: id.length });
    await st.graph.commit({ writes: [{ op: "putRelationship", relationship: { sourceId: src!, id: id!, name: name!, targetId: tgt!, etag: `W/"${id}"`, doc }, expect: { kind: "any" } }], checks: [], events: [] });
  }
}
const qp = createQueryService(p), qs = createQueryService(s);
const queries = [
  "SELECT * FROM digitaltwins",
  "SELECT T.$dtId FROM digitaltwins T WHERE T.temp > 20",
  "SELECT T.name FROM digitaltwins T ORDER BY T.name",
  "SELECT T.name FROM digitaltwins T ORDER BY T.temp DESC",
  "SELECT COUNT() FROM digitaltwins",
  "SELECT T.temp, COUNT() FROM digitaltwins T GROUP BY T.temp",
  "SELECT MIN(T.temp) AS lo, MAX(T.temp) AS hi, SUM(T.temp) AS s, AVG(T.temp) AS a FROM digitaltwins T",
  "SELECT * FROM digitaltwins T WHERE IS_OF_MODEL('dtmi:a:Space;1')",
  "SELECT * FROM digitaltwins T WHERE IS_OF_MODEL(T, 'dtmi:a:Room;2', exact)",
  "SELECT T.$dtId FROM digitaltwins T WHERE STARTSWITH(T.name, 'G') OR ENDSWITH(T.name, 'ta') OR CONTAINS(T.name, 'lph')",
  "SELECT T.$dtId FROM digitaltwins T WHERE ARRAY_CONTAINS(T.tags, 1) OR ARRAY_CONTAINS(T.tags, 'x')",
  "SELECT T.$dtId FROM digitaltwins T WHERE ARRAY_CONTAINS(T.tags, true)",
  "SELECT T.$dtId FROM digitaltwins T WHERE T.on = true",
  "SELECT T.$dtId FROM digitaltwins T WHERE IS_NULL(T.n) OR IS_BOOL(T.on)",
  "SELECT T.$dtId FROM digitaltwins T WHERE T.name IN ['Alpha', 'Zed']",
  "SELECT T.$dtId FROM digitaltwins T WHERE STARTSWITH(T.$dtId, 'r')",
  "SELECT R FROM relationships R",
  "SELECT R FROM relationships R WHERE R.w = 2",
  "SELECT A, B FROM digitaltwins A JOIN B RELATED A.contains WHERE A.$dtId = 's1'",
  "SELECT B.$dtId FROM digitaltwins MATCH (A)-[:contains]->(B) WHERE A.$dtId = 's1'",
  "SELECT C.$dtId FROM digitaltwins MATCH (A)-[*1..3]->(C) WHERE A.$dtId = 's1'",
  "SELECT COUNT() FROM digitaltwins MATCH (A)-[*1..3]->(C) WHERE A.$dtId = 's1'",
  "SELECT A.$dtId, C.$dtId FROM digitaltwins MATCH (A)-[:next]-(C)",
  "SELECT T.nested FROM digitaltwins T WHERE IS_DEFINED(T.nested)",
  "SELECT TOP(2) T.$dtId FROM digitaltwins T",
];
let bad = 0;
for (const q of queries) {
  const run = async (svc: typeof qp) => { try { const out: unknown[] = []; let token: string | undefined; do { const r = await svc.query(token ? { continuationToken: token, maxItemsPerPage: 2 } : { query: q, maxItemsPerPage: 2 }); const b = JSON.parse(r.body); out.push(...b.value); token = b.continuationToken ?? undefined; } while (token); return JSON.stringify(out); } catch (e) { return `ERR ${(e as Error).message}`; } };
  const [a, b] = [await run(qp), await run(qs)];
  if (a !== b) { bad++; console.log(`DIFF ${q}\n  pg:     ${a.slice(0, 400)}\n  sqlite: ${b.slice(0, 400)}`); }
}
console.log(`${queries.length - bad}/${queries.length} equal`);
await p.close(); await s.close();
const c = new pg.Client("postgres://postgres@127.0.0.1:5432/test"); await c.connect(); await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end();
