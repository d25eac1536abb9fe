import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estateGraph, propertyGraph } from "./fixtures.js";
import { twinDocument } from "./support/graphSeed.js";
import { createQueryHarness, type QueryHarness } from "./support/queryHarness.js";

/** Doppel's extensions (default mode): ORDER BY, DISTINCT, GROUP BY with aggregates, unanchored graphs. */
let twins: QueryHarness;
let estate: QueryHarness;
beforeAll(() => {
  twins = createQueryHarness(propertyGraph);
  estate = createQueryHarness(estateGraph);
});
afterAll(() => {
  twins.close();
  estate.close();
});

const ids = (rows: unknown[]) => (rows as { id: string }[]).map((row) => row.id);

/** Every page size gives the same rows in the same order. */
async function pagedAlike(harness: QueryHarness, query: string): Promise<unknown[]> {
  const whole = await harness.all(query);
  for (const size of [1, 2, 5]) expect(await harness.all(query, size)).toEqual(whole);
  return whole;
}

describe("ORDER BY", () => {
  it("orders by a property: missing first ascending, numbers before strings", async () => {
    expect(ids(await pagedAlike(twins, "SELECT T.$dtId AS id FROM DIGITALTWINS T ORDER BY T.Temperature"))).toEqual([
      "eps",
      "alpha",
      "delta",
      "beta",
      "zeta",
      "gamma",
    ]);
    expect(
      ids(await pagedAlike(twins, "SELECT T.$dtId AS id FROM DIGITALTWINS T ORDER BY T.Temperature DESC")),
    ).toEqual(["gamma", "zeta", "beta", "delta", "alpha", "eps"]);
  });

  it("orders by several keys in both directions", async () => {
    expect(
      ids(await pagedAlike(twins, "SELECT T.$dtId AS id FROM DIGITALTWINS T ORDER BY T.Capacity ASC, T.$dtId DESC")),
    ).toEqual(["zeta", "eps", "delta", "alpha", "beta", "gamma"]);
  });

  it("combines with TOP and with JOIN rows", async () => {
    expect(
      await estate.all(
        "SELECT TOP(2) R.$dtId AS id FROM DIGITALTWINS R WHERE IS_OF_MODEL(R, 'dtmi:test:Room;1') ORDER BY R.temperature DESC",
        1,
      ),
    ).toEqual([{ id: "room2" }, { id: "room1" }]);
    expect(
      await pagedAlike(
        estate,
        "SELECT F.$dtId AS f, R.$dtId AS id FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE IS_OF_MODEL(F, 'dtmi:test:Floor;1') ORDER BY R.temperature DESC",
      ),
    ).toEqual([
      { f: "floor1", id: "room2" },
      { f: "floor1", id: "room1" },
      { f: "floor2", id: "room3" },
    ]);
  });

  it("orders MATCH bindings", async () => {
    expect(
      await pagedAlike(
        estate,
        "SELECT x.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains*..3]->(x) WHERE b.$dtId = 'building1' ORDER BY x.$dtId DESC",
      ),
    ).toEqual(["sensor2", "sensor1", "room3", "room2", "room1", "floor2", "floor1"].map((id) => ({ id })));
  });
});

describe("DISTINCT", () => {
  it("returns each distinct projection once", async () => {
    expect(await pagedAlike(twins, "SELECT DISTINCT T.$metadata.$model AS model FROM DIGITALTWINS T")).toEqual([
      { model: "dtmi:test:Room;1" },
      { model: "dtmi:test:Room;2" },
      { model: "dtmi:test:SmartRoom;1" },
      { model: "dtmi:test:Space;1" },
      { model: "dtmi:test:Thermostat;1" },
    ]);
    expect(await pagedAlike(twins, "SELECT DISTINCT T.tags.size FROM DIGITALTWINS T")).toEqual([
      {},
      { size: "large" },
      { size: "small" },
    ]);
    expect(
      await pagedAlike(
        estate,
        "SELECT DISTINCT V.$dtId AS vendor FROM DIGITALTWINS R JOIN V RELATED R.servicedBy WHERE IS_OF_MODEL(R, 'dtmi:test:Room;1')",
      ),
    ).toEqual([{ vendor: "vendor1" }]);
  });
});

describe("GROUP BY and aggregates", () => {
  it("computes COUNT, SUM, AVG, MIN and MAX per group", async () => {
    expect(
      await pagedAlike(
        twins,
        "SELECT T.$metadata.$model AS model, COUNT() AS n, AVG(T.Temperature) AS avgT, MIN(T.Temperature) AS lo, MAX(T.Temperature) AS hi, SUM(T.Capacity) AS cap FROM DIGITALTWINS T GROUP BY T.$metadata.$model",
      ),
    ).toEqual([
      { model: "dtmi:test:Room;1", n: 2, avgT: 75, lo: 70, hi: 80, cap: 10 },
      { model: "dtmi:test:Room;2", n: 1, lo: "hot", hi: "hot", cap: 25 },
      { model: "dtmi:test:SmartRoom;1", n: 1, avgT: 90, lo: 90, hi: 90, cap: 0 },
      { model: "dtmi:test:Space;1", n: 1, cap: 0 },
      { model: "dtmi:test:Thermostat;1", n: 1, avgT: 75.5, lo: 75.5, hi: 75.5, cap: 0 },
    ]);
  });

  it("orders groups by an aggregate or an output name", async () => {
    expect(
      await pagedAlike(
        twins,
        "SELECT T.$metadata.$model AS model, COUNT() AS n FROM DIGITALTWINS T GROUP BY T.$metadata.$model ORDER BY n DESC, model DESC",
      ),
    ).toEqual([
      { model: "dtmi:test:Room;1", n: 2 },
      { model: "dtmi:test:Thermostat;1", n: 1 },
      { model: "dtmi:test:Space;1", n: 1 },
      { model: "dtmi:test:SmartRoom;1", n: 1 },
      { model: "dtmi:test:Room;2", n: 1 },
    ]);
  });

  it("aggregates without GROUP BY into one row", async () => {
    expect(
      await twins.all("SELECT COUNT() AS n, AVG(T.Temperature) AS a, COUNT(T.Humidity) AS h FROM DIGITALTWINS T"),
    ).toEqual([{ n: 6, a: 78.875, h: 3 }]);
    expect(await twins.all("SELECT MAX(T.Humidity) FROM DIGITALTWINS T WHERE T.$dtId = 'nope'")).toEqual([{}]);
    expect(await twins.all("SELECT SUM(T.Humidity) FROM DIGITALTWINS T WHERE T.$dtId = 'nope'")).toEqual([{ SUM: 0 }]);
  });

  it("aggregates over JOIN rows, MATCH bindings and whole collections", async () => {
    expect(
      await pagedAlike(
        estate,
        "SELECT F.$dtId AS floor, COUNT() AS rooms, AVG(R.temperature) AS t FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE IS_OF_MODEL(F, 'dtmi:test:Floor;1') GROUP BY F.$dtId",
      ),
    ).toEqual([
      { floor: "floor1", rooms: 2, t: 22.5 },
      { floor: "floor2", rooms: 1, t: 18 },
    ]);
    expect(
      await pagedAlike(
        estate,
        "SELECT b.$dtId AS b, COUNT() AS n FROM DIGITALTWINS MATCH (b)-[:contains*2]->(r) GROUP BY b.$dtId",
      ),
    ).toEqual([
      { b: "building1", n: 3 },
      { b: "floor1", n: 2 },
    ]);
    const floor = (id: string) => twinDocument(estateGraph.twins!.find((seed) => seed.id === id)!);
    expect(
      await pagedAlike(
        estate,
        "SELECT F, COUNT() AS n FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE IS_OF_MODEL(F, 'dtmi:test:Floor;1') GROUP BY F",
      ),
    ).toEqual([
      { F: floor("floor1"), n: 2 },
      { F: floor("floor2"), n: 1 },
    ]);
  });
});

describe("JOIN and MATCH without a $dtId anchor", () => {
  it("runs over the whole graph", async () => {
    expect(
      await estate.all(
        "SELECT F.$dtId AS f, R.$dtId AS r FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE IS_OF_MODEL(F, 'dtmi:test:Floor;1')",
      ),
    ).toEqual([
      { f: "floor1", r: "room1" },
      { f: "floor1", r: "room2" },
      { f: "floor2", r: "room3" },
    ]);
    expect(
      (
        await estate.all(
          "SELECT s.$dtId AS s FROM DIGITALTWINS MATCH (r)-[:contains]->(s) WHERE IS_OF_MODEL(s, 'dtmi:test:Sensor;1')",
        )
      )
        .map((row) => (row as { s: string }).s)
        .sort(),
    ).toEqual(["sensor1", "sensor2"]);
  });
});
