import type { GraphSeed } from "./support/graphSeed.js";

/** Twins with values of every JSON kind, for WHERE semantics. */
export const propertyGraph: GraphSeed = {
  models: [
    { id: "dtmi:test:Space;1" },
    { id: "dtmi:test:Room;1", extends: ["dtmi:test:Space;1"] },
    { id: "dtmi:test:Room;2", extends: ["dtmi:test:Space;1"] },
    { id: "dtmi:test:SmartRoom;1", extends: ["dtmi:test:Room;2"] },
    { id: "dtmi:test:Thermostat;1" },
  ],
  twins: [
    {
      id: "alpha",
      model: "dtmi:test:Room;1",
      properties: {
        Temperature: 70,
        Humidity: 40,
        name: "Alpha",
        IsOccupied: true,
        tags: { red: true, size: "small" },
        floor_number: [1, 2, [3]],
        Capacity: 0,
        nothing: null,
        Group: "BravoTeam",
      },
    },
    {
      id: "beta",
      model: "dtmi:test:Room;1",
      properties: {
        Temperature: 80,
        Humidity: 60,
        name: "D'Souza",
        IsOccupied: false,
        tags: { round: true, size: "large" },
        floor_number: [2, "2"],
        Capacity: 10,
      },
    },
    {
      id: "gamma",
      model: "dtmi:test:Room;2",
      properties: {
        Temperature: "hot",
        name: "Gamma",
        Location: { lat: 1.5, lon: 2 },
        Capacity: 25,
        floor_number: "2",
      },
    },
    {
      id: "delta",
      model: "dtmi:test:Thermostat;1",
      properties: { Temperature: 75.5 },
      components: { thermostat: { temperature: 21 } },
    },
    { id: "eps", model: "dtmi:test:Space;1" },
    {
      id: "zeta",
      model: "dtmi:test:SmartRoom;1",
      properties: { Temperature: 90, Humidity: 30, tags: { red: false }, name: "zeta" },
    },
  ],
};

export const allPropertyTwins = ["alpha", "beta", "delta", "eps", "gamma", "zeta"];

/**
 * A small estate for JOIN and MATCH:
 *
 *   building1 -contains-> floor1 -contains-> room1 -contains-> sensor1
 *                                 \-contains-> room2 -contains-> sensor2
 *   building1 -contains-> floor2 -contains-> room3
 *   building1 -servicedBy-> vendor1 ; room1 -servicedBy-> vendor1 (condition clean), room2 -servicedBy-> vendor1 (dirty)
 *   sensor2 -feeds-> room1 (a cycle through room1 -> sensor1? no: room1 -contains-> sensor1, sensor2 -feeds-> room1)
 *   room3 -adjacentTo-> room3 (a self-loop)
 */
export const estateGraph: GraphSeed = {
  models: [
    { id: "dtmi:test:Building;1" },
    { id: "dtmi:test:Floor;1" },
    { id: "dtmi:test:Room;1" },
    { id: "dtmi:test:Sensor;1" },
    { id: "dtmi:test:Vendor;1" },
  ],
  twins: [
    { id: "building1", model: "dtmi:test:Building;1", properties: { name: "HQ", area: 5000 } },
    { id: "floor1", model: "dtmi:test:Floor;1", properties: { level: 1 } },
    { id: "floor2", model: "dtmi:test:Floor;1", properties: { level: 2 } },
    { id: "room1", model: "dtmi:test:Room;1", properties: { name: "Lab", temperature: 21 } },
    { id: "room2", model: "dtmi:test:Room;1", properties: { name: "Office", temperature: 24 } },
    { id: "room3", model: "dtmi:test:Room;1", properties: { name: "Store", temperature: 18 } },
    { id: "sensor1", model: "dtmi:test:Sensor;1", properties: { value: 21.5 } },
    { id: "sensor2", model: "dtmi:test:Sensor;1", properties: { value: 24.5 } },
    { id: "vendor1", model: "dtmi:test:Vendor;1", properties: { name: "Acme" } },
  ],
  relationships: [
    { source: "building1", id: "b-f1", name: "contains", target: "floor1" },
    { source: "building1", id: "b-f2", name: "contains", target: "floor2" },
    { source: "floor1", id: "f1-r1", name: "contains", target: "room1" },
    { source: "floor1", id: "f1-r2", name: "contains", target: "room2" },
    { source: "floor2", id: "f2-r3", name: "contains", target: "room3" },
    { source: "room1", id: "r1-s1", name: "contains", target: "sensor1" },
    { source: "room2", id: "r2-s2", name: "contains", target: "sensor2" },
    { source: "building1", id: "b-v1", name: "servicedBy", target: "vendor1", properties: { since: 2020 } },
    { source: "room1", id: "r1-v1", name: "servicedBy", target: "vendor1", properties: { reportedCondition: "clean" } },
    { source: "room2", id: "r2-v1", name: "servicedBy", target: "vendor1", properties: { reportedCondition: "dirty" } },
    { source: "sensor2", id: "s2-r1", name: "feeds", target: "room1" },
    { source: "room3", id: "r3-r3", name: "adjacentTo", target: "room3" },
  ],
};
