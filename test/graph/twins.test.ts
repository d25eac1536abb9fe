import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import {
  api,
  buildingModel,
  etagPattern,
  eventsAfter,
  expectError,
  expectJson,
  lastSeq,
  normalize,
  patch,
  putTwin,
  richModels,
  timePattern,
  traceparentPattern,
  twinPath,
  uploadModels,
} from "./support.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await uploadModels(t, [buildingModel, ...richModels]);
  await uploadModels(t, [
    {
      "@id": "dtmi:test:Old;1",
      "@type": "Interface",
      "@context": "dtmi:dtdl:context;2",
      contents: [{ "@type": "Property", name: "name", schema: "string" }],
    },
  ]);
  const res = await patch(t, `/models/${encodeURIComponent("dtmi:test:Old;1")}?${api}`, [
    { op: "replace", path: "/decommissioned", value: true },
  ]);
  expect(res.status).toBe(204);
});
afterAll(async () => {
  await t.close();
});

const building = "dtmi:samples:DTTestBuilding;1";
const rich = "dtmi:test:Rich;1";
const notOnModel = (name: string) =>
  `${name} does not exist on component. Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.`;
const targetNotFound = (segment: string) =>
  `The target location specified by path segment '${segment}' was not found. Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.`;
const twinNotFoundMessage = (id: string) =>
  `There is no digital twin instance that exists with the ID ${id}. Please verify that the twin id is valid and ensure that the twin is not deleted. See section on querying the twins https://aka.ms/adtv2query.`;

function richTwin(extra: Record<string, unknown> = {}) {
  return { $metadata: { $model: rich }, panel: { $metadata: {} }, ...extra };
}

describe("PUT and GET /digitaltwins/{id}", () => {
  it("creates a twin: 200 with the whole twin, ETag = $etag, 7-digit times, and a Twin.Create event", async () => {
    const before = await lastSeq(t);
    const res = await putTwin(t, "b-create", {
      $metadata: { $model: building },
      AverageTemperature: 68,
      TemperatureUnit: "Celsius",
    });
    expectJson(res, 200);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(etagPattern);
    const time = res.body.$metadata.$lastUpdateTime;
    expect(time).toMatch(timePattern);
    expect(res.text).toBe(
      JSON.stringify({
        $dtId: "b-create",
        $etag: etag,
        AverageTemperature: 68,
        TemperatureUnit: "Celsius",
        $metadata: {
          $model: building,
          $lastUpdateTime: time,
          AverageTemperature: { lastUpdateTime: time },
          TemperatureUnit: { lastUpdateTime: time },
        },
      }),
    );
    const get = await t.request("GET", twinPath("b-create"));
    expectJson(get, 200);
    expect(get.headers.get("etag")).toBe(etag);
    expect(get.text).toBe(res.text);

    const events = await eventsAfter(t, before);
    expect(events).toHaveLength(1);
    expect(events[0]!.twinId).toBe("b-create");
    expect(events[0]!.type).toBe("Microsoft.DigitalTwins.Twin.Create");
    const event = events[0]!.event;
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.traceparent).toMatch(traceparentPattern);
    expect(event).toEqual({
      specversion: "1.0",
      id: event.id,
      type: "Microsoft.DigitalTwins.Twin.Create",
      source: new URL(t.url).host,
      data: res.body,
      subject: "b-create",
      time,
      datacontenttype: "application/json",
      traceparent: event.traceparent,
    });
  });

  it("answers api-version 2020-10-31 without $lastUpdateTime and sourceTime (twin and component)", async () => {
    const body = richTwin({
      $metadata: { $model: rich, name: { sourceTime: "2022-05-31T12:00:01.000125009Z" } },
      name: "n",
      panel: { $metadata: { level: { sourceTime: "2022-05-31T12:00:00Z" } }, level: 1 },
    });
    const old = await putTwin(t, "r-2020", body, {}, "api-version=2020-10-31");
    expectJson(old, 200);
    expect(normalize(old.body)).toEqual({
      $dtId: "r-2020",
      $etag: 'W/"<etag>"',
      name: "n",
      panel: { level: 1, $metadata: { level: { lastUpdateTime: "<time>" } } },
      $metadata: { $model: rich, name: { lastUpdateTime: "<time>" } },
    });
    const current = await t.request("GET", twinPath("r-2020"));
    expect(normalize(current.body)).toEqual({
      $dtId: "r-2020",
      $etag: 'W/"<etag>"',
      name: "n",
      panel: {
        level: 1,
        $metadata: {
          $lastUpdateTime: "<time>",
          level: { lastUpdateTime: "<time>", sourceTime: "2022-05-31T12:00:00Z" },
        },
      },
      $metadata: {
        $model: rich,
        $lastUpdateTime: "<time>",
        name: { lastUpdateTime: "<time>", sourceTime: "2022-05-31T12:00:01.000125009Z" },
      },
    });
    const component2020 = await t.request("GET", twinPath("r-2020", "/components/panel", "api-version=2020-10-31"));
    expect(normalize(component2020.body)).toEqual({ level: 1, $metadata: { level: { lastUpdateTime: "<time>" } } });
    for (const version of ["2021-06-30-preview", "2022-05-31", "2023-06-30"]) {
      const res = await t.request("GET", twinPath("r-2020", "", `api-version=${version}`));
      expect(res.text).toBe(current.text);
    }
  });

  it("replaces a twin: 200, a new etag, fresh metadata and a Twin.Update event carrying the difference", async () => {
    const first = await putTwin(t, "b-replace", {
      $metadata: { $model: building },
      AverageTemperature: 68,
      TemperatureUnit: "C",
    });
    const before = await lastSeq(t);
    const second = await putTwin(t, "b-replace", { $metadata: { $model: building }, AverageTemperature: 70 });
    expectJson(second, 200);
    expect(second.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(normalize(second.body)).toEqual({
      $dtId: "b-replace",
      $etag: 'W/"<etag>"',
      AverageTemperature: 70,
      $metadata: { $model: building, $lastUpdateTime: "<time>", AverageTemperature: { lastUpdateTime: "<time>" } },
    });
    const [update] = await eventsAfter(t, before);
    expect(update!.type).toBe("Microsoft.DigitalTwins.Twin.Update");
    expect(update!.event.data).toEqual({
      modelId: building,
      patch: [
        { path: "/TemperatureUnit", op: "remove" },
        { value: 70, path: "/AverageTemperature", op: "replace" },
      ],
    });
  });

  it("accepts a twin as GET returned it, and .NET's $dtId/$etag nulls, ignoring the read-only fields", async () => {
    const created = await putTwin(t, "b-roundtrip", {
      $dtId: null,
      $etag: null,
      $metadata: { $model: building },
      AverageTemperature: 1,
    });
    expectJson(created, 200);
    const again = await putTwin(t, "b-roundtrip", { ...created.body, $dtId: "ignored" });
    expectJson(again, 200);
    expect(again.body.$dtId).toBe("b-roundtrip");
    expect(again.body.AverageTemperature).toBe(1);
    expect(again.body.$etag).not.toBe(created.body.$etag);
  });

  it("answers ADT's ValidationFailed for an unknown model, exactly", async () => {
    const res = await putTwin(t, "nomodel", {
      $metadata: { $model: "dtmi:samples:DTTestBuilding;2" },
      AverageTemperature: 68,
    });
    expectError(res, 400, "ValidationFailed", "Invalid twin specified", [
      { code: "ValidationFailed", message: "dtmi:samples:DTTestBuilding;2 or one of its dependencies does not exist." },
    ]);
    expect((await t.request("GET", twinPath("nomodel"))).status).toBe(404);
  });

  it("refuses names not on the model (unknown, telemetry, command, relationship), naming each", async () => {
    const res = await putTwin(t, "badnames", richTwin({ LowestTemperature: 1, temp: 2, reboot: 3, feeds: 4, $foo: 1 }));
    expectError(res, 400, "ValidationFailed", "Invalid twin specified", [
      { code: "ValidationFailed", message: "LowestTemperature does not appear on the DTDL for Twin." },
      { code: "ValidationFailed", message: "temp does not appear on the DTDL for Twin." },
      { code: "ValidationFailed", message: "reboot does not appear on the DTDL for Twin." },
      { code: "ValidationFailed", message: "feeds does not appear on the DTDL for Twin." },
      { code: "ValidationFailed", message: "$foo does not appear on the DTDL for Twin." },
    ]);
  });

  it("validates every schema kind and names the offending path", async () => {
    const res = await putTwin(
      t,
      "badvalues",
      richTwin({
        name: 1,
        count: 1.5,
        flag: "yes",
        when: "yesterday",
        mode: "auto",
        location: { lat: "north", height: 3 },
        tags: { a: 1 },
        values: [1, "two"],
        panel: { $metadata: {}, level: "high", hum: 1 },
      }),
    );
    const detail = (message: string) => ({ code: "ValidationFailed", message });
    expectError(res, 400, "ValidationFailed", "Invalid twin specified", [
      detail('Invalid value at /panel/level: Expected an integer (32-bit signed) but found "high".'),
      detail("panel/hum does not appear on the DTDL for Twin."),
      detail("Invalid value at /name: Expected a string but found 1."),
      detail("Invalid value at /count: Expected an integer (32-bit signed) but found 1.5."),
      detail('Invalid value at /flag: Expected a boolean but found "yes".'),
      detail(
        'Invalid value at /when: Expected a dateTime (RFC 3339 date-time, e.g. 2024-01-31T12:00:00Z) but found "yesterday".',
      ),
      detail('Invalid value at /mode: Expected one of "on", "off" but found "auto".'),
      detail('Invalid value at /location/lat: Expected a double (finite number) but found "north".'),
      detail('Invalid value at /location/height: "height" is not a field of the object schema.'),
      detail("Invalid value at /tags/a: Expected a string but found 1."),
      detail('Invalid value at /values/1: Expected an integer (32-bit signed) but found "two".'),
    ]);
  });

  it("requires every component at creation (it may be empty)", async () => {
    const res = await putTwin(t, "nocomponent", { $metadata: { $model: rich }, name: "x" });
    expectError(res, 400, "ValidationFailed", "Invalid twin specified", [
      {
        code: "ValidationFailed",
        message: "Component panel is missing; a twin must define every component of its model (it may be {}).",
      },
    ]);
    expectJson(await putTwin(t, "emptycomponent", { $metadata: { $model: rich }, panel: {} }), 200);
  });

  it("requires $metadata.$model", async () => {
    const res = await putTwin(t, "nometadata", { AverageTemperature: 1 });
    expectError(res, 400, "ValidationFailed", "Invalid twin specified", [
      { code: "ValidationFailed", message: "The twin must name its model in $metadata.$model." },
    ]);
  });

  it("refuses new twins of a decommissioned model but keeps existing ones writable", async () => {
    const res = await putTwin(t, "old-new", { $metadata: { $model: "dtmi:test:Old;1" } });
    expectError(
      res,
      400,
      "ModelDecommissioned",
      "The model dtmi:test:Old;1 is decommissioned. New digital twins cannot use a decommissioned model.",
    );
    await uploadModels(t, [
      {
        "@id": "dtmi:test:Aging;1",
        "@type": "Interface",
        "@context": "dtmi:dtdl:context;2",
        contents: [{ "@type": "Property", name: "name", schema: "string" }],
      },
    ]);
    expectJson(await putTwin(t, "aging", { $metadata: { $model: "dtmi:test:Aging;1" }, name: "a" }), 200);
    expect(
      (
        await patch(t, `/models/${encodeURIComponent("dtmi:test:Aging;1")}?${api}`, [
          { op: "replace", path: "/decommissioned", value: true },
        ])
      ).status,
    ).toBe(204);
    expectJson(await putTwin(t, "aging", { $metadata: { $model: "dtmi:test:Aging;1" }, name: "b" }), 200);
    expect((await patch(t, twinPath("aging"), [{ op: "replace", path: "/name", value: "c" }])).status).toBe(204);
    expectError(
      await putTwin(t, "aging-2", { $metadata: { $model: "dtmi:test:Aging;1" } }),
      400,
      "ModelDecommissioned",
    );
    const migrate = await putTwin(t, "b-old", { $metadata: { $model: building } });
    expectJson(migrate, 200);
    const toOld = await patch(t, twinPath("b-old"), [
      { op: "replace", path: "/$metadata/$model", value: "dtmi:test:Old;1" },
    ]);
    expectError(toOld, 400, "ModelDecommissioned");
  });

  it("honours If-None-Match: * with ADT's messages", async () => {
    const body = { $metadata: { $model: building }, AverageTemperature: 68 };
    expectJson(await putTwin(t, "b-inm", body, { "if-none-match": "*" }), 200);
    expectError(
      await putTwin(t, "b-inm", body, { "if-none-match": "*" }),
      412,
      "PreconditionFailed",
      "If-None-Match: * header was specified but a twin with the id b-inm was found. Please specify a different twin id.",
    );
    expectError(
      await putTwin(t, "b-inm2", body, { "if-none-match": "XXX" }),
      400,
      "InvalidArgument",
      "Invalid If-None-Match header value. Allowed value(s): If-None-Match: *",
    );
  });

  it("takes ids with slashes, spaces, percent signs and emoji, and refuses over-long ones", async () => {
    for (const id of ["room 1/a", "50%/b", "🏠 home", "ünïcödé", "a'b\"c"]) {
      const res = await putTwin(t, id, { $metadata: { $model: building } });
      expectJson(res, 200);
      expect(res.body.$dtId).toBe(id);
      const get = await t.request("GET", twinPath(id));
      expect(get.body.$dtId).toBe(id);
    }
    const long = "x".repeat(257);
    expectError(
      await putTwin(t, long, { $metadata: { $model: building } }),
      400,
      "InvalidArgument",
      `The digital twin id '${"x".repeat(64)}…' is invalid. An id is 1 to 256 characters long and has no control characters.`,
    );
  });

  it("answers 404 DigitalTwinNotFound exactly", async () => {
    expectError(
      await t.request("GET", twinPath("missing-twin")),
      404,
      "DigitalTwinNotFound",
      twinNotFoundMessage("missing-twin"),
    );
  });
});

describe("PATCH /digitaltwins/{id}", () => {
  it("adds, replaces and removes properties in one atomic patch: 204 + ETag, metadata per touched property", async () => {
    const created = await putTwin(t, "p-basic", richTwin({ name: "a", count: 1, flag: true }));
    const before = await lastSeq(t);
    const ops = [
      { op: "add", path: "/ratio", value: 0.5 },
      { op: "replace", path: "/count", value: 2 },
      { op: "remove", path: "/flag" },
    ];
    const res = await patch(t, twinPath("p-basic"), ops);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(etagPattern);
    expect(etag).not.toBe(created.headers.get("etag"));
    const get = await t.request("GET", twinPath("p-basic"));
    expect(get.headers.get("etag")).toBe(etag);
    const created$ = created.body.$metadata;
    const now = get.body.$metadata.$lastUpdateTime;
    expect(now > created$.$lastUpdateTime).toBe(true);
    expect(get.body).toEqual({
      $dtId: "p-basic",
      $etag: etag,
      name: "a",
      count: 2,
      panel: created.body.panel,
      ratio: 0.5,
      $metadata: {
        $model: rich,
        $lastUpdateTime: now,
        name: { lastUpdateTime: created$.name.lastUpdateTime },
        count: { lastUpdateTime: now },
        ratio: { lastUpdateTime: now },
      },
    });
    // $metadata stays the last key.
    expect(Object.keys(get.body).at(-1)).toBe("$metadata");
    const events = await eventsAfter(t, before);
    expect(events.map((e) => e.type)).toEqual(["Microsoft.DigitalTwins.Twin.Update"]);
    expect(events[0]!.event).toEqual({
      specversion: "1.0",
      id: events[0]!.event.id,
      type: "Microsoft.DigitalTwins.Twin.Update",
      source: new URL(t.url).host,
      data: {
        modelId: rich,
        patch: [
          { value: 0.5, path: "/ratio", op: "add" },
          { value: 2, path: "/count", op: "replace" },
          { path: "/flag", op: "remove" },
        ],
      },
      subject: "p-basic",
      time: now,
      datacontenttype: "application/json",
      traceparent: events[0]!.event.traceparent,
    });
  });

  it("applies nothing when any operation fails (atomic), and appends no event", async () => {
    const created = await putTwin(t, "p-atomic", richTwin({ name: "a" }));
    const before = await lastSeq(t);
    const res = await patch(t, twinPath("p-atomic"), [
      { op: "replace", path: "/name", value: "b" },
      { op: "replace", path: "/count", value: 1 },
    ]);
    expectError(res, 400, "JsonPatchInvalid", targetNotFound("count"));
    const get = await t.request("GET", twinPath("p-atomic"));
    expect(get.text).toBe(created.text);
    expect(await eventsAfter(t, before)).toEqual([]);
    const invalid = await patch(t, twinPath("p-atomic"), [
      { op: "replace", path: "/name", value: "b" },
      { op: "add", path: "/count", value: "three" },
    ]);
    expectError(invalid, 400, "ValidationFailed");
    expect((await t.request("GET", twinPath("p-atomic"))).text).toBe(created.text);
  });

  it("answers ADT's JsonPatchInvalid messages", async () => {
    await putTwin(t, "p-errors", richTwin({ name: "a" }));
    const path = twinPath("p-errors");
    expectError(
      await patch(t, path, [{ op: "move", path: "/name", value: 42 }]),
      400,
      "JsonPatchInvalid",
      "Unsupported operation type move. Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.",
    );
    for (const op of ["copy", "test"]) {
      expectError(await patch(t, path, [{ op, path: "/name", from: "/name", value: 1 }]), 400, "JsonPatchInvalid");
    }
    expectError(
      await patch(t, path, [{ value: 1 }]),
      400,
      "JsonPatchInvalid",
      "Parameter op must not be empty. Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.",
    );
    expectError(await patch(t, path, [{}]), 400, "JsonPatchInvalid");
    expectError(await patch(t, path, { op: "add" }), 400, "JsonPatchInvalid");
    expectError(
      await patch(t, path, [{ op: "add", path: "/Humidity", value: 1 }]),
      400,
      "JsonPatchInvalid",
      notOnModel("Humidity"),
    );
    expectError(
      await patch(t, path, [{ op: "add", path: "/temp", value: 1 }]),
      400,
      "JsonPatchInvalid",
      notOnModel("temp"),
    );
    expectError(
      await patch(t, path, [{ op: "replace", path: "/count", value: 1 }]),
      400,
      "JsonPatchInvalid",
      targetNotFound("count"),
    );
    expectError(
      await patch(t, path, [{ op: "remove", path: "/count" }]),
      400,
      "JsonPatchInvalid",
      targetNotFound("count"),
    );
    expectError(await patch(t, path, [{ op: "add", path: "/$dtId", value: "x" }]), 400, "JsonPatchInvalid");
    expectError(await patch(t, path, [{ op: "add", path: "/name" }]), 400, "JsonPatchInvalid");
    expectError(await patch(t, path, [{ op: "add", path: "name", value: "x" }]), 400, "JsonPatchInvalid");
    expectError(await patch(t, path, [{ op: "remove", path: "/panel" }]), 400, "JsonPatchInvalid");
  });

  it("patches inside object values and maps, keeping one lastUpdateTime for the property", async () => {
    await putTwin(t, "p-nested", richTwin({ location: { lat: 1, lon: 2 }, tags: { a: "1" }, values: [1, 2] }));
    const res = await patch(t, twinPath("p-nested"), [
      { op: "replace", path: "/location/lat", value: 10 },
      { op: "add", path: "/location/label", value: "here" },
      { op: "remove", path: "/location/lon" },
      { op: "add", path: "/tags/b~1c", value: "2" },
      { op: "remove", path: "/tags/a" },
      { op: "add", path: "/values/-", value: 3 },
      { op: "replace", path: "/values/0", value: 0 },
    ]);
    expect(res.status).toBe(204);
    const get = await t.request("GET", twinPath("p-nested"));
    expect(get.body.location).toEqual({ lat: 10, label: "here" });
    expect(get.body.tags).toEqual({ "b/c": "2" });
    expect(get.body.values).toEqual([0, 2, 3]);
    const time = get.body.$metadata.$lastUpdateTime;
    expect(get.body.$metadata.location).toEqual({ lastUpdateTime: time });
    expect(get.body.$metadata.tags).toEqual({ lastUpdateTime: time });
    expectError(
      await patch(t, twinPath("p-nested"), [{ op: "add", path: "/location/x/y", value: 1 }]),
      400,
      "JsonPatchInvalid",
      targetNotFound("x"),
    );
    expectError(
      await patch(t, twinPath("p-nested"), [{ op: "add", path: "/location/height", value: 1 }]),
      400,
      "ValidationFailed",
    );
    expectError(
      await patch(t, twinPath("p-nested"), [{ op: "add", path: "/tags/$x", value: "1" }]),
      400,
      "ValidationFailed",
    );
  });

  it("writes sourceTime through /$metadata/<p>/sourceTime; it survives value-only updates and can be removed", async () => {
    await putTwin(t, "p-source", richTwin({ name: "a" }));
    const path = twinPath("p-source");
    expect(
      (
        await patch(t, path, [
          { op: "replace", path: "/$metadata/name/sourceTime", value: "2022-05-31T12:00:01.000125009Z" },
        ])
      ).status,
    ).toBe(204);
    let get = await t.request("GET", path);
    expect(get.body.$metadata.name.sourceTime).toBe("2022-05-31T12:00:01.000125009Z");
    const nameTime = get.body.$metadata.name.lastUpdateTime;
    expect(get.body.$metadata.$lastUpdateTime > nameTime).toBe(true);
    await patch(t, path, [{ op: "replace", path: "/name", value: "b" }]);
    get = await t.request("GET", path);
    expect(Object.keys(get.body.$metadata.name)).toEqual(["lastUpdateTime", "sourceTime"]);
    expect(get.body.$metadata.name.sourceTime).toBe("2022-05-31T12:00:01.000125009Z");
    await patch(t, path, [{ op: "remove", path: "/$metadata/name/sourceTime" }]);
    get = await t.request("GET", path);
    expect(get.body.$metadata.name).toEqual({ lastUpdateTime: get.body.$metadata.name.lastUpdateTime });
    expectError(
      await patch(t, path, [{ op: "add", path: "/$metadata/name/sourceTime", value: "soon" }]),
      400,
      "ValidationFailed",
    );
    expectError(
      await patch(t, path, [{ op: "add", path: "/$metadata/count/sourceTime", value: "2022-05-31T12:00:01Z" }]),
      400,
      "JsonPatchInvalid",
      targetNotFound("count"),
    );
    expectError(
      await patch(t, path, [{ op: "add", path: "/$metadata/name/lastUpdateTime", value: "2022-05-31T12:00:01Z" }]),
      400,
      "JsonPatchInvalid",
    );
    expectError(
      await patch(t, path, [{ op: "add", path: "/$metadata/$lastUpdateTime", value: "2022-05-31T12:00:01Z" }]),
      400,
      "JsonPatchInvalid",
    );
  });

  it("patches component properties from the twin and from the component route", async () => {
    const created = await putTwin(t, "p-comp", richTwin({ panel: { $metadata: {}, label: "x" } }));
    const before = await lastSeq(t);
    expect((await patch(t, twinPath("p-comp"), [{ op: "add", path: "/panel/level", value: 3 }])).status).toBe(204);
    const res = await patch(t, twinPath("p-comp", "/components/panel"), [
      { op: "replace", path: "/label", value: "y" },
      { op: "replace", path: "/$metadata/label/sourceTime", value: "2022-05-31T12:00:00Z" },
    ]);
    expect(res.status).toBe(204);
    const component = await t.request("GET", twinPath("p-comp", "/components/panel"));
    expectJson(component, 200);
    expect(component.headers.get("etag")).toBe(res.headers.get("etag"));
    const time = component.body.$metadata.$lastUpdateTime;
    expect(component.text).toBe(
      JSON.stringify({
        label: "y",
        level: 3,
        $metadata: {
          $lastUpdateTime: time,
          label: { lastUpdateTime: time, sourceTime: "2022-05-31T12:00:00Z" },
          level: { lastUpdateTime: component.body.$metadata.level.lastUpdateTime },
        },
      }),
    );
    // The twin's own properties were not touched.
    const twin = await t.request("GET", twinPath("p-comp"));
    expect(twin.body.$metadata.$lastUpdateTime).toBe(time);
    expect(created.body.$metadata.$model).toBe(rich);
    const events = await eventsAfter(t, before);
    expect(events.map((e) => e.event.data)).toEqual([
      { modelId: rich, patch: [{ value: 3, path: "/panel/level", op: "add" }] },
      {
        modelId: rich,
        patch: [
          { value: "y", path: "/panel/label", op: "replace" },
          { value: "2022-05-31T12:00:00Z", path: "/panel/$metadata/label/sourceTime", op: "replace" },
        ],
      },
    ]);
    expectError(
      await patch(t, twinPath("p-comp", "/components/panel"), [{ op: "add", path: "/hum", value: 1 }]),
      400,
      "JsonPatchInvalid",
      notOnModel("hum"),
    );
    expectError(
      await patch(t, twinPath("p-comp", "/components/Component2"), [
        { op: "replace", path: "/ComponentProp1", value: "v" },
      ]),
      400,
      "JsonPatchInvalid",
      "Could not resolve path /Component2/ComponentProp1. Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.",
    );
    expectError(
      await patch(t, twinPath("p-comp", "/components/panel"), [{ op: "move", path: "/label" }]),
      400,
      "JsonPatchInvalid",
      "Unsupported operation type move. Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.",
    );
    expectError(
      await patch(t, twinPath("missing-twin", "/components/panel"), [{ op: "add", path: "/level", value: 1 }]),
      404,
      "DigitalTwinNotFound",
      twinNotFoundMessage("missing-twin"),
    );
  });

  it("replaces a whole component with fresh metadata", async () => {
    await putTwin(t, "p-compwhole", richTwin({ panel: { $metadata: {}, label: "x" } }));
    expect(
      (await patch(t, twinPath("p-compwhole"), [{ op: "replace", path: "/panel", value: { level: 2 } }])).status,
    ).toBe(204);
    const get = await t.request("GET", twinPath("p-compwhole", "/components/panel"));
    expect(normalize(get.body)).toEqual({
      level: 2,
      $metadata: { $lastUpdateTime: "<time>", level: { lastUpdateTime: "<time>" } },
    });
  });

  it("migrates a twin to another model through /$metadata/$model, validated against the new model", async () => {
    await putTwin(t, "p-migrate", { $metadata: { $model: "dtmi:test:Base;1" }, name: "n" });
    expect(
      (
        await patch(t, twinPath("p-migrate"), [
          { op: "replace", path: "/$metadata/$model", value: "dtmi:test:Derived;1" },
          { op: "add", path: "/extra", value: 5 },
        ])
      ).status,
    ).toBe(204);
    const get = await t.request("GET", twinPath("p-migrate"));
    expect(get.body.$metadata.$model).toBe("dtmi:test:Derived;1");
    expect(get.body.extra).toBe(5);
    expectError(
      await patch(t, twinPath("p-migrate"), [
        { op: "replace", path: "/$metadata/$model", value: "dtmi:test:Missing;1" },
      ]),
      400,
      "ValidationFailed",
      "Invalid twin specified",
      [{ code: "ValidationFailed", message: "dtmi:test:Missing;1 or one of its dependencies does not exist." }],
    );
    // Other;1 has `name` but no `extra`: the migration must be refused as a whole.
    expectError(
      await patch(t, twinPath("p-migrate"), [{ op: "replace", path: "/$metadata/$model", value: "dtmi:test:Other;1" }]),
      400,
      "ValidationFailed",
      "Invalid twin specified",
      [{ code: "ValidationFailed", message: "extra does not appear on the DTDL for Twin." }],
    );
    expectError(
      await patch(t, twinPath("p-migrate"), [{ op: "remove", path: "/$metadata/$model" }]),
      400,
      "JsonPatchInvalid",
    );
    expect((await t.request("GET", twinPath("p-migrate"))).body.$metadata.$model).toBe("dtmi:test:Derived;1");
  });

  it("honours If-Match: the etag, *, a mismatch (412, ADT's message) and a malformed value (400)", async () => {
    const created = await putTwin(t, "p-ifmatch", richTwin({ name: "a" }));
    const etag = created.headers.get("etag")!;
    const path = twinPath("p-ifmatch");
    const ok = await patch(t, path, [{ op: "replace", path: "/name", value: "b" }], { "if-match": etag });
    expect(ok.status).toBe(204);
    expectError(
      await patch(t, path, [{ op: "replace", path: "/name", value: "c" }], { "if-match": etag }),
      412,
      "PreconditionFailed",
      `The provided etag ${etag} doesn't match the current etag for the resource. Please obtain and provide the latest etag by getting the resource. See section on get apis in the documentation https://aka.ms/adtv2twins.`,
    );
    expect((await patch(t, path, [{ op: "replace", path: "/name", value: "d" }], { "if-match": "*" })).status).toBe(
      204,
    );
    expect(
      (
        await patch(t, path, [{ op: "replace", path: "/name", value: "e" }], {
          "if-match": `"nope", ${(await t.request("GET", path)).headers.get("etag")}`,
        })
      ).status,
    ).toBe(204);
    expectError(
      await patch(t, path, [{ op: "replace", path: "/name", value: "f" }], { "if-match": "XXX" }),
      400,
      "InvalidArgument",
      "Invalid If-Match header value. Allowed value(s): If-Match: {etag} or If-Match: *",
    );
    expectError(
      await patch(t, twinPath("missing-twin"), [{ op: "add", path: "/name", value: "x" }], { "if-match": "*" }),
      404,
      "DigitalTwinNotFound",
    );
  });

  it("treats an empty patch as no change: 204 with the current etag and no event", async () => {
    const created = await putTwin(t, "p-empty", richTwin());
    const before = await lastSeq(t);
    const res = await patch(t, twinPath("p-empty"), []);
    expect(res.status).toBe(204);
    expect(res.headers.get("etag")).toBe(created.headers.get("etag"));
    expect(await eventsAfter(t, before)).toEqual([]);
  });
});

describe("DELETE /digitaltwins/{id}", () => {
  it("deletes: 204, then 404; the Twin.Delete event carries the last state", async () => {
    const created = await putTwin(t, "d-basic", { $metadata: { $model: building }, AverageTemperature: 1 });
    const before = await lastSeq(t);
    const res = await t.request("DELETE", twinPath("d-basic"));
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expectError(
      await t.request("GET", twinPath("d-basic")),
      404,
      "DigitalTwinNotFound",
      twinNotFoundMessage("d-basic"),
    );
    expectError(
      await t.request("DELETE", twinPath("d-basic")),
      404,
      "DigitalTwinNotFound",
      twinNotFoundMessage("d-basic"),
    );
    const [event] = await eventsAfter(t, before);
    expect(event!.type).toBe("Microsoft.DigitalTwins.Twin.Delete");
    expect(event!.event.data).toEqual(created.body);
    expect(event!.event.subject).toBe("d-basic");
  });

  it("honours If-Match and refuses malformed values", async () => {
    const created = await putTwin(t, "d-ifmatch", { $metadata: { $model: building } });
    expectError(
      await t.request("DELETE", twinPath("d-ifmatch"), { headers: { "if-match": 'W/"other"' } }),
      412,
      "PreconditionFailed",
    );
    expectError(
      await t.request("DELETE", twinPath("d-ifmatch"), { headers: { "if-match": "XXX" } }),
      400,
      "InvalidArgument",
      "Invalid If-Match header value. Allowed value(s): If-Match: {etag} or If-Match: *",
    );
    const res = await t.request("DELETE", twinPath("d-ifmatch"), {
      headers: { "if-match": created.headers.get("etag")! },
    });
    expect(res.status).toBe(204);
  });

  it("refuses a twin with incoming or outgoing relationships (400 RelationshipsNotDeleted)", async () => {
    await putTwin(t, "d-src", richTwin());
    await putTwin(t, "d-dst", richTwin());
    const rel = await t.request("PUT", twinPath("d-src", "/relationships/r1"), {
      body: { $relationshipName: "feeds", $targetId: "d-dst" },
    });
    expectJson(rel, 200);
    for (const id of ["d-src", "d-dst"]) {
      expectError(
        await t.request("DELETE", twinPath(id)),
        400,
        "RelationshipsNotDeleted",
        `Twin ${id} has active relationships. Cannot delete a twin unless all the relationships are deleted. Please ensure that the active relationships on the twin are deleted. See section on retrieving relationships https://aka.ms/adtv2twins.`,
      );
    }
  });

  it("deletes a twin with all its relationships in one transaction with ?deleteRelationships=true", async () => {
    await putTwin(t, "dr-hub", richTwin());
    await putTwin(t, "dr-a", richTwin());
    await putTwin(t, "dr-b", richTwin());
    const put = (source: string, id: string, target: string) =>
      t.request("PUT", twinPath(source, `/relationships/${id}`), {
        body: { $relationshipName: "anything", $targetId: target },
      });
    expectJson(await put("dr-hub", "out1", "dr-a"), 200);
    expectJson(await put("dr-hub", "out2", "dr-b"), 200);
    expectJson(await put("dr-a", "in1", "dr-hub"), 200);
    expectJson(await put("dr-a", "keep", "dr-b"), 200);
    const before = await lastSeq(t);
    expectError(
      await t.request("DELETE", twinPath("dr-hub", "", `${api}&deleteRelationships=maybe`)),
      400,
      "InvalidArgument",
    );
    const res = await t.request("DELETE", twinPath("dr-hub", "", `${api}&deleteRelationships=true`));
    expect(res.status).toBe(204);
    const events = await eventsAfter(t, before);
    expect(events.map((e) => [e.type, e.event.subject])).toEqual([
      ["Microsoft.DigitalTwins.Relationship.Delete", "dr-hub/relationships/out1"],
      ["Microsoft.DigitalTwins.Relationship.Delete", "dr-hub/relationships/out2"],
      ["Microsoft.DigitalTwins.Relationship.Delete", "dr-a/relationships/in1"],
      ["Microsoft.DigitalTwins.Twin.Delete", "dr-hub"],
    ]);
    // One transaction: consecutive sequence numbers and the same time on every event.
    expect(events.map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3, before + 4]);
    expect(new Set(events.map((e) => e.event.time)).size).toBe(1);
    expect(
      (await t.request("GET", twinPath("dr-a", "/relationships"))).body.value.map((r: any) => r.$relationshipId),
    ).toEqual(["keep"]);
    expect((await t.request("GET", twinPath("dr-hub"))).status).toBe(404);
  });
});

describe("GET /digitaltwins/{id}/components/{path}", () => {
  it("answers the component with the twin's ETag, or ADT's ComponentNotFound", async () => {
    const created = await putTwin(t, "c-get", richTwin({ name: "n", panel: { $metadata: {}, level: 1 } }));
    const res = await t.request("GET", twinPath("c-get", "/components/panel"));
    expectJson(res, 200);
    expect(res.headers.get("etag")).toBe(created.headers.get("etag"));
    expect(res.body).toEqual(created.body.panel);
    for (const name of ["Component3", "name", "temp"]) {
      expectError(
        await t.request("GET", twinPath("c-get", `/components/${name}`)),
        404,
        "ComponentNotFound",
        `c-get does not have component ${name} Please verify that the component path is correct. You can get components by getting the twin, See example https://aka.ms/TwinGetSwSmpl.`,
      );
    }
    expectError(await t.request("GET", twinPath("missing-twin", "/components/panel")), 404, "DigitalTwinNotFound");
  });
});
