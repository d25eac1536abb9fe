/**
 * Drains a pre-filled outbox to NATS and to MQTT through the real dispatcher and compares the
 * rate with a bare client publishing the same payloads in the same run (the baseline).
 *
 *   node dist/bench/run.js events [--events=1000000] [--targets=nats,mqtt,jetstream] [--batch=1000] [--rounds=3]
 *
 * Baseline and Doppel runs alternate `rounds` times; the medians are compared (the machine is
 * shared, single runs are noisy).
 *   node dist/bench/run.js events --keepup=5000 [--seconds=10]
 *
 * The keeping-up mode commits at a steady rate while the dispatcher delivers to core NATS, and
 * reports the commit-to-subscriber latency.
 *
 * Both sides wait for the same acknowledgement: core NATS a flush per batch, JetStream every
 * PubAck, MQTT every QoS 1 PUBACK. Brokers on loopback (4222, 1883).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import mqtt from "mqtt";
import { connect as connectNats } from "nats";
import { twinUpdateEvent } from "../../src/events/cloudEvents.js";
import { createEventService } from "../../src/events/createEventService.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
const natsUrl = "nats://127.0.0.1:4222";
const mqttUrl = "mqtt://127.0.0.1:1883";
export async function run(argv) {
    const keepup = argv.find((arg) => arg.startsWith("--keepup="));
    if (keepup) {
        const seconds = Number(argv.find((arg) => arg.startsWith("--seconds="))?.split("=")[1] ?? 10);
        await runKeepUp(Number(keepup.split("=")[1]), seconds);
        return;
    }
    const options = parseOptions(argv);
    const dir = mkdtempSync(join(tmpdir(), "doppel-bench-events-"));
    try {
        const file = join(dir, "doppel.db");
        const started = Date.now();
        const payloads = prefill(file, options.events);
        console.log(`prefilled ${options.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        const results = [];
        for (const target of options.targets)
            results.push(await benchTarget(target, file, payloads, options));
        printTable(results, options);
    }
    finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
function parseOptions(argv) {
    const value = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
    const events = Number(value("events") ?? 1_000_000);
    const batch = Number(value("batch") ?? 1000);
    const targets = (value("targets") ?? "nats,mqtt").split(",");
    for (const target of targets) {
        if (!["nats", "jetstream", "mqtt"].includes(target))
            throw new Error(`unknown target ${target}`);
    }
    const rounds = Number(value("rounds") ?? 3);
    return { events, targets, batch, rounds };
}
/** Writes N Twin.Update events for 1,000 twins, as the write path would; answers the payloads. */
function prefill(file, count) {
    createSqliteStore(file).close();
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    const insert = db.prepare("INSERT INTO outbox (twin_id, type, event, created_at) VALUES (?, ?, ?, ?)");
    const payloads = new Array(count);
    const origin = {
        source: "localhost:8443",
        traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01",
        time: "2026-01-01T00:00:00.0000000Z",
    };
    const chunk = 50_000;
    for (let start = 0; start < count; start += chunk) {
        db.transaction(() => {
            for (let i = start; i < Math.min(count, start + chunk); i++) {
                const twinId = `room-${i % 1000}`;
                const event = twinUpdateEvent(origin, randomUUID(), twinId, {
                    modelId: "dtmi:example:Room;1",
                    patch: [{ value: 20 + (i % 100) / 10, path: "/temperature", op: "replace" }],
                });
                payloads[i] = event;
                insert.run(twinId, "Microsoft.DigitalTwins.Twin.Update", event, Date.now());
            }
        })();
    }
    db.close();
    return payloads;
}
async function benchTarget(target, file, payloads, options) {
    const prefix = `bench-${randomUUID().slice(0, 8)}`;
    const cleanup = target === "jetstream" ? await createStream(prefix) : async () => undefined;
    try {
        const baselines = [];
        const doppels = [];
        for (let round = 0; round < options.rounds; round++) {
            baselines.push(await runBaseline(target, `${prefix}.r${round}`, payloads, options.batch));
            doppels.push(await runDoppel(target, `${prefix}.r${round}`, file, payloads.length, options.batch));
            console.log(`  ${target} round ${round + 1}: baseline ${Math.round(baselines[round])}, doppel ${Math.round(doppels[round])} events/s`);
        }
        const baseline = median(baselines);
        const doppel = median(doppels);
        const result = { target, events: payloads.length, baselinePerSecond: baseline, doppelPerSecond: doppel };
        console.log(`${target}: baseline ${Math.round(baseline)} events/s, doppel ${Math.round(doppel)} events/s ` +
            `(${((doppel / baseline) * 100).toFixed(0)} % of baseline)`);
        return result;
    }
    finally {
        await cleanup();
    }
}
/** The bare client: the same payloads, the same subject/topic shape, the same acknowledgements. */
async function runBaseline(target, prefix, payloads, batch) {
    const started = performance.now();
    if (target === "mqtt") {
        const client = await mqtt.connectAsync(mqttUrl, { clientId: `${prefix}-baseline` });
        for (let i = 0; i < payloads.length; i += batch) {
            const window = [];
            for (let j = i; j < Math.min(payloads.length, i + batch); j++) {
                window.push(client.publishAsync(`${prefix}/Microsoft.DigitalTwins.Twin.Update/room-${j % 1000}`, payloads[j], {
                    qos: 1,
                }));
            }
            await Promise.all(window);
        }
        await client.endAsync();
    }
    else {
        const nc = await connectNats({ servers: natsUrl });
        const encoder = new TextEncoder();
        const js = target === "jetstream" ? nc.jetstream() : undefined;
        for (let i = 0; i < payloads.length; i += batch) {
            const acks = [];
            for (let j = i; j < Math.min(payloads.length, i + batch); j++) {
                const subject = `${prefix}.Microsoft_DigitalTwins_Twin_Update.room-${j % 1000}`;
                if (js)
                    acks.push(js.publish(subject, encoder.encode(payloads[j])));
                else
                    nc.publish(subject, encoder.encode(payloads[j]));
            }
            if (js)
                await Promise.all(acks);
            else
                await nc.flush();
        }
        await nc.close();
    }
    return payloads.length / ((performance.now() - started) / 1000);
}
/** The real dispatcher draining the outbox from seq 0 through one route with filter `true`. */
async function runDoppel(target, prefix, file, count, batch) {
    const store = createSqliteStore(file);
    const routeId = `route-${prefix}`;
    const setup = await createEventService(store.events, { dispatch: false, log: () => undefined });
    const endpoint = target === "mqtt"
        ? { kind: "mqtt", url: mqttUrl, topic: `${prefix}/{type}/{twinId}`, qos: 1 }
        : { kind: "nats", servers: [natsUrl], subject: `${prefix}.{type}.{twinId}`, jetstream: target === "jetstream" };
    await setup.putEndpoint(prefix, endpoint);
    await setup.putRoute(routeId, { endpointName: prefix, filter: "true" });
    // The route starts after what exists; rewind it to drain everything.
    await rewindCursor(file, routeId);
    const started = performance.now();
    const service = await createEventService(store.events, { batchSize: batch, log: (m) => console.warn(m) });
    for (;;) {
        const cursor = service.dispatcher.progress().get(routeId)?.cursor ?? 0;
        if (cursor >= count)
            break;
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const elapsed = (performance.now() - started) / 1000;
    await service.stop();
    await setup.deleteRoute(routeId);
    await setup.deleteEndpoint(prefix);
    await store.close();
    return count / elapsed;
}
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
async function rewindCursor(file, routeId) {
    const db = new Database(file);
    db.prepare("UPDATE event_cursors SET seq = 0 WHERE route_id = ?").run(routeId);
    db.close();
}
async function createStream(prefix) {
    const nc = await connectNats({ servers: natsUrl });
    const jsm = await nc.jetstreamManager();
    const name = prefix.toUpperCase().replace(/-/g, "_");
    await jsm.streams.add({ name, subjects: [`${prefix}.>`], storage: "memory", max_msgs: 200_000 });
    return async () => {
        await jsm.streams.delete(name).catch(() => undefined);
        await nc.close();
    };
}
function printTable(results, options) {
    console.log(`\nmedians of ${options.rounds} alternating round(s)`);
    console.log(`\n| target | events | batch | baseline (bare client) events/s | Doppel events/s | Doppel / baseline |`);
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const r of results) {
        console.log(`| ${r.target} | ${r.events.toLocaleString("en")} | ${options.batch} | ${Math.round(r.baselinePerSecond).toLocaleString("en")} | ` +
            `${Math.round(r.doppelPerSecond).toLocaleString("en")} | ${(r.doppelPerSecond / r.baselinePerSecond).toFixed(2)} |`);
    }
}
/** Commits `rate` events/s for `seconds` (in ticks of 10 ms) and measures commit → NATS subscriber latency. */
async function runKeepUp(rate, seconds) {
    const dir = mkdtempSync(join(tmpdir(), "doppel-bench-keepup-"));
    const prefix = `keepup-${randomUUID().slice(0, 8)}`;
    const file = join(dir, "doppel.db");
    const store = createSqliteStore(file);
    const service = await createEventService(store.events, { log: (m) => console.warn(m) });
    await service.putEndpoint("nats", { kind: "nats", servers: [natsUrl], subject: `${prefix}.{seq}` });
    await service.putRoute("all", { endpointName: "nats", filter: "true" });
    const nc = await connectNats({ servers: natsUrl });
    const committedAt = new Map();
    const latencies = [];
    const sub = nc.subscribe(`${prefix}.>`);
    void (async () => {
        for await (const m of sub) {
            const seq = Number(m.subject.slice(prefix.length + 1));
            const at = committedAt.get(seq);
            if (at !== undefined)
                latencies.push(performance.now() - at);
        }
    })();
    await nc.flush();
    const writer = new Database(file);
    const insert = writer.prepare("INSERT INTO outbox (twin_id, type, event, created_at) VALUES (?, ?, ?, ?)");
    const origin = {
        source: "localhost:8443",
        traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01",
        time: "2026-01-01T00:00:00.0000000Z",
    };
    const perTick = Math.max(1, Math.round(rate / 100));
    const ticks = seconds * 100;
    let total = 0;
    const started = performance.now();
    for (let tick = 0; tick < ticks; tick++) {
        writer.transaction(() => {
            for (let i = 0; i < perTick; i++, total++) {
                const twinId = `room-${total % 1000}`;
                const event = twinUpdateEvent(origin, randomUUID(), twinId, {
                    modelId: "dtmi:example:Room;1",
                    patch: [{ value: total, path: "/temperature", op: "replace" }],
                });
                const seq = Number(insert.run(twinId, "Microsoft.DigitalTwins.Twin.Update", event, Date.now()).lastInsertRowid);
                committedAt.set(seq, performance.now());
            }
        })();
        service.notify();
        const next = started + (tick + 1) * 10;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
    const deadline = performance.now() + 10_000;
    while (latencies.length < total && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
    const sorted = [...latencies].sort((a, b) => a - b);
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
    console.log(`\n| offered events/s | seconds | committed | delivered | p50 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|---:|---:|\n` +
        `| ${rate.toLocaleString("en")} | ${seconds} | ${total.toLocaleString("en")} | ${latencies.length.toLocaleString("en")} | ` +
        `${pct(50).toFixed(1)} | ${pct(99).toFixed(1)} | ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} |`);
    writer.close();
    await service.stop();
    await nc.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
}
//# sourceMappingURL=eventsBench.js.map