/**
 * The CPU time the server spends per request, measured in-process with `app.inject` (no
 * sockets, no TLS), for mode none against JWT, API key and a models scope. CPU time, unlike
 * throughput, barely moves when other processes load the machine, so this isolates what the
 * security layer itself costs. Scenarios take turns; each figure is the lowest of the rounds
 * (interference from elsewhere only ever adds CPU time).
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { createApiKey } from "../../src/auth/accessAdmin.js";
import { parseApiKey } from "../../src/auth/apiKeySecret.js";
import { buildApp } from "../../src/http/app.js";
import { allRoutes } from "../../src/http/routes/index.js";
import { createServices } from "../../src/server/createServices.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
const api = "api-version=2023-10-31";
const model = {
    "@id": "dtmi:bench:Counter;1",
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    contents: [{ "@type": "Property", name: "count", schema: "integer" }],
};
export async function cpuPerRequest(rounds, perRound = 2000) {
    const keys = await generateKeyPair("ES256", { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: "k", alg: "ES256" };
    const token = (groups) => new SignJWT({ sub: "bench", groups })
        .setProtectedHeader({ alg: "ES256", kid: "k" })
        .setIssuer("https://idp")
        .setAudience("aud")
        .setExpirationTime("1h")
        .sign(keys.privateKey);
    const open = await start({});
    const secured = await start({
        mode: ["jwt", "apikey"],
        jwt: { issuer: "https://idp", audience: "aud", keys: [{ jwk }] },
        rateLimits: { enabled: false },
        roleAssignments: {
            owners: { principal: "group:owners", role: "Azure Digital Twins Data Owner" },
            scoped: {
                principal: "group:scoped",
                role: "Azure Digital Twins Data Owner",
                scope: { kind: "models", models: [model["@id"]] },
            },
        },
    });
    try {
        const owner = `Bearer ${await token(["owners"])}`;
        const scoped = `Bearer ${await token(["scoped"])}`;
        const apiKey = (await createApiKey(secured.services.store.auth, { name: "bench" }, "bench")).key;
        await secured.services.store.auth.putRoleAssignment({
            id: "bench-key",
            principalType: "apiKey",
            principalId: parseApiKey(apiKey).id,
            role: "Azure Digital Twins Data Owner",
            scope: { kind: "instance" },
        });
        secured.services.auth.invalidate();
        await seed(open.app, undefined);
        await seed(secured.app, owner);
        const scenarios = [
            ["GET, mode none", open.app, "GET", undefined],
            ["GET, JWT", secured.app, "GET", owner],
            ["GET, API key", secured.app, "GET", `Bearer ${apiKey}`],
            ["GET, JWT, models scope", secured.app, "GET", scoped],
            ["PATCH, mode none", open.app, "PATCH", undefined],
            ["PATCH, JWT", secured.app, "PATCH", owner],
            ["PATCH, JWT, models scope", secured.app, "PATCH", scoped],
        ];
        const samples = new Map(scenarios.map(([name]) => [name, []]));
        for (const [, app, method, auth] of scenarios)
            await measure(app, method, auth, 300); // warm-up
        for (let round = 0; round < rounds; round++) {
            for (const [name, app, method, auth] of scenarios)
                samples.get(name).push(await measure(app, method, auth, perRound));
        }
        return new Map([...samples].map(([name, values]) => [name, Math.min(...values)]));
    }
    finally {
        for (const side of [open, secured]) {
            await side.app.close();
            await side.services.events.stop();
            await side.services.store.close();
        }
    }
}
async function start(auth) {
    const services = await createServices(createSqliteStore(":memory:"), {}, { auth });
    const app = buildApp(services, allRoutes);
    await app.ready();
    return { services, app };
}
async function seed(app, authorization) {
    const headers = authorization ? { authorization } : {};
    await app.inject({ method: "POST", url: `/models?${api}`, headers, payload: [model] });
    for (let i = 0; i < 100; i++) {
        const payload = { $metadata: { $model: model["@id"] }, count: i };
        await app.inject({ method: "PUT", url: `/digitaltwins/c${i}?${api}`, headers, payload });
    }
}
/** Microseconds of CPU (user + system) per request. */
async function measure(app, method, authorization, n) {
    const headers = authorization ? { authorization } : {};
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
        const url = `/digitaltwins/c${i % 100}?${api}`;
        const response = method === "GET"
            ? await app.inject({ method, url, headers })
            : await app.inject({
                method,
                url,
                headers: { ...headers, "content-type": "application/json-patch+json" },
                payload: `[{"op":"replace","path":"/count","value":${i}}]`,
            });
        if (response.statusCode >= 300)
            throw new Error(`${method} answered ${response.statusCode}: ${response.body}`);
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / n;
}
//# sourceMappingURL=cpuPerRequest.js.map