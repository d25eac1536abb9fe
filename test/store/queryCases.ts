import type { QueryService } from "../../src/query/queryService.js";
import type { Store } from "../../src/store/store.js";

/**
 * A small graph and queries over it with their answers, run through the query service on every
 * store: the dialects must agree (three-valued logic, JSON kinds, ordering across kinds, paging).
 */
export async function seedQueryGraph(store: Store): Promise<void> {
  const models = [
    { id: "dtmi:a:Space;1", ancestors: [] },
    { id: "dtmi:a:Room;1", ancestors: [{ id: "dtmi:a:Space;1", depth: 1 }] },
    { id: "dtmi:a:Room;2", ancestors: [{ id: "dtmi:a:Space;1", depth: 1 }] },
  ];
  await store.models.insert(
    models.map((m) => ({
      id: m.id,
      definition: {},
      displayName: {},
      description: {},
      uploadTime: "t",
      refs: [],
      ancestors: m.ancestors,
    })),
  );
  const twins: [string, string, Record<string, unknown>][] = [
    [
      "r1",
      "dtmi:a:Room;1",
      { temp: 21.5, name: "Alpha", tags: ["x", 1, true], on: true, nested: { a: 1, "b c": [2] } },
    ],
    ["r2", "dtmi:a:Room;2", { temp: 19, name: "beta", tags: [], on: false, n: null }],
    ["r3", "dtmi:a:Room;1", { temp: "hot", name: "Gamma", "we'ird\"key": 5 }],
    ["s1", "dtmi:a:Space;1", { name: "Zed", temp: 30 }],
    ["é", "dtmi:a:Space;1", { name: "é" }],
  ];
  for (const [id, modelId, properties] of twins) {
    const etag = `W/"${id}"`;
    const doc = JSON.stringify({ $dtId: id, $etag: etag, ...properties, $metadata: { $model: modelId } });
    await store.graph.commit({
      writes: [{ op: "putTwin", twin: { id, modelId, etag, doc }, expect: { kind: "any" } }],
      checks: [],
      events: [],
    });
  }
  const relationships = [
    ["s1", "c1", "contains", "r1"],
    ["s1", "c2", "contains", "r2"],
    ["r1", "n1", "next", "r2"],
    ["r2", "n2", "next", "r3"],
  ] as const;
  for (const [sourceId, id, name, targetId] of relationships) {
    const etag = `W/"${id}"`;
    const doc = JSON.stringify({
      $relationshipId: id,
      $etag: etag,
      $sourceId: sourceId,
      $relationshipName: name,
      $targetId: targetId,
      w: id.charCodeAt(1) - 48,
    });
    await store.graph.commit({
      writes: [
        { op: "putRelationship", relationship: { sourceId, id, name, targetId, etag, doc }, expect: { kind: "any" } },
      ],
      checks: [],
      events: [],
    });
  }
}

/** Queries that every store must answer exactly so (paged two rows at a time). */
export const queryExpectations: readonly (readonly [string, readonly unknown[]])[] = [
  [
    "SELECT T.$dtId FROM digitaltwins T",
    [{ $dtId: "r1" }, { $dtId: "r2" }, { $dtId: "r3" }, { $dtId: "s1" }, { $dtId: "é" }],
  ],
  ["SELECT T.$dtId FROM digitaltwins T WHERE T.temp > 20", [{ $dtId: "r1" }, { $dtId: "s1" }]],
  ["SELECT T.$dtId FROM digitaltwins T WHERE NOT (T.temp > 20)", [{ $dtId: "r2" }]],
  ["SELECT T.$dtId FROM digitaltwins T WHERE T.temp != 19", [{ $dtId: "r1" }, { $dtId: "s1" }]],
  [
    "SELECT T.name FROM digitaltwins T ORDER BY T.name",
    [{ name: "Alpha" }, { name: "Gamma" }, { name: "Zed" }, { name: "beta" }, { name: "é" }],
  ],
  [
    "SELECT T.name FROM digitaltwins T ORDER BY T.temp DESC",
    [{ name: "Gamma" }, { name: "Zed" }, { name: "Alpha" }, { name: "beta" }, { name: "é" }],
  ],
  [
    "SELECT T.name FROM digitaltwins T ORDER BY T.temp",
    [{ name: "é" }, { name: "beta" }, { name: "Alpha" }, { name: "Zed" }, { name: "Gamma" }],
  ],
  ["SELECT COUNT() FROM digitaltwins", [{ COUNT: 5 }]],
  [
    "SELECT T.temp, COUNT() AS n FROM digitaltwins T GROUP BY T.temp",
    [{ n: 1 }, { temp: "hot", n: 1 }, { temp: 19, n: 1 }, { temp: 21.5, n: 1 }, { temp: 30, n: 1 }],
  ],
  [
    "SELECT MIN(T.temp) AS lo, MAX(T.temp) AS hi, SUM(T.temp) AS s, AVG(T.temp) AS a FROM digitaltwins T",
    [{ lo: 19, hi: "hot", s: 70.5, a: 23.5 }],
  ],
  ["SELECT MIN(T.name) AS lo, MAX(T.name) AS hi FROM digitaltwins T", [{ lo: "Alpha", hi: "é" }]],
  [
    "SELECT T.$dtId FROM digitaltwins T WHERE IS_OF_MODEL('dtmi:a:Space;1')",
    [{ $dtId: "r1" }, { $dtId: "r2" }, { $dtId: "r3" }, { $dtId: "s1" }, { $dtId: "é" }],
  ],
  ["SELECT T.$dtId FROM digitaltwins T WHERE IS_OF_MODEL(T, 'dtmi:a:Room;2', exact)", [{ $dtId: "r2" }]],
  ["SELECT T.$dtId FROM digitaltwins T WHERE IS_OF_MODEL('dtmi:a:Room;2')", [{ $dtId: "r2" }]],
  [
    "SELECT T.$dtId FROM digitaltwins T WHERE STARTSWITH(T.name, 'G') OR ENDSWITH(T.name, 'ta') OR CONTAINS(T.name, 'lph')",
    [{ $dtId: "r1" }, { $dtId: "r2" }, { $dtId: "r3" }],
  ],
  [
    "SELECT T.$dtId FROM digitaltwins T WHERE ARRAY_CONTAINS(T.tags, 1) OR ARRAY_CONTAINS(T.tags, 'x')",
    [{ $dtId: "r1" }],
  ],
  ["SELECT T.$dtId FROM digitaltwins T WHERE ARRAY_CONTAINS(T.tags, true)", [{ $dtId: "r1" }]],
  ["SELECT T.$dtId FROM digitaltwins T WHERE T.on = true", [{ $dtId: "r1" }]],
  ["SELECT T.$dtId FROM digitaltwins T WHERE IS_NULL(T.n) OR IS_BOOL(T.on)", [{ $dtId: "r1" }, { $dtId: "r2" }]],
  [
    "SELECT T.$dtId FROM digitaltwins T WHERE IS_STRING(T.temp) OR IS_OBJECT(T.nested)",
    [{ $dtId: "r1" }, { $dtId: "r3" }],
  ],
  ["SELECT T.$dtId FROM digitaltwins T WHERE T.name IN ['Alpha', 'Zed']", [{ $dtId: "r1" }, { $dtId: "s1" }]],
  ["SELECT T.$dtId FROM digitaltwins T WHERE T.temp NIN [19, 30]", [{ $dtId: "r1" }, { $dtId: "r3" }]],
  [
    "SELECT T.$dtId FROM digitaltwins T WHERE STARTSWITH(T.$dtId, 'r')",
    [{ $dtId: "r1" }, { $dtId: "r2" }, { $dtId: "r3" }],
  ],
  ["SELECT T.nested.a AS a FROM digitaltwins T WHERE T.nested.a = 1", [{ a: 1 }]],
  [
    "SELECT R FROM relationships R",
    [
      {
        R: {
          $relationshipId: "c1",
          $etag: 'W/"c1"',
          $sourceId: "s1",
          $relationshipName: "contains",
          $targetId: "r1",
          w: 1,
        },
      },
      {
        R: {
          $relationshipId: "c2",
          $etag: 'W/"c2"',
          $sourceId: "s1",
          $relationshipName: "contains",
          $targetId: "r2",
          w: 2,
        },
      },
      {
        R: {
          $relationshipId: "n1",
          $etag: 'W/"n1"',
          $sourceId: "r1",
          $relationshipName: "next",
          $targetId: "r2",
          w: 1,
        },
      },
      {
        R: {
          $relationshipId: "n2",
          $etag: 'W/"n2"',
          $sourceId: "r2",
          $relationshipName: "next",
          $targetId: "r3",
          w: 2,
        },
      },
    ],
  ],
  [
    "SELECT R.$relationshipId FROM relationships R WHERE R.w = 2",
    [{ $relationshipId: "c2" }, { $relationshipId: "n2" }],
  ],
  [
    "SELECT A.$dtId AS a, B.$dtId AS b FROM digitaltwins A JOIN B RELATED A.contains WHERE A.$dtId = 's1'",
    [
      { a: "s1", b: "r1" },
      { a: "s1", b: "r2" },
    ],
  ],
  [
    "SELECT B.$dtId FROM digitaltwins MATCH (A)-[:contains]->(B) WHERE A.$dtId = 's1'",
    [{ $dtId: "r1" }, { $dtId: "r2" }],
  ],
  [
    "SELECT A.$dtId AS a, C.$dtId AS c FROM digitaltwins MATCH (A)-[:next]-(C)",
    [
      { a: "r1", c: "r2" },
      { a: "r2", c: "r1" },
      { a: "r2", c: "r3" },
      { a: "r3", c: "r2" },
    ],
  ],
  ["SELECT A.$dtId AS a, C.$dtId AS c FROM digitaltwins MATCH (A)<-[R:next]-(C) WHERE R.w = 1", [{ a: "r2", c: "r1" }]],
  ["SELECT T.nested FROM digitaltwins T WHERE IS_DEFINED(T.nested)", [{ nested: { a: 1, "b c": [2] } }]],
  ["SELECT TOP(2) T.$dtId FROM digitaltwins T", [{ $dtId: "r1" }, { $dtId: "r2" }]],
  [
    "SELECT T FROM digitaltwins T WHERE T.$dtId = 'é'",
    [{ T: { $dtId: "é", $etag: 'W/"é"', name: "é", $metadata: { $model: "dtmi:a:Space;1" } } }],
  ],
];

/** Also compared between stores (PostgreSQL against SQLite) rather than against fixed answers. */
export const queryCases: readonly string[] = [
  ...queryExpectations.map(([query]) => query),
  "SELECT C.$dtId FROM digitaltwins MATCH (A)-[*1..3]->(C) WHERE A.$dtId = 's1'",
  "SELECT COUNT() FROM digitaltwins MATCH (A)-[*1..3]->(C) WHERE A.$dtId = 's1'",
  "SELECT C.$dtId FROM digitaltwins MATCH (A)-[*..2]-(C) WHERE A.$dtId = 'r2'",
  "SELECT T.temp AS t, COUNT() AS n FROM digitaltwins T GROUP BY T.temp ORDER BY T.temp DESC",
];

/** Every row of a query, following continuation tokens `pageSize` rows at a time. */
export async function queryAll(service: QueryService, query: string, pageSize = 2): Promise<unknown[]> {
  const rows: unknown[] = [];
  let token: string | undefined;
  do {
    const response = await service.query(
      token === undefined
        ? { query, maxItemsPerPage: pageSize }
        : { continuationToken: token, maxItemsPerPage: pageSize },
    );
    const body = JSON.parse(response.body) as { value: unknown[]; continuationToken: string | null };
    rows.push(...body.value);
    token = body.continuationToken ?? undefined;
  } while (token !== undefined);
  return rows;
}
