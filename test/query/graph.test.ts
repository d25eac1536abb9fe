import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estateGraph } from "./fixtures.js";
import { relationshipDocument, twinDocument } from "./support/graphSeed.js";
import { createQueryHarness, type QueryHarness } from "./support/queryHarness.js";

let harness: QueryHarness;
beforeAll(() => {
  harness = createQueryHarness(estateGraph);
});
afterAll(() => harness.close());

function twin(id: string): Record<string, unknown> {
  return twinDocument(estateGraph.twins!.find((seed) => seed.id === id)!);
}

function relationship(id: string): Record<string, unknown> {
  return relationshipDocument(estateGraph.relationships!.find((seed) => seed.id === id)!);
}

/** The `$dtId`s of one alias's column, in result order. */
async function column(query: string, alias: string): Promise<string[]> {
  return ((await harness.all(query)) as Record<string, { $dtId: string }>[]).map((row) => row[alias]!.$dtId);
}

async function sortedColumn(query: string, alias: string): Promise<string[]> {
  return (await column(query, alias)).sort();
}

describe("JOIN ... RELATED", () => {
  it("returns one row per relationship, with the aliases' documents", async () => {
    expect(
      await harness.all("SELECT T, CT FROM DIGITALTWINS T JOIN CT RELATED T.contains WHERE T.$dtId = 'building1'"),
    ).toEqual([
      { T: twin("building1"), CT: twin("floor1") },
      { T: twin("building1"), CT: twin("floor2") },
    ]);
  });

  it("finds sources by filtering the target", async () => {
    expect(
      await harness.all(
        "SELECT source FROM DIGITALTWINS source JOIN target RELATED source.contains WHERE target.$dtId = 'room1'",
      ),
    ).toEqual([{ source: twin("floor1") }]);
  });

  it("exposes the relationship through its alias, in WHERE and SELECT", async () => {
    expect(
      await harness.all(
        "SELECT T, SBT, R FROM DIGITALTWINS T JOIN SBT RELATED T.servicedBy R WHERE T.$dtId IN ['room1', 'room2'] AND R.reportedCondition = 'clean'",
      ),
    ).toEqual([{ T: twin("room1"), SBT: twin("vendor1"), R: relationship("r1-v1") }]);
    expect(
      await harness.all(
        "SELECT R.$relationshipId, R.$sourceId AS src, R.$targetId, R.$relationshipName, R.since FROM DIGITALTWINS T JOIN V RELATED T.servicedBy R WHERE T.$dtId = 'building1'",
      ),
    ).toEqual([
      { $relationshipId: "b-v1", src: "building1", $targetId: "vendor1", $relationshipName: "servicedBy", since: 2020 },
    ]);
  });

  it("chains joins and fans out from one alias", async () => {
    expect(
      await sortedColumn(
        "SELECT S FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains JOIN S RELATED R.contains WHERE B.$dtId = 'building1'",
        "S",
      ),
    ).toEqual(["sensor1", "sensor2"]);
    const rows = await harness.all(
      "SELECT CT.$dtId AS floor, V.$dtId AS vendor FROM DIGITALTWINS T JOIN CT RELATED T.contains JOIN V RELATED T.servicedBy WHERE T.$dtId = 'building1'",
    );
    expect(rows).toEqual([
      { floor: "floor1", vendor: "vendor1" },
      { floor: "floor2", vendor: "vendor1" },
    ]);
  });

  it("is an inner join: no relationship, no row", async () => {
    expect(
      await harness.all("SELECT B, F FROM DIGITALTWINS B JOIN F RELATED B.contains WHERE B.$dtId = 'vendor1'"),
    ).toEqual([]);
  });

  it("matches relationship names case-sensitively", async () => {
    expect(
      await harness.all("SELECT F FROM DIGITALTWINS B JOIN F RELATED B.Contains WHERE B.$dtId = 'building1'"),
    ).toEqual([]);
  });

  it("projects properties of every alias, omitting missing ones", async () => {
    expect(
      await harness.all(
        "SELECT R.name, Rel.reportedCondition AS cond, F.level, R.nope FROM DIGITALTWINS F JOIN R RELATED F.contains JOIN V RELATED R.servicedBy Rel WHERE F.$dtId = 'floor1'",
      ),
    ).toEqual([
      { name: "Lab", cond: "clean", level: 1 },
      { name: "Office", cond: "dirty", level: 1 },
    ]);
  });

  it("counts joined rows", async () => {
    expect(
      await harness.all(
        "SELECT COUNT() FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains WHERE B.$dtId = 'building1'",
      ),
    ).toEqual([{ COUNT: 3 }]);
  });

  it("follows a relationship from a twin to itself", async () => {
    expect(
      await column("SELECT X FROM DIGITALTWINS R JOIN X RELATED R.adjacentTo WHERE R.$dtId = 'room3'", "X"),
    ).toEqual(["room3"]);
  });
});

describe("MATCH", () => {
  const from = (pattern: string, where: string) => `SELECT x FROM DIGITALTWINS MATCH ${pattern} WHERE ${where}`;

  it("follows -[]-> from source to target and <-[]- backwards", async () => {
    expect(await sortedColumn(from("(f)-[:contains]->(x)", "f.$dtId = 'floor1'"), "x")).toEqual(["room1", "room2"]);
    expect(await sortedColumn(from("(x)<-[:contains]-(f)", "f.$dtId = 'floor1'"), "x")).toEqual(["room1", "room2"]);
    expect(await sortedColumn(from("(x)-[:contains]->(r)", "r.$dtId = 'room1'"), "x")).toEqual(["floor1"]);
  });

  it("follows -[]- both ways", async () => {
    expect(await sortedColumn(from("(f)-[:contains]-(x)", "f.$dtId = 'floor1'"), "x")).toEqual([
      "building1",
      "room1",
      "room2",
    ]);
  });

  it("counts hops: *n exactly, *..n up to n, *m..n from m+1 to n", async () => {
    const hops = (spec: string) => sortedColumn(from(`(b)-[:contains${spec}]->(x)`, "b.$dtId = 'building1'"), "x");
    expect(await hops("*2")).toEqual(["room1", "room2", "room3"]);
    expect(await hops("*3")).toEqual(["sensor1", "sensor2"]);
    expect(await hops("*..2")).toEqual(["floor1", "floor2", "room1", "room2", "room3"]);
    expect(await hops("*1..3")).toEqual(["room1", "room2", "room3", "sensor1", "sensor2"]);
    expect(await hops("*2..3")).toEqual(["sensor1", "sensor2"]);
    expect(await hops("*0..1")).toEqual(["floor1", "floor2"]);
    expect(await hops("*4")).toEqual([]);
  });

  it("matches any relationship name without ':' and a list with ':a|b'", async () => {
    expect(await sortedColumn(from("(r)-[]->(x)", "r.$dtId = 'room1'"), "x")).toEqual(["sensor1", "vendor1"]);
    expect(await sortedColumn(from("(r)-[*..3]->(x)", "r.$dtId = 'room2'"), "x")).toEqual([
      "room1",
      "sensor1",
      "sensor2",
      "vendor1",
    ]);
    expect(
      await harness.all(
        "SELECT a.$dtId AS a, x.$dtId AS x FROM DIGITALTWINS MATCH (a)-[:feeds|servicedBy]->(x) WHERE a.$dtId IN ['sensor2', 'room2']",
      ),
    ).toEqual(
      expect.arrayContaining([
        { a: "room2", x: "vendor1" },
        { a: "sensor2", x: "room1" },
      ]),
    );
  });

  it("never revisits a twin on a path (cycles and self-loops)", async () => {
    expect(await sortedColumn(from("(r)-[*..5]-(x)", "r.$dtId = 'room1'"), "x")).toEqual([
      "building1",
      "floor1",
      "floor2",
      "room2",
      "room3",
      "sensor1",
      "sensor2",
      "vendor1",
    ]);
    expect(await harness.all(from("(r)-[:adjacentTo]->(x)", "r.$dtId = 'room3'"))).toEqual([]);
  });

  it("returns each binding once however many paths lead to it", async () => {
    const rows = await column(from("(f)-[*..3]->(x)", "f.$dtId = 'floor1'"), "x");
    expect([...rows].sort()).toEqual(["room1", "room2", "sensor1", "sensor2", "vendor1"]);
    expect(
      await harness.all("SELECT COUNT() FROM DIGITALTWINS MATCH (f)-[*..3]->(x) WHERE f.$dtId = 'floor1'"),
    ).toEqual([{ COUNT: 5 }]);
  });

  it("binds a relationship variable for a single hop", async () => {
    expect(
      await harness.all(
        "SELECT r, rel FROM DIGITALTWINS MATCH (r)-[rel:servicedBy]->(v) WHERE v.$dtId = 'vendor1' AND rel.reportedCondition = 'dirty'",
      ),
    ).toEqual([{ r: twin("room2"), rel: relationship("r2-v1") }]);
    expect(
      await harness.all(
        "SELECT t.$dtId AS t, x.$relationshipId AS via FROM DIGITALTWINS MATCH (s)-[x]->(t) WHERE s.$dtId = 'room1'",
      ),
    ).toEqual([
      { t: "sensor1", via: "r1-s1" },
      { t: "vendor1", via: "r1-v1" },
    ]);
  });

  it("chains edges and anonymous nodes", async () => {
    expect(
      await harness.all(
        "SELECT f.$dtId AS f, r.$dtId AS r FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE b.$dtId = 'building1' AND r.temperature > 20",
      ),
    ).toEqual(
      expect.arrayContaining([
        { f: "floor1", r: "room1" },
        { f: "floor1", r: "room2" },
      ]),
    );
    expect(await sortedColumn(from("(b)-[:contains]->()-[:contains]->(x)", "b.$dtId = 'building1'"), "x")).toEqual([
      "room1",
      "room2",
      "room3",
    ]);
  });

  it("accepts a single node and filters on any node", async () => {
    expect(await column("SELECT x FROM DIGITALTWINS MATCH (x) WHERE x.$dtId = 'room1'", "x")).toEqual(["room1"]);
    expect(
      await sortedColumn(
        "SELECT Room, Factory FROM DIGITALTWINS MATCH (Room)<-[]-(Factory) WHERE Factory.$dtId = 'floor1' AND Room.temperature > 22",
        "Room",
      ),
    ).toEqual(["room2"]);
  });
});

describe("FROM RELATIONSHIPS", () => {
  it("returns relationship documents, filterable by their fields", async () => {
    expect(
      await harness.all(
        "SELECT * FROM RELATIONSHIPS WHERE $sourceId IN ['room1', 'room2'] AND $relationshipName = 'servicedBy'",
      ),
    ).toEqual([relationship("r1-v1"), relationship("r2-v1")]);
    expect(await harness.all("SELECT R.$relationshipId FROM RELATIONSHIPS R WHERE R.$targetId = 'room1'")).toEqual([
      { $relationshipId: "f1-r1" },
      { $relationshipId: "s2-r1" },
    ]);
    expect(await harness.all("SELECT COUNT() FROM RELATIONSHIPS")).toEqual([{ COUNT: 12 }]);
    expect(await harness.all("SELECT * FROM RELATIONSHIPS r WHERE r.since = 2020")).toEqual([relationship("b-v1")]);
  });
});
