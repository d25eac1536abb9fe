import { DefaultHttpClient, type WebResourceLike } from "@azure/core-http";
import { DigitalTwinsClient } from "@azure/digital-twins-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeCredential, startTestServer, type TestServer } from "../support/testServer.js";
import {
  expectJson,
  normalize,
  type RecordedEntry,
  readRecording,
  recordingsAvailable,
  twinPath,
  uploadModels,
} from "./support.js";

/**
 * The recorded traffic of the live service (../shared/adt/recordings), replayed through the
 * official SDK over HTTPS: for every twin, component, relationship and telemetry call of the
 * js-*, py- and net- recordings, the same status, the same error code and the whole body (key
 * order included), etags, times, hosts and continuation tokens aside.
 */

const enabled = recordingsAvailable();
let t: TestServer;
beforeAll(async () => {
  if (!enabled) return;
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

/** What a call answered, however the SDK surfaced it. */
interface Answer {
  readonly status: number;
  readonly body: string;
  readonly etag: string | undefined;
  readonly errorCode: string | undefined;
}

interface SdkResponse {
  _response: { status: number; bodyAsText?: string | null; headers: { get(name: string): string | undefined } };
}

interface SdkError {
  statusCode?: number;
  response?: { bodyAsText?: string | null; headers: { get(name: string): string | undefined } };
}

async function answer(call: Promise<unknown>): Promise<Answer> {
  try {
    const res = ((await call) as SdkResponse)._response;
    return {
      status: res.status,
      body: res.bodyAsText ?? "",
      etag: res.headers.get("etag"),
      errorCode: res.headers.get("x-ms-error-code"),
    };
  } catch (error) {
    const e = error as SdkError;
    if (e.statusCode === undefined || e.response === undefined) throw error;
    return {
      status: e.statusCode,
      body: e.response.bodyAsText ?? "",
      etag: e.response.headers.get("etag"),
      errorCode: e.response.headers.get("x-ms-error-code"),
    };
  }
}

/** Recorded etags mapped to the ones this server issued for the same write. */
type EtagMap = Map<string, string>;

/**
 * The SDK at the recording's api-version. 1.1.0 sends 2022-05-31 whatever its `apiVersion`
 * option says (the parameter is a constant), so other versions are set on the wire.
 */
function sdkFor(version: string): DigitalTwinsClient {
  if (version === "2022-05-31") return new DigitalTwinsClient(t.url, fakeCredential);
  const http = new DefaultHttpClient();
  const httpClient = {
    sendRequest(request: WebResourceLike) {
      const url = new URL(request.url);
      url.searchParams.set("api-version", version);
      request.url = url.toString();
      return http.sendRequest(request);
    },
  };
  return new DigitalTwinsClient(t.url, fakeCredential, { httpClient });
}

/** Issues the recorded request through the matching SDK method. */
function call(client: DigitalTwinsClient, entry: RecordedEntry, body: unknown, etags: EtagMap): Promise<Answer> {
  const url = new URL(entry.RequestUri);
  const segments = url.pathname.split("/").slice(1).map(decodeURIComponent);
  const headers = entry.RequestHeaders ?? {};
  const ifMatch =
    headers["If-Match"] === undefined ? undefined : (etags.get(headers["If-Match"]) ?? headers["If-Match"]);
  const ifNoneMatch = headers["If-None-Match"];
  const method = entry.RequestMethod;
  const [root, id, sub, name] = segments as [string, string, string | undefined, string | undefined];
  if (root === "models") {
    if (method === "POST") return answer(client.createModels(body as unknown[]));
    if (method === "DELETE") return answer(client.deleteModel(id));
  }
  if (root === "digitaltwins" && sub === undefined) {
    if (method === "PUT")
      return answer(client.upsertDigitalTwin(id, JSON.stringify(body), ifNoneMatch ? { ifNoneMatch } : {}));
    if (method === "GET") return answer(client.getDigitalTwin(id));
    if (method === "PATCH") return answer(client.updateDigitalTwin(id, body, ifMatch ? { ifMatch } : {}));
    if (method === "DELETE") return answer(client.deleteDigitalTwin(id, ifMatch ? { ifMatch } : {}));
  }
  if (root === "digitaltwins" && sub === "components" && name !== undefined) {
    if (method === "GET") return answer(client.getComponent(id, name));
    if (method === "PATCH")
      return answer(client.updateComponent(id, name, body as unknown[], ifMatch ? { ifMatch } : {}));
  }
  if (root === "digitaltwins" && sub === "relationships" && name !== undefined) {
    if (method === "PUT") return answer(client.upsertRelationship(id, name, body, ifNoneMatch ? { ifNoneMatch } : {}));
    if (method === "GET") return answer(client.getRelationship(id, name));
    if (method === "PATCH")
      return answer(client.updateRelationship(id, name, body as unknown[], ifMatch ? { ifMatch } : {}));
    if (method === "DELETE") return answer(client.deleteRelationship(id, name, ifMatch ? { ifMatch } : {}));
  }
  if (root === "digitaltwins" && (sub === "relationships" || sub === "incomingrelationships") && name === undefined) {
    return firstPage(client, id, sub);
  }
  if (root === "digitaltwins" && sub === "telemetry")
    return answer(client.publishTelemetry(id, body, "recorded-message"));
  throw new Error(`no SDK mapping for ${method} ${url.pathname}`);
}

async function firstPage(client: DigitalTwinsClient, id: string, list: string): Promise<Answer> {
  const pages =
    list === "relationships" ? client.listRelationships(id).byPage() : client.listIncomingRelationships(id).byPage();
  try {
    const page = (await pages.next()).value as unknown as SdkResponse;
    return answer(Promise.resolve(page));
  } catch (error) {
    return answer(Promise.reject(error));
  }
}

/** Entries outside this area (query, event routes, model listing) or not reproducible (throttling). */
function replayable(entry: RecordedEntry): boolean {
  const path = new URL(entry.RequestUri).pathname;
  if (
    path.startsWith("/query") ||
    path.startsWith("/eventroutes") ||
    path.startsWith("/Models") ||
    path.startsWith("/jobs")
  )
    return false;
  if (entry.StatusCode === 429) return false;
  // Follow-up pages carry the live service's own continuation tokens; paging has its own test.
  if (new URL(entry.RequestUri).searchParams.has("continuationToken")) return false;
  return !(entry.RequestMethod === "GET" && path === "/models");
}

/** Replays a recording's entries in order and compares each answer with the recorded one. */
async function replay(file: string, entries = readRecording(file)): Promise<number> {
  const version = new URL(entries[0]!.RequestUri).searchParams.get("api-version")!;
  const client = sdkFor(version);
  const etags: EtagMap = new Map();
  let previousBody: unknown;
  let compared = 0;
  for (const entry of entries) {
    const body = entry.RequestBody === "(same as previous)" ? previousBody : entry.RequestBody;
    previousBody = body;
    if (!replayable(entry)) continue;
    const label = `${file}: ${entry.RequestMethod} ${entry.RequestUri} (${entry._test ?? ""})`;
    const got = await call(client, entry, body, etags);
    expect(got.status, label).toBe(entry.StatusCode);
    const recorded = entry.ResponseBody;
    if (recorded === null || recorded === undefined || recorded === "") {
      expect(got.body, label).toBe("");
    } else if (typeof recorded === "object") {
      expect(JSON.stringify(normalize(JSON.parse(got.body))), label).toBe(JSON.stringify(normalize(recorded)));
    }
    const recordedEtag = entry.ResponseHeaders?.ETag;
    if (recordedEtag !== undefined) {
      expect(got.etag, label).toMatch(/^W\/"[0-9a-f-]{36}"$/);
      etags.set(recordedEtag, got.etag!);
    } else if (entry.StatusCode >= 400) {
      expect(got.etag, label).toBeUndefined();
    }
    if (entry.StatusCode >= 400) {
      expect(got.errorCode, label).toBe((recorded as { error: { code: string } }).error.code);
    }
    compared++;
  }
  return compared;
}

const v2 = "dtmi:dtdl:context;2";
const property = (name: string, schema: string) => ({ "@type": "Property", name, schema });

/** The models the recorded tests uploaded (their setup entries were condensed away). */
const recordedModels = {
  building: {
    "@id": "dtmi:samples:DTTestBuilding;1",
    "@type": "Interface",
    "@context": v2,
    displayName: "Building",
    contents: [property("AverageTemperature", "double"), property("TemperatureUnit", "string")],
  },
  components: [
    {
      "@id": "dtmi:samples:DTComponentTestsComponent;1",
      "@type": "Interface",
      "@context": v2,
      displayName: "Component1",
      contents: [
        property("ComponentProp1", "string"),
        { "@type": "Telemetry", name: "ComponentTelemetry1", schema: "integer" },
      ],
    },
    {
      "@id": "dtmi:samples:DTComponentTestsModel;1",
      "@type": "Interface",
      "@context": v2,
      displayName: "TempModel",
      contents: [
        property("Prop1", "string"),
        { "@type": "Component", name: "Component1", schema: "dtmi:samples:DTComponentTestsComponent;1" },
        { "@type": "Telemetry", name: "Telemetry1", schema: "integer" },
      ],
    },
  ],
  relationships: [
    {
      "@id": "dtmi:samples:DTRelationshipsTestsBuilding;1",
      "@type": "Interface",
      "@context": v2,
      displayName: "Building",
      contents: [
        {
          "@type": "Relationship",
          name: "has",
          target: "dtmi:samples:DTRelationshipsTestsFloor;1",
          properties: [property("isAccessRestricted", "boolean")],
        },
        property("AverageTemperature", "double"),
      ],
    },
    {
      "@id": "dtmi:samples:DTRelationshipsTestsFloor;1",
      "@type": "Interface",
      "@context": v2,
      displayName: "Floor",
      contents: [
        { "@type": "Relationship", name: "contains", target: "dtmi:samples:DTRelationshipsTestsRoom;1" },
        property("AverageTemperature", "double"),
      ],
    },
    {
      "@id": "dtmi:samples:DTRelationshipsTestsRoom;1",
      "@type": "Interface",
      "@context": v2,
      displayName: "Room",
      contents: [property("Temperature", "double"), property("IsOccupied", "boolean")],
    },
  ],
  /** The .NET tests' room (patch/etag recording). */
  netRoom: {
    "@id": "dtmi:example:room;111132930",
    "@type": "Interface",
    "@context": v2,
    displayName: "Room",
    contents: [
      property("Temperature", "double"),
      property("Humidity", "double"),
      property("IsOccupied", "boolean"),
      property("EmployeeId", "string"),
    ],
  },
};

async function putRaw(id: string, body: unknown): Promise<void> {
  expectJson(await t.request("PUT", twinPath(id), { body }), 200);
}

async function relationshipTwins(): Promise<void> {
  await putRaw("DTRelationshipsTestsBuildingTwin", {
    $metadata: { $model: "dtmi:samples:DTRelationshipsTestsBuilding;1" },
    AverageTemperature: 68,
  });
  await putRaw("DTRelationshipsTestsFloorTwin", {
    $metadata: { $model: "dtmi:samples:DTRelationshipsTestsFloor;1" },
    AverageTemperature: 75,
  });
  await putRaw("DTRelationshipsTestsRoomTwin", {
    $metadata: { $model: "dtmi:samples:DTRelationshipsTestsRoom;1" },
    Temperature: 80,
    IsOccupied: true,
  });
}

async function ensureModel(model: { "@id": string }): Promise<void> {
  const res = await t.request("GET", `/models/${encodeURIComponent(model["@id"])}?api-version=2023-10-31`);
  if (res.status === 404) await uploadModels(t, [model]);
}

async function removeModel(id: string): Promise<void> {
  await t.request("DELETE", `/models/${encodeURIComponent(id)}?api-version=2023-10-31`);
}

async function clearTwins(ids: readonly string[]): Promise<void> {
  for (const id of ids) await t.request("DELETE", twinPath(id, "", "api-version=2023-10-31&deleteRelationships=true"));
}

describe.skipIf(!enabled)("recorded live-service traffic through the official SDK", () => {
  it("js: create a twin conditionally (model 404/201, twin 404, PUT 200, PUT If-None-Match 412, DELETE 204)", async () => {
    expect(await replay("js-create_digitaltwin_conditionally_if_missing.json")).toBe(7);
  });

  it("js: create a twin of a model that does not exist (ValidationFailed with details)", async () => {
    expect(await replay("js-create_digitaltwin_without_model.json")).toBe(1);
  });

  it("js: malformed If-None-Match and If-Match (InvalidArgument)", async () => {
    expect(await replay("js-upsert_and_delete_invalid_conditions.json")).toBe(2);
  });

  it("js: an unsupported JSON Patch operation (JsonPatchInvalid)", async () => {
    await ensureModel(recordedModels.building);
    expect(await replay("js-update_digital_twin_invalid_patch.json")).toBe(2);
    await clearTwins(["create-simple-digitaltwin-235"]);
  });

  it("js: components (twin with a component, ComponentNotFound, JsonPatchInvalid)", async () => {
    await uploadModels(t, recordedModels.components);
    expect(await replay("js-components_and_eventroutes.json")).toBe(3);
    await clearTwins(["DTComponentTestsTempTwin"]);
  });

  it("js: relationships (create with property, empty incoming list, TargetDigitalTwinNotFound, RelationshipNotFound, If-None-Match 412)", async () => {
    await uploadModels(t, recordedModels.relationships);
    await relationshipTwins();
    expect(await replay("js-relationships.json")).toBe(6);
    await clearTwins([
      "DTRelationshipsTestsBuildingTwin",
      "DTRelationshipsTestsFloorTwin",
      "DTRelationshipsTestsRoomTwin",
    ]);
  });

  it("js 2025 (api 2023-10-31): $lastUpdateTime, relationship PUT and list, 404/400 with x-ms-error-code", async () => {
    // The recording kept the room twin's answer but not its request: rebuild the request from it.
    await removeModel(recordedModels.building["@id"]);
    const room = readRecording("js2025-assets_api-2023-10-31.json")[0]!.ResponseBody as Record<string, any>;
    expect(room.$dtId).toBe("DTRelationshipsTestsRoomTwin");
    await putRaw("DTRelationshipsTestsBuildingTwin", {
      $metadata: { $model: "dtmi:samples:DTRelationshipsTestsBuilding;1" },
    });
    await putRaw("DTRelationshipsTestsFloorTwin", {
      $metadata: { $model: "dtmi:samples:DTRelationshipsTestsFloor;1" },
    });
    const entries = readRecording("js2025-assets_api-2023-10-31.json");
    (entries[0] as { RequestBody?: unknown }).RequestBody = {
      $metadata: { $model: room.$metadata.$model },
      Temperature: 80,
      IsOccupied: true,
    };
    expect(await replay("js2025-assets_api-2023-10-31.json", entries)).toBe(6);
    await clearTwins([
      "DTRelationshipsTestsBuildingTwin",
      "DTRelationshipsTestsFloorTwin",
      "DTRelationshipsTestsRoomTwin",
    ]);
  });

  it("py (api 2022-05-31): telemetry 204/404, unknown property ValidationFailed, DELETE 404", async () => {
    await ensureModel(recordedModels.building);
    expect(await replay("py-twins_telemetry_errors_2023.json")).toBe(5);
  });

  it("net (api 2022-05-31): $dtId/$etag nulls, GET, PATCH If-Match *, 412 on a stale etag", async () => {
    await uploadModels(t, [recordedModels.netRoom]);
    expect(await replay("net-patch_twin_etag_mismatch_and_model_paging.json")).toBe(4);
  });

  it("net (api 2022-05-31): relationship pages of 10 in id order with absolute nextLinks; incoming $relationshipLink", async () => {
    await uploadModels(t, [
      {
        "@id": "dtmi:example:floor;1",
        "@type": "Interface",
        "@context": v2,
        contents: [
          { "@type": "Relationship", name: "contains", properties: [property("isAccessRestricted", "boolean")] },
        ],
      },
      {
        "@id": "dtmi:example:pagedroom;1",
        "@type": "Interface",
        "@context": v2,
        contents: [{ "@type": "Relationship", name: "containedIn" }],
      },
    ]);
    const floor = "floorTwin1629154322";
    const room = "roomTwin655853303";
    await putRaw(floor, { $metadata: { $model: "dtmi:example:floor;1" } });
    await putRaw(room, { $metadata: { $model: "dtmi:example:pagedroom;1" } });
    const client = sdkFor("2022-05-31");
    for (let i = 0; i <= 30; i++) {
      await client.upsertRelationship(floor, `FloorToRoomRelationship-${i}-1986313360`, {
        $relationshipName: "contains",
        $targetId: room,
        isAccessRestricted: true,
      });
    }
    for (let i = 0; i <= 10; i++) {
      await client.upsertRelationship(room, `RoomToFloorRelationship-${i}-1986313360`, {
        $relationshipName: "containedIn",
        $targetId: floor,
      });
    }
    const recorded = readRecording("net-relationships_pagination_and_429.json");
    const pages: { nextLink?: string; value: { $relationshipId: string }[]; _response: SdkResponse["_response"] }[] =
      [];
    for await (const page of client.listRelationships(floor).byPage()) pages.push(page as never);
    expect(pages.map((p) => p.value.length)).toEqual([10, 10, 10, 1]);
    expect(JSON.stringify(normalize(JSON.parse(pages[0]!._response.bodyAsText!)))).toBe(
      JSON.stringify(normalize(recorded[0]!.ResponseBody)),
    );
    const ids = (page: number) => pages[page]!.value.map((r) => r.$relationshipId.split("-")[1]);
    expect(ids(1)).toEqual(["18", "19", "2", "20", "21", "22", "23", "24", "25", "26"]);
    expect(ids(2)).toEqual(["27", "28", "29", "3", "30", "4", "5", "6", "7", "8"]);
    const incoming: { body: string }[] = [];
    for await (const page of client.listIncomingRelationships(floor).byPage()) {
      incoming.push({ body: (page as unknown as SdkResponse)._response.bodyAsText! });
    }
    expect(incoming).toHaveLength(2);
    expect(JSON.stringify(normalize(JSON.parse(incoming[1]!.body)))).toBe(
      JSON.stringify(normalize(recorded[3]!.ResponseBody)),
    );
    await clearTwins([floor, room]);
  });
});
