/**
 * Drains a pre-filled outbox to NATS, MQTT and a webhook through the real dispatcher and compares
 * the rate with a bare client sending the same payloads in the same run (the baseline).
 *
 *   node dist/bench/run.js events [--events=1000000] [--targets=nats,mqtt,jetstream,webhook] [--batch=1000]
 *                                 [--rounds=3] [--window=2000] [--webhook-events=100000]
 *
 * Baseline and Doppel runs alternate `rounds` times; the medians are compared (the machine is
 * shared, single runs are noisy). MQTT has two bare clients (`mqttBaselines.ts`: mqtt.js and a
 * raw socket with our encoder, both with `window` publishes in flight); Doppel is compared with
 * the faster. Each run also reports this process's CPU time per event.
 *
 * Keeping up under API load (PATCH 2xx to subscriber over NATS and MQTT) is `events-keepup`
 * (`keepUp.ts`).
 *
 * Both sides wait for the same acknowledgement: core NATS a flush per batch, JetStream every
 * PubAck, MQTT every QoS 1 PUBACK, webhook every 2xx. Brokers on loopback (4222, 1883). The
 * webhook target POSTs to a bare node:https receiver in a child process (`webhookReceiver.ts`),
 * from its own outbox of `webhook-events` events (HTTPS per event is slower than a broker); its
 * bare client (`webhookBaseline.ts`) keeps 16 POSTs in flight, the sink's 16 lanes.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { connect as connectNats, type NatsConnection } from "nats";
import { twinUpdateEvent } from "../../src/events/cloudEvents.js";
import { createEventService } from "../../src/events/createEventService.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { benchTls } from "../support/benchTls.js";
import { optionList, optionNumber } from "../support/options.js";
import { median } from "../support/statistics.js";
import { mqttJsBaseline, rawSocketBaseline } from "./mqttBaselines.js";
import { startWebhookReceiver, type WebhookReceiver } from "./startWebhookReceiver.js";
import { webhookBaseline } from "./webhookBaseline.js";

const targetNames = ["nats", "jetstream", "mqtt", "webhook"] as const;
type Target = (typeof targetNames)[number];

interface Options {
  readonly events: number;
  readonly targets: readonly Target[];
  readonly batch: number;
  readonly rounds: number;
  /** In-flight publishes of the bare MQTT clients. */
  readonly window: number;
  /** Events of the webhook target's outbox. */
  readonly webhookEvents: number;
}

/** What a target's rounds share: a JetStream stream, or the webhook receiver. */
interface TargetSetup {
  readonly receiver?: WebhookReceiver;
  readonly close: () => Promise<void>;
}

/** An outbox database and the payloads it holds, in order. */
interface Outbox {
  readonly file: string;
  readonly payloads: readonly string[];
}

/** The webhook sink's lanes (twins in flight); the bare webhook client keeps as many POSTs in flight. */
const webhookConcurrency = 16;

interface Result {
  readonly target: Target;
  readonly events: number;
  /** Each bare client's median events/s. */
  readonly clients: Readonly<Record<string, Run>>;
  /** The fastest bare client's. */
  readonly baselinePerSecond: number;
  readonly doppelPerSecond: number;
  /** Median CPU time of this process per event (the dispatcher runs in it): comparable on a busy machine. */
  readonly doppelCpuMicros: number;
}

/** One drain: its rate, and this process's CPU time (user + system) per event. */
interface Run {
  readonly perSecond: number;
  readonly cpuMicros: number;
}

async function measured(count: number, drain: () => Promise<number>): Promise<Run> {
  const before = process.cpuUsage();
  const perSecond = await drain();
  const cpu = process.cpuUsage(before);
  return { perSecond, cpuMicros: (cpu.user + cpu.system) / count };
}

const natsUrl = "nats://127.0.0.1:4222";
const mqttUrl = "mqtt://127.0.0.1:1883";

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-events-"));
  try {
    const outboxes = new Map<number, Outbox>();
    const results: Result[] = [];
    for (const target of options.targets) {
      const count = target === "webhook" ? options.webhookEvents : options.events;
      let outbox = outboxes.get(count);
      if (!outbox) {
        outbox = prefilled(join(dir, `doppel-${count}.db`), count);
        outboxes.set(count, outbox);
      }
      results.push(await benchTarget(target, outbox, dir, options));
    }
    printTable(results, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): Options {
  const events = optionNumber(argv, "events", 1_000_000);
  const batch = optionNumber(argv, "batch", 1000);
  const targets = optionList(argv, "targets", "nats,mqtt") as Target[];
  for (const target of targets) {
    if (!(targetNames as readonly string[]).includes(target)) throw new Error(`unknown target ${target}`);
  }
  const rounds = optionNumber(argv, "rounds", 3);
  const window = optionNumber(argv, "window", 2000);
  const webhookEvents = optionNumber(argv, "webhook-events", 100_000);
  return { events, targets, batch, rounds, window, webhookEvents };
}

function prefilled(file: string, count: number): Outbox {
  const started = Date.now();
  const payloads = prefill(file, count);
  console.log(`prefilled ${count} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { file, payloads };
}

/** Writes N Twin.Update events for 1,000 twins, as the write path would; answers the payloads. */
function prefill(file: string, count: number): string[] {
  createSqliteStore(file).close();
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insert = db.prepare("INSERT INTO outbox (twin_id, type, event, created_at) VALUES (?, ?, ?, ?)");
  const payloads: string[] = new Array(count);
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

async function benchTarget(target: Target, outbox: Outbox, dir: string, options: Options): Promise<Result> {
  const { file, payloads } = outbox;
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const setup = await setUp(target, prefix, dir);
  try {
    const baselines: Record<string, Run>[] = [];
    const doppels: Run[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const receiverCpu = setup.receiver ? new ReceiverCpu(setup.receiver, payloads.length) : undefined;
      const bare = await allReceived(setup.receiver, payloads.length, () =>
        runBaselines(target, `${prefix}.r${round}`, payloads, options, setup.receiver),
      );
      const bareReceiver = receiverCpu?.next();
      baselines.push(bare);
      doppels.push(
        await allReceived(setup.receiver, payloads.length, () =>
          measured(payloads.length, () =>
            runDoppel(target, `${prefix}.r${round}`, file, payloads.length, options.batch, setup.receiver),
          ),
        ),
      );
      const doppelReceiver = receiverCpu?.next();
      const shown = Object.entries(bare)
        .map(([name, run]) => `${name} ${Math.round(run.perSecond)} (${run.cpuMicros.toFixed(1)} µs CPU/event)`)
        .join(", ");
      const ours = doppels[round]!;
      const receiver = receiverCpu
        ? `; receiver ${bareReceiver!.toFixed(1)} / ${doppelReceiver!.toFixed(1)} µs CPU/event (baseline / doppel)`
        : "";
      console.log(
        `  ${target} round ${round + 1}: baseline ${shown}; doppel ${Math.round(ours.perSecond)} events/s (${ours.cpuMicros.toFixed(1)} µs CPU/event)${receiver}`,
      );
    }
    const clients: Record<string, Run> = {};
    for (const name of Object.keys(baselines[0] ?? {})) {
      clients[name] = {
        perSecond: median(baselines.map((b) => b[name]!.perSecond)),
        cpuMicros: median(baselines.map((b) => b[name]!.cpuMicros)),
      };
    }
    const baseline = Math.max(...Object.values(clients).map((c) => c.perSecond));
    const doppel = median(doppels.map((d) => d.perSecond));
    const result = {
      target,
      events: payloads.length,
      clients,
      baselinePerSecond: baseline,
      doppelPerSecond: doppel,
      doppelCpuMicros: median(doppels.map((d) => d.cpuMicros)),
    };
    console.log(
      `${target}: baseline ${Math.round(baseline)} events/s (fastest bare client), doppel ${Math.round(doppel)} events/s ` +
        `(${((doppel / baseline) * 100).toFixed(0)} % of baseline)`,
    );
    return result;
  } finally {
    await setup.close();
  }
}

async function setUp(target: Target, prefix: string, dir: string): Promise<TargetSetup> {
  if (target === "jetstream") return { close: await createStream(prefix) };
  if (target === "webhook") {
    const receiver = await startWebhookReceiver(benchTls(dir));
    return { receiver, close: () => receiver.stop() };
  }
  return { close: async () => undefined };
}

/** The receiver's CPU time per event since the last call (/proc ticks of 10 ms): what the far end paid. */
class ReceiverCpu {
  private last: number;

  constructor(
    private readonly receiver: WebhookReceiver,
    private readonly count: number,
  ) {
    this.last = receiver.cpuMs();
  }

  next(): number {
    const now = this.receiver.cpuMs();
    const micros = ((now - this.last) * 1000) / this.count;
    this.last = now;
    return micros;
  }
}

/** Runs `drain` and, with a receiver, fails unless the receiver answered exactly `count` POSTs meanwhile. */
async function allReceived<T>(
  receiver: WebhookReceiver | undefined,
  count: number,
  drain: () => Promise<T>,
): Promise<T> {
  if (!receiver) return drain();
  const before = await receiver.received();
  const result = await drain();
  const received = (await receiver.received()) - before;
  if (received !== count) throw new Error(`the webhook receiver got ${received} POSTs, expected ${count}`);
  return result;
}

/**
 * The bare client(s): the same payloads, the same subject/topic shape, the same acknowledgements.
 * MQTT has two (mqtt.js and a raw socket, `mqttBaselines.ts`); the faster one is the baseline.
 */
async function runBaselines(
  target: Target,
  prefix: string,
  payloads: readonly string[],
  options: Options,
  receiver: WebhookReceiver | undefined,
): Promise<Record<string, Run>> {
  if (receiver) {
    const run = () =>
      webhookBaseline({ url: receiver.url, ca: receiver.cert, payloads, concurrency: webhookConcurrency });
    return { "node:https": await measured(payloads.length, run) };
  }
  if (target === "mqtt") {
    const base = {
      url: mqttUrl,
      payloads,
      window: options.window,
      topic: (i: number) => `${prefix}/Microsoft.DigitalTwins.Twin.Update/room-${i % 1000}`,
    };
    return {
      "mqtt.js": await measured(payloads.length, () => mqttJsBaseline({ ...base, clientId: `${prefix}-mqttjs` })),
      "raw socket": await measured(payloads.length, () => rawSocketBaseline({ ...base, clientId: `${prefix}-raw` })),
    };
  }
  return { "nats.js": await measured(payloads.length, () => natsBaseline(target, prefix, payloads, options)) };
}

async function natsBaseline(target: Target, prefix: string, payloads: readonly string[], options: Options) {
  const started = performance.now();
  const nc = await connectNats({ servers: natsUrl });
  const encoder = new TextEncoder();
  const js = target === "jetstream" ? nc.jetstream() : undefined;
  for (let i = 0; i < payloads.length; i += options.batch) {
    const acks: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(payloads.length, i + options.batch); j++) {
      const subject = `${prefix}.Microsoft_DigitalTwins_Twin_Update.room-${j % 1000}`;
      if (js) acks.push(js.publish(subject, encoder.encode(payloads[j]!)));
      else nc.publish(subject, encoder.encode(payloads[j]!));
    }
    if (js) await Promise.all(acks);
    else await nc.flush();
  }
  await nc.close();
  return payloads.length / ((performance.now() - started) / 1000);
}

/** The real dispatcher draining the outbox from seq 0 through one route with filter `true`. */
async function runDoppel(
  target: Target,
  prefix: string,
  file: string,
  count: number,
  batch: number,
  receiver: WebhookReceiver | undefined,
): Promise<number> {
  const store = createSqliteStore(file);
  const routeId = `route-${prefix}`;
  const setup = await createEventService(store.events, { dispatch: false, log: () => undefined });
  await setup.putEndpoint(prefix, endpointFor(target, prefix, receiver));
  await setup.putRoute(routeId, { endpointName: prefix, filter: "true" });
  // The route starts after what exists; rewind it to drain everything.
  await rewindCursor(file, routeId);
  const started = performance.now();
  const service = await createEventService(store.events, { batchSize: batch, log: (m) => console.warn(m) });
  for (;;) {
    const cursor = service.dispatcher.progress().get(routeId)?.cursor ?? 0;
    if (cursor >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const elapsed = (performance.now() - started) / 1000;
  await service.stop();
  await setup.deleteRoute(routeId);
  await setup.deleteEndpoint(prefix);
  await store.close();
  return count / elapsed;
}

function endpointFor(target: Target, prefix: string, receiver: WebhookReceiver | undefined): Record<string, unknown> {
  switch (target) {
    case "mqtt":
      return { kind: "mqtt", url: mqttUrl, topic: `${prefix}/{type}/{twinId}`, qos: 1 };
    case "webhook":
      if (!receiver) throw new Error("the webhook target needs its receiver");
      return { kind: "webhook", url: receiver.url, format: "cloudevents-structured", tls: { ca: receiver.cert } };
    default:
      return {
        kind: "nats",
        servers: [natsUrl],
        subject: `${prefix}.{type}.{twinId}`,
        jetstream: target === "jetstream",
      };
  }
}

async function rewindCursor(file: string, routeId: string): Promise<void> {
  const db = new Database(file);
  db.prepare("UPDATE event_cursors SET seq = 0 WHERE route_id = ?").run(routeId);
  db.close();
}

async function createStream(prefix: string): Promise<() => Promise<void>> {
  const nc: NatsConnection = await connectNats({ servers: natsUrl });
  const jsm = await nc.jetstreamManager();
  const name = prefix.toUpperCase().replace(/-/g, "_");
  await jsm.streams.add({ name, subjects: [`${prefix}.>`], storage: "memory" as never, max_msgs: 200_000 });
  return async () => {
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  };
}

function printTable(results: readonly Result[], options: Options): void {
  console.log(`\nmedians of ${options.rounds} alternating round(s)`);
  console.log(
    `\n| target | events | batch | bare clients events/s (µs CPU/event) | Doppel events/s (µs CPU/event) | Doppel / fastest bare client |`,
  );
  console.log("|---|---:|---:|---|---:|---:|");
  for (const r of results) {
    const clients = Object.entries(r.clients)
      .map(([name, run]) => `${name} ${Math.round(run.perSecond).toLocaleString("en")} (${run.cpuMicros.toFixed(1)})`)
      .join(", ");
    console.log(
      `| ${r.target} | ${r.events.toLocaleString("en")} | ${options.batch} | ${clients} | ` +
        `${Math.round(r.doppelPerSecond).toLocaleString("en")} (${r.doppelCpuMicros.toFixed(1)}) | ${(r.doppelPerSecond / r.baselinePerSecond).toFixed(2)} |`,
    );
  }
}
