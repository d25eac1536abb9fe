/**
 * What the security layer costs: twin GET and PATCH over HTTPS against a server in mode `none`
 * (the baseline, measured in the same run) and against one with JWT and API keys on, for an
 * instance-wide JWT principal, an API key and a JWT principal with a models scope (one extra
 * scope query per request). Both servers run as child processes through the CLI, request log
 * off, rate limits off (they would cap one principal at 10,000 reads/s by design).
 *
 *   node dist/bench/run.js security [--duration=2] [--rounds=5] [--connections=32] [--twins=1000]
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { loadOrCreateTls } from "../../src/server/tls.js";
import { cpuPerRequest } from "./cpuPerRequest.js";
const api = "api-version=2023-10-31";
const cli = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const issuer = "https://idp.bench/tenant";
const audience = "https://digitaltwins.azure.net";
const model = {
    "@id": "dtmi:bench:Sensor;1",
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    contents: [
        { "@type": "Property", name: "name", schema: "string" },
        { "@type": "Property", name: "count", schema: "integer" },
    ],
};
export async function run(argv) {
    const options = parseOptions(argv);
    const dir = mkdtempSync(join(tmpdir(), "doppel-bench-security-"));
    const tls = loadOrCreateTls({ dir });
    const keyPath = join(dir, "tls", "key.pem");
    const results = [];
    try {
        const keys = await generateKeyPair("ES256", { extractable: true });
        const jwk = { ...(await exportJWK(keys.publicKey)), kid: "bench", alg: "ES256" };
        const token = async (groups) => new SignJWT({ sub: `bench-${groups[0]}`, groups })
            .setProtectedHeader({ alg: "ES256", kid: "bench" })
            .setIssuer(issuer)
            .setAudience(audience)
            .setExpirationTime("2h")
            .sign(keys.privateKey);
        const config = join(dir, "auth.json");
        writeFileSync(config, JSON.stringify({
            mode: ["jwt", "apikey"],
            jwt: { issuer, audience, keys: [{ jwk }] },
            roleAssignments: {
                owners: { principal: "group:owners", role: "Azure Digital Twins Data Owner" },
                scoped: {
                    principal: "group:scoped",
                    role: "Azure Digital Twins Data Owner",
                    scope: { kind: "models", models: [model["@id"]] },
                },
            },
            rateLimits: { enabled: false },
        }));
        const securedDir = join(dir, "secured");
        const created = execFileSync(process.execPath, [cli, "keys", "create", "--name", "bench", "--role", "Azure Digital Twins Data Owner", "--data", securedDir], { encoding: "utf8" });
        const apiKey = /key: (\S+)/.exec(created)[1];
        const owner = `Bearer ${await token(["owners"])}`;
        const scoped = `Bearer ${await token(["scoped"])}`;
        // Both servers run at once and the scenarios take turns in short rounds, so load from
        // elsewhere on the machine hits every scenario alike; each figure is the median round.
        const open = await startDoppel(join(dir, "open"), tls.certPath, keyPath, []);
        const secured = await startDoppel(securedDir, tls.certPath, keyPath, ["--auth-config", config]);
        try {
            await seed(open.url, tls.cert, options, undefined);
            await seed(secured.url, tls.cert, options, owner);
            const scenarios = [
                { name: "GET, mode none", url: open.url, shape: getRequest(options) },
                { name: "GET, JWT", url: secured.url, shape: getRequest(options, owner) },
                { name: "GET, API key", url: secured.url, shape: getRequest(options, `Bearer ${apiKey}`) },
                { name: "GET, JWT, models scope", url: secured.url, shape: getRequest(options, scoped) },
                { name: "PATCH, mode none", url: open.url, shape: patchRequest(options) },
                { name: "PATCH, JWT", url: secured.url, shape: patchRequest(options, owner) },
                { name: "PATCH, JWT, models scope", url: secured.url, shape: patchRequest(options, scoped) },
            ];
            results.push(...(await rounds(scenarios, tls.cert, options)));
        }
        finally {
            await stop(open.process);
            await stop(secured.process);
        }
        report(results);
        console.log("\nCPU per request, in-process (app.inject; lowest of the rounds):\n");
        const cpu = await cpuPerRequest(options.rounds);
        const base = (name) => cpu.get(`${name.split(",")[0]}, mode none`);
        console.log("| scenario | µs CPU / request | ratio to mode none |");
        console.log("|---|---:|---:|");
        for (const [name, us] of cpu)
            console.log(`| ${name} | ${us.toFixed(0)} | ${(us / base(name)).toFixed(2)} |`);
        const ratio = (name) => cpu.get(name) / base(name);
        const checks = [
            ["JWT GET costs <= 1.5x the CPU of mode none", ratio("GET, JWT") <= 1.5],
            ["API key GET costs <= 1.5x", ratio("GET, API key") <= 1.5],
            ["models-scoped GET costs <= 1.8x", ratio("GET, JWT, models scope") <= 1.8],
            ["JWT PATCH costs <= 1.2x", ratio("PATCH, JWT") <= 1.2],
            ["no failed requests over HTTPS", results.every((m) => m.failures === 0)],
        ];
        console.log("");
        for (const [name, ok] of checks)
            console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
function parseOptions(argv) {
    const value = (name, fallback) => Number(argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
    return {
        duration: value("duration", 2),
        connections: value("connections", 32),
        twins: value("twins", 1000),
        rounds: value("rounds", 5),
    };
}
function getRequest(options, authorization) {
    return (request) => ({
        ...request,
        method: "GET",
        path: `/digitaltwins/t${Math.floor(Math.random() * options.twins)}?${api}`,
        headers: authorization ? { authorization } : {},
    });
}
function patchRequest(options, authorization) {
    let n = 0;
    return (request) => ({
        ...request,
        method: "PATCH",
        path: `/digitaltwins/t${Math.floor(Math.random() * options.twins)}?${api}`,
        headers: { "content-type": "application/json-patch+json", ...(authorization ? { authorization } : {}) },
        body: `[{"op":"replace","path":"/count","value":${++n}}]`,
    });
}
async function rounds(scenarios, ca, options) {
    const runs = new Map(scenarios.map((s) => [s.name, []]));
    for (const s of scenarios)
        await measure(s, ca, options, 1); // warm-up (JIT, connections)
    for (let round = 0; round < options.rounds; round++) {
        for (const s of scenarios)
            runs.get(s.name).push(await measure(s, ca, options, options.duration));
    }
    return scenarios.map((s) => {
        const sorted = [...runs.get(s.name)].sort((a, b) => a.perSecond - b.perSecond);
        const median = sorted[Math.floor(sorted.length / 2)];
        const m = { ...median, failures: sorted.reduce((sum, r) => sum + r.failures, 0) };
        console.log(`${s.name.padEnd(26)} ${String(m.perSecond).padStart(7)}/s  p50 ${m.p50} ms  p99 ${m.p99} ms  failures ${m.failures}  (median of ${sorted.length})`);
        return m;
    });
}
async function measure(scenario, ca, options, duration) {
    const result = await autocannon({
        url: scenario.url,
        connections: options.connections,
        tlsOptions: { ca },
        requests: [{ setupRequest: scenario.shape }],
        duration,
    });
    return {
        scenario: scenario.name,
        perSecond: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        failures: result.non2xx + result.errors + result.timeouts,
    };
}
async function seed(url, ca, options, authorization) {
    const agent = new Agent({ keepAlive: true, ca, maxSockets: 16 });
    const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
    try {
        if ((await send(agent, url, "POST", `/models?${api}`, JSON.stringify([model]), headers)) !== 201) {
            throw new Error("model upload failed");
        }
        for (let start = 0; start < options.twins; start += 64) {
            const puts = [];
            for (let i = start; i < Math.min(options.twins, start + 64); i++) {
                const body = JSON.stringify({ $metadata: { $model: model["@id"] }, name: `t${i}`, count: i });
                puts.push(send(agent, url, "PUT", `/digitaltwins/t${i}?${api}`, body, headers));
            }
            if ((await Promise.all(puts)).some((s) => s !== 200))
                throw new Error("seeding failed");
        }
    }
    finally {
        agent.destroy();
    }
}
function send(agent, url, method, path, body, headers) {
    return new Promise((resolve, reject) => {
        const req = httpsRequest(new URL(path, url), { method, agent, headers }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end(body);
    });
}
async function startDoppel(dataDir, cert, key, extra) {
    const args = [
        cli,
        "serve",
        "--data",
        dataDir,
        "--https-port",
        "0",
        "--http-port",
        "0",
        "--quiet",
        "--tls-cert",
        cert,
        "--tls-key",
        key,
        ...extra,
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const port = await new Promise((resolve, reject) => {
        let output = "";
        const onData = (chunk) => {
            output += chunk.toString();
            const match = /listening on https:\/\/localhost:(\d+)/.exec(output);
            if (match)
                resolve(match[1]);
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.once("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
    });
    return { process: child, url: `https://localhost:${port}` };
}
function stop(child) {
    return new Promise((resolve) => {
        if (child.exitCode !== null)
            return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
    });
}
function report(results) {
    const baseline = (scenario) => results.find((m) => m.scenario === `${scenario.split(",")[0]}, mode none`);
    console.log("\n| scenario | req/s | ratio to mode none | p50 | p99 | failures |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const m of results) {
        console.log(`| ${m.scenario} | ${m.perSecond} | ${(m.perSecond / baseline(m.scenario).perSecond).toFixed(2)} | ${m.p50} ms | ${m.p99} ms | ${m.failures} |`);
    }
}
//# sourceMappingURL=securityBench.js.map