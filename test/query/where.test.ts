import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPropertyTwins, propertyGraph } from "./fixtures.js";
import { seedTime } from "./support/graphSeed.js";
import { createQueryHarness, type QueryHarness } from "./support/queryHarness.js";

/**
 * WHERE semantics: ADT's three-valued logic. A missing property or a comparison across JSON
 * kinds is undefined, which drops the row and stays undefined under NOT; functions answer
 * true/false (type tests) or undefined (string and array tests on other kinds).
 */
let harness: QueryHarness;
beforeAll(() => {
  harness = createQueryHarness(propertyGraph);
});
afterAll(() => harness.close());

const cases: readonly (readonly [string, readonly string[]])[] = [
  // comparisons
  ["T.Temperature > 75", ["beta", "delta", "zeta"]],
  ["T.Temperature = 70", ["alpha"]],
  ["T.Temperature != 70", ["beta", "delta", "zeta"]],
  ["T.Temperature >= 80", ["beta", "zeta"]],
  ["T.Temperature <= 75.5", ["alpha", "delta"]],
  ["75 < T.Temperature", ["beta", "delta", "zeta"]],
  ["NOT T.Temperature < 80", ["beta", "zeta"]],
  ["NOT T.Temperature <= 80", ["zeta"]],
  ["T.Temperature = 'hot'", ["gamma"]],
  ["T.Temperature >= 'a'", ["gamma"]],
  ["NOT (T.Temperature = 'hot')", []],
  ["T.IsOccupied = true", ["alpha"]],
  ["T.IsOccupied != false", ["alpha"]],
  ["T.IsOccupied = TRUE", ["alpha"]],
  ["T.IsOccupied = 1", []],
  ["T.IsOccupied > false", ["alpha"]],
  ["T.Capacity != 0", ["beta", "gamma"]],
  ["T.nothing = null", ["alpha"]],
  ["T.nothing != null", []],
  ["T.Temperature = null", []],
  ["T.Temperature > -100", ["alpha", "beta", "delta", "zeta"]],
  ["T.Location.lat > 1", ["gamma"]],
  ["T.tags.size = 'small'", ["alpha"]],
  ["tags.size = 'small'", ["alpha"]],
  ["T.thermostat.temperature = 21", ["delta"]],
  ["T.Temperature > T.Humidity", ["alpha", "beta", "zeta"]],
  ["T.Humidity < T.Temperature", ["alpha", "beta", "zeta"]],
  ["T.name = 'D\\'Souza'", ["beta"]],
  ['T.name = "D\'Souza"', ["beta"]],
  ["name = 'Gamma'", ["gamma"]],
  ["[[Group]] = 'BravoTeam'", ["alpha"]],
  ["T.[[Group]] = 'BravoTeam'", ["alpha"]],
  ["T.temperature = 70", []],
  // literals on both sides
  ["1 = 1", allPropertyTwins],
  ["'a' = 1", []],
  ["NOT ('a' = 1)", []],
  ["null = null", allPropertyTwins],
  // the whole document
  ["T = 5", []],
  ["IS_DEFINED(T)", allPropertyTwins],
  ["IS_OBJECT(T)", allPropertyTwins],
  // system properties
  ["T.$dtId = 'alpha'", ["alpha"]],
  ["$dtId = 'beta'", ["beta"]],
  ["T.$dtId = 5", []],
  ["NOT T.$dtId = 5", []],
  ["T.$dtId > 'delta'", ["eps", "gamma", "zeta"]],
  ["T.$metadata.$model = 'dtmi:test:Thermostat;1'", ["delta"]],
  ["$metadata.$model = 'dtmi:test:Thermostat;1'", ["delta"]],
  [`T.$metadata.Temperature.lastUpdateTime = '${seedTime}'`, ["alpha", "beta", "delta", "gamma", "zeta"]],
  ["T.$metadata.$lastUpdateTime > '2024-01-01T00:00:00Z'", allPropertyTwins],
  ["T.$metadata.$lastUpdateTime > '2025-01-01T00:00:00Z'", []],
  ["T.$etag = 'W/\"etag-gamma\"'", ["gamma"]],
  ["T.thermostat.$metadata.temperature.lastUpdateTime = '2024-05-01T10:00:00.0000000Z'", ["delta"]],
  // IN / NIN
  ["T.$dtId IN ['alpha', 'beta', 'nope']", ["alpha", "beta"]],
  ["T.$dtId in ['alpha']", ["alpha"]],
  ["T.$dtId NIN ['alpha']", ["beta", "delta", "eps", "gamma", "zeta"]],
  ["T.$dtId IN [1, 2]", []],
  ["T.$dtId NIN [1, 2]", allPropertyTwins],
  ["T.Temperature IN [70, 'hot', true]", ["alpha", "gamma"]],
  ["T.Temperature NIN [70, 80]", ["delta", "gamma", "zeta"]],
  ["T.IsOccupied IN [false]", ["beta"]],
  ["T.nothing IN [null]", ["alpha"]],
  ["T.Location IN [1]", []],
  ["T.Location NIN [1]", ["gamma"]],
  ["'x' IN ['x', 'y']", allPropertyTwins],
  // type functions
  ["IS_DEFINED(T.Location)", ["gamma"]],
  ["IS_DEFINED(tags.red)", ["alpha", "zeta"]],
  ["IS_DEFINED(T.nothing)", ["alpha"]],
  ["IS_DEFINED(T.$dtId)", allPropertyTwins],
  ["NOT IS_DEFINED(tags.red) AND IS_DEFINED(tags.round)", ["beta"]],
  ["NOT IS_DEFINED(tags.red) AND tags.size = 'small'", []],
  ["IS_NUMBER(T.Temperature)", ["alpha", "beta", "delta", "zeta"]],
  ["IS_STRING(T.Temperature)", ["gamma"]],
  ["IS_STRING(T.$dtId)", allPropertyTwins],
  ["IS_NUMBER(T.$dtId)", []],
  ["IS_BOOL(T.IsOccupied)", ["alpha", "beta"]],
  ["IS_BOOL( IsOccupied ) AND IsOccupied != false", ["alpha"]],
  ["IS_OBJECT(T.Location)", ["gamma"]],
  ["IS_OBJECT(T.floor_number)", []],
  ["IS_OBJECT(T.thermostat)", ["delta"]],
  ["IS_OBJECT(T.Location) AND NOT IS_DEFINED(T.Location.alt)", ["gamma"]],
  ["IS_NULL(T.nothing)", ["alpha"]],
  ["NOT IS_NULL(T.Temperature)", allPropertyTwins],
  ["IS_PRIMITIVE(T.nothing)", ["alpha"]],
  ["IS_PRIMITIVE(T.floor_number)", ["gamma"]],
  ["IS_PRIMITIVE(T.Temperature)", ["alpha", "beta", "delta", "gamma", "zeta"]],
  ["NOT IS_NUMBER(T.Temperature)", ["eps", "gamma"]],
  // string functions
  ["STARTSWITH(T.name, 'D\\'')", ["beta"]],
  ["ENDSWITH(T.name, 'ma')", ["gamma"]],
  ["CONTAINS(T.name, 'lph')", ["alpha"]],
  ["CONTAINS(T.name, 'a')", ["alpha", "beta", "gamma", "zeta"]],
  ["STARTSWITH(T.name, 'a')", []],
  ["STARTSWITH(T.name, '')", ["alpha", "beta", "gamma", "zeta"]],
  ["NOT STARTSWITH(T.Temperature, 'h')", []],
  ["NOT STARTSWITH(T.name, 'A')", ["beta", "gamma", "zeta"]],
  ["STARTSWITH(T.$dtId, 'al')", ["alpha"]],
  ["STARTSWITH(T.$dtId, 'e')", ["eps"]],
  ["STARTSWITH(T.$dtId, '')", allPropertyTwins],
  ["ENDSWITH(T.$dtId, 'ta')", ["beta", "delta", "zeta"]],
  ["CONTAINS(T.$dtId, 'mm')", ["gamma"]],
  ["STARTSWITH(T.$dtId,'prod') OR ENDSWITH(T.$dtId,'a')", ["alpha", "beta", "delta", "gamma", "zeta"]],
  // arrays
  ["ARRAY_CONTAINS(T.floor_number, 2)", ["alpha", "beta"]],
  ["ARRAY_CONTAINS (T.floor_number, 3)", []],
  ["ARRAY_CONTAINS(T.floor_number, '2')", ["beta"]],
  ["ARRAY_CONTAINS(T.floor_number, 2.0)", ["alpha", "beta"]],
  ["NOT ARRAY_CONTAINS(T.floor_number, 1)", ["beta"]],
  ["ARRAY_CONTAINS(T.$dtId, 'a')", []],
  // models
  ["IS_OF_MODEL('dtmi:test:Space;1')", ["alpha", "beta", "eps", "gamma", "zeta"]],
  ["IS_OF_MODEL(T, 'dtmi:test:Room;1')", ["alpha", "beta", "gamma", "zeta"]],
  ["IS_OF_MODEL(T , 'dtmi:test:Room;2')", ["gamma", "zeta"]],
  ["IS_OF_MODEL('dtmi:test:Room;1', exact)", ["alpha", "beta"]],
  ["IS_OF_MODEL(T, 'dtmi:test:Room;2', EXACT)", ["gamma"]],
  ["IS_OF_MODEL('dtmi:test:Room;3')", []],
  ["IS_OF_MODEL('dtmi:test:Room')", ["alpha", "beta", "gamma", "zeta"]],
  ["IS_OF_MODEL('dtmi:test:Roo;1')", []],
  ["IS_OF_MODEL('dtmi:test:Room ;1')", []],
  ["IS_OF_MODEL('not a model')", []],
  ["NOT IS_OF_MODEL('dtmi:test:Space;1')", ["delta"]],
  // logic
  ["T.Temperature < 80 OR T.Humidity < 50", ["alpha", "delta", "zeta"]],
  ["T.Temperature < 80 AND T.Humidity < 50", ["alpha"]],
  ["(T.Temperature = 'hot' OR T.Capacity = 0) AND NOT IS_DEFINED(T.Location)", ["alpha"]],
  ["T.Capacity = 0 OR T.Capacity = 10 AND T.Temperature = 70", ["alpha"]],
  ["(T.Capacity = 0 OR T.Capacity = 10) AND T.Temperature = 70", ["alpha"]],
  ["NOT (T.Temperature > 75 OR T.Humidity > 50)", ["alpha"]],
  ["NOT NOT T.Temperature = 70", ["alpha"]],
  ["T.missing = 1 OR T.$dtId = 'eps'", ["eps"]],
];

describe("WHERE semantics (three-valued logic)", () => {
  it.each(cases)("WHERE %s", async (where, expected) => {
    expect(await harness.ids(`SELECT * FROM DIGITALTWINS T WHERE ${where}`)).toEqual([...expected].sort());
  });

  it("evaluates unqualified paths against the FROM collection, alias or not", async () => {
    expect(await harness.ids("SELECT * FROM DIGITALTWINS WHERE IS_DEFINED(Location)")).toEqual(["gamma"]);
    expect(await harness.ids("SELECT * FROM DIGITALTWINS WHERE Temperature = 70")).toEqual(["alpha"]);
  });

  it("keeps keywords case-insensitive and names case-sensitive", async () => {
    expect(await harness.ids("select * from digitaltwins t where t.Temperature = 70 and t.$dtId in ['alpha']")).toEqual(
      ["alpha"],
    );
    expect(await harness.ids("Select * From DigitalTwins T Where T.temperature = 70")).toEqual([]);
  });

  it("treats U+200B and newlines as whitespace", async () => {
    expect(await harness.ids("SELECT *\u200B FROM\nDIGITALTWINS T\r\n WHERE T.Temperature\t= 70")).toEqual(["alpha"]);
  });
});
