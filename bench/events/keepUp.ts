/**
 * Keeping up: a real Doppel server (child process, started as the twins benchmark does) with one
 * route per broker, twin PATCHes over HTTPS, and subscribers on NATS and MQTT in this process
 * timing each event's arrival.
 *
 *   node dist/bench/run.js events-keepup [--rate=1000] [--seconds=20] [--saturate=20] [--connections=32]
 *                                        [--targets=nats,mqtt] [--twins=1000] [--mqtt-url=mqtt://127.0.0.1:1883]
 *
 * (a) Paced: PATCHes at `rate`/s for `seconds` (open loop: request k is due at start + k/rate).
 *     For each PATCH, the time from its 2xx reaching the client to its event reaching the
 *     subscriber; p50/p99/max per broker. Target: p99 < 50 ms at 1,000 PATCH/s.
 * (b) Saturated: `connections` clients PATCH back to back for `saturate` seconds (as many as the
 *     API takes). Every 500 ms the server's own lag gauges (`/metrics`: outbox head − the route's
 *     cursor, in events, and the age of the oldest undelivered event) are sampled; the report
 *     shows them over time, whether they stay bounded, and how long the backlog takes to drain.
 *
 * Each PATCH sets /temperature to a unique number; the event carries the patch, which is how an
 * arrival is matched with its request. Both clocks are this process's `performance.now()`.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { connect as connectNats, type NatsConnection } from "nats";
import { api } from "../support/apiVersion.js";
import { benchTls } from "../support/benchTls.js";
import { startDoppel, stop } from "../support/childServer.js";
import { loadAverage } from "../support/loadAverage.js";
import { optionList, optionNumber, optionText } from "../support/options.js";
import { cpuMs } from "../support/processCpu.js";
import { seedOverHttps } from "../support/seedOverHttps.js";
import { sensorModels, sensorTwin } from "../support/sensorModel.js";
import { percentile } from "../support/statistics.js";

type Target = "nats" | "mqtt";

interface Options {
  readonly rate: number;
  readonly seconds: number;
  readonly saturate: number;
  readonly connections: number;
  readonly targets: readonly Target[];
  readonly twins: number;
  readonly mqttUrl: string;
}

interface LatencySummary {
  readonly target: Target;
  readonly sent: number;
  readonly ok: number;
  readonly arrived: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

interface LagSample {
  readonly at: number;
  readonly patchesPerSecond: number;
  readonly lag: Record<string, { events: number; ms: number }>;
}

const natsUrl = "nats://127.0.0.1:4222";
const loadFormat = { digits: 1, separator: " " };

/** What the benchmark knows about PATCH k: when its 2xx came, and when each broker delivered it. */
class Timeline {
  readonly okAt: number[] = [];
  readonly arrivedAt: Record<Target, number[]> = { nats: [], mqtt: [] };
  readonly arrivals: Record<Target, number> = { nats: 0, mqtt: 0 };

  arrived(target: Target, payload: string): void {
    const value = patchedValue(payload);
    if (value === undefined) return;
    const times = this.arrivedAt[target];
    // At least once: a duplicate keeps the first arrival.
    if (times[value] === undefined) {
      times[value] = performance.now();
      this.arrivals[target]++;
    }
  }

  summary(target: Target, from: number, to: number): LatencySummary {
    const latencies: number[] = [];
    let ok = 0;
    for (let k = from; k < to; k++) {
      const okAt = this.okAt[k];
      if (okAt === undefined) continue;
      ok++;
      const at = this.arrivedAt[target][k];
      // An event can arrive before the client has read its 2xx: that counts as 0, not negative.
      if (at !== undefined) latencies.push(Math.max(0, at - okAt));
    }
    return {
      target,
      sent: to - from,
      ok,
      arrived: latencies.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: percentile(latencies, 1),
    };
  }
}

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-keepup-"));
  const prefix = `keepup-${randomUUID().slice(0, 8)}`;
  const tls = benchTls(dir);
  const configFile = join(dir, "events.json");
  writeFileSync(configFile, JSON.stringify(eventsConfig(prefix, options)));
  const doppel = await startDoppel(tls, ["--data", join(dir, "doppel"), "--events-config", configFile]);
  const timeline = new Timeline();
  const subscribers = await subscribe(prefix, options, timeline);
  const agent = new Agent({ keepAlive: true, ca: tls.cert, maxSockets: options.connections });
  try {
    await seedOverHttps(doppel.url, tls.cert, { models: sensorModels, twins: options.twins, twin: sensorTwin });
    console.log(
      `Doppel with routes to ${options.targets.join(", ")}; ${options.twins} twins; load average ${loadAverage(loadFormat)}`,
    );
    const client = new PatchClient(doppel.url, agent, options.twins, timeline);
    const pid = doppel.process.pid!;
    const paced = await withCpu("(a) paced", pid, () => pacedPhase(client, timeline, options));
    const saturated = await withCpu("(b) saturated", pid, () =>
      saturatedPhase(client, timeline, doppel.url, agent, options),
    );
    report(options, paced, saturated);
    console.log(`\nload average at the end ${loadAverage(loadFormat)}`);
  } finally {
    agent.destroy();
    await subscribers.close();
    await stop(doppel.process);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a phase and logs the CPU the server and this process (client and subscribers) used: on a
 * shared machine a starved server or client explains a latency better than the wall clock can.
 */
async function withCpu<T>(name: string, pid: number, phase: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const server = cpuMs(pid);
  const own = process.cpuUsage();
  const result = await phase();
  const wall = performance.now() - started;
  const used = process.cpuUsage(own);
  const share = (ms: number) => `${Math.round((ms / wall) * 100)} %`;
  console.log(
    `${name}: server CPU ${share(cpuMs(pid) - server)} of a core, client + subscribers ${share((used.user + used.system) / 1000)}; load average ${loadAverage(loadFormat)}`,
  );
  return result;
}

function parseOptions(argv: string[]): Options {
  const targets = optionList(argv, "targets", "nats,mqtt") as Target[];
  for (const target of targets) if (target !== "nats" && target !== "mqtt") throw new Error(`unknown target ${target}`);
  return {
    rate: optionNumber(argv, "rate", 1000),
    seconds: optionNumber(argv, "seconds", 20),
    saturate: optionNumber(argv, "saturate", 20),
    connections: optionNumber(argv, "connections", 32),
    targets,
    twins: optionNumber(argv, "twins", 1000),
    mqttUrl: optionText(argv, "mqtt-url") ?? "mqtt://127.0.0.1:1883",
  };
}

/** One endpoint and one route per broker: every twin update, as the events config file gives them. */
function eventsConfig(prefix: string, { targets, mqttUrl }: Options): unknown {
  const endpoints: Record<string, unknown> = {};
  const routes: Record<string, unknown> = {};
  const filter = "type = 'Microsoft.DigitalTwins.Twin.Update'";
  if (targets.includes("nats")) {
    endpoints.nats = { kind: "nats", servers: [natsUrl], subject: `${prefix}.{twinId}` };
    routes.nats = { endpointName: "nats", filter };
  }
  if (targets.includes("mqtt")) {
    endpoints.mqtt = { kind: "mqtt", url: mqttUrl, topic: `${prefix}/{twinId}`, qos: 1 };
    routes.mqtt = { endpointName: "mqtt", filter };
  }
  return { endpoints, routes };
}

async function subscribe(
  prefix: string,
  { targets, mqttUrl }: Options,
  timeline: Timeline,
): Promise<{ close(): Promise<void> }> {
  let nc: NatsConnection | undefined;
  let mc: MqttClient | undefined;
  if (targets.includes("nats")) {
    nc = await connectNats({ servers: natsUrl });
    const decoder = new TextDecoder();
    nc.subscribe(`${prefix}.>`, {
      callback: (_error, message) => timeline.arrived("nats", decoder.decode(message.data)),
    });
    await nc.flush();
  }
  if (targets.includes("mqtt")) {
    mc = await mqtt.connectAsync(mqttUrl, { clientId: `${prefix}-sub` });
    mc.on("message", (_topic, payload) => timeline.arrived("mqtt", payload.toString()));
    // QoS 1 also on the way out: with QoS 0 the subscriber sends nothing back, so its kernel
    // delays TCP ACKs (up to 40 ms) and a broker with Nagle on (Mosquitto's default) holds every
    // second message until then. A QoS 1 subscriber's PUBACKs carry the ACKs at once.
    await mc.subscribeAsync(`${prefix}/#`, { qos: 1 });
  }
  return {
    async close() {
      await nc?.close();
      await mc?.endAsync();
    },
  };
}

/** The value of the event's first patch operation: the PATCH's number. */
function patchedValue(payload: string): number | undefined {
  const event = JSON.parse(payload) as { data?: { patch?: { value?: unknown }[] } };
  const value = event.data?.patch?.[0]?.value;
  return typeof value === "number" ? value : undefined;
}

/** Sends PATCH k (`/temperature` = k on twin k mod twins) and records when its 2xx arrived. */
class PatchClient {
  next = 0;
  failures = 0;
  inFlight = 0;

  constructor(
    private readonly url: string,
    private readonly agent: Agent,
    private readonly twins: number,
    private readonly timeline: Timeline,
  ) {}

  patch(): Promise<void> {
    const k = this.next++;
    const body = `[{"op":"replace","path":"/temperature","value":${k}}]`;
    this.inFlight++;
    return new Promise((resolve) => {
      const req = httpsRequest(
        new URL(`/digitaltwins/t${k % this.twins}?${api}`, this.url),
        {
          method: "PATCH",
          agent: this.agent,
          headers: { "content-type": "application/json-patch+json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            this.inFlight--;
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) this.timeline.okAt[k] = performance.now();
            else this.failures++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        this.inFlight--;
        this.failures++;
        resolve();
      });
      req.end(body);
    });
  }
}

/** (a) PATCH k is due at start + k/rate; answers the latency summary per broker. */
async function pacedPhase(client: PatchClient, timeline: Timeline, options: Options): Promise<LatencySummary[]> {
  // Warm-up: connections open, routes connected, JIT settled; not measured.
  await Promise.all(Array.from({ length: 200 }, () => client.patch()));
  await waitForArrivals(timeline, options.targets, client.next, 5000);
  const from = client.next;
  const total = Math.round(options.rate * options.seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  let scheduled = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * options.rate) / 1000));
      while (scheduled < due) {
        scheduled++;
        pending.push(client.patch());
      }
      if (scheduled < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
  const to = client.next;
  await waitForArrivals(timeline, options.targets, to, 10_000);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `(a) paced: ${total} PATCHes due at ${options.rate}/s, answered at ${Math.round(total / seconds)}/s overall, ${client.failures} failed`,
  );
  return options.targets.map((target) => timeline.summary(target, from, to));
}

interface SaturatedResult {
  readonly patches: number;
  readonly perSecond: number;
  readonly samples: LagSample[];
  readonly drainMs: Record<string, number>;
  readonly latency: LatencySummary[];
}

/** (b) `connections` clients PATCH back to back; the server's lag gauges are sampled every 500 ms. */
async function saturatedPhase(
  client: PatchClient,
  timeline: Timeline,
  url: string,
  agent: Agent,
  options: Options,
): Promise<SaturatedResult> {
  const from = client.next;
  const started = performance.now();
  const deadline = started + options.saturate * 1000;
  const samples: LagSample[] = [];
  let lastCount = from;
  let lastAt = started;
  const sampler = setInterval(() => {
    void scrapeLag(url, agent).then((lag) => {
      const now = performance.now();
      const count = client.next;
      samples.push({ at: now - started, patchesPerSecond: ((count - lastCount) * 1000) / (now - lastAt), lag });
      lastCount = count;
      lastAt = now;
    });
  }, 500);
  // One fewer client than sockets: the sampler's /metrics gets a connection at once.
  const loops = Array.from({ length: Math.max(1, options.connections - 1) }, async () => {
    while (performance.now() < deadline) await client.patch();
  });
  await Promise.all(loops);
  const to = client.next;
  const perSecond = ((to - from) * 1000) / (performance.now() - started);
  clearInterval(sampler);
  // Drain: how long after the load stopped until every route's lag is 0.
  const loadEnded = performance.now();
  const drainMs: Record<string, number> = {};
  while (performance.now() - loadEnded < 60_000) {
    const lag = await scrapeLag(url, agent);
    const now = performance.now() - loadEnded;
    for (const [route, value] of Object.entries(lag)) if (value.events === 0) drainMs[route] ??= now;
    if (options.targets.every((t) => drainMs[t] !== undefined)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await waitForArrivals(timeline, options.targets, to, 10_000);
  return {
    patches: to - from,
    perSecond,
    samples,
    drainMs,
    latency: options.targets.map((target) => timeline.summary(target, from, to)),
  };
}

async function waitForArrivals(
  timeline: Timeline,
  targets: readonly Target[],
  upTo: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const expected = () => timeline.okAt.reduce((n, at, k) => (k < upTo && at !== undefined ? n + 1 : n), 0);
  const want = expected();
  while (performance.now() < deadline) {
    if (targets.every((t) => timeline.arrivals[t] >= want)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Route → lag from `/metrics`: events committed and not handled, and the oldest one's age. */
async function scrapeLag(url: string, agent: Agent): Promise<Record<string, { events: number; ms: number }>> {
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(new URL("/metrics", url), { agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
  const lag: Record<string, { events: number; ms: number }> = {};
  for (const match of text.matchAll(/^doppel_events_route_lag_(events|seconds)\{route="([^"]+)"[^}]*\} (\S+)$/gm)) {
    const [, kind, route, value] = match;
    const entry = lag[route!] ?? { events: 0, ms: 0 };
    lag[route!] = entry;
    if (kind === "events") entry.events = Number(value);
    else entry.ms = Number(value) * 1000;
  }
  return lag;
}

/**
 * Bounded: the lag does not keep growing while the load lasts — the largest lag of the second
 * half is at most 1.5× that of the first half plus one dispatcher batch (1,000 events).
 */
function bounded(samples: readonly LagSample[], route: string): boolean {
  const half = Math.floor(samples.length / 2);
  const max = (part: readonly LagSample[]) => Math.max(0, ...part.map((s) => s.lag[route]?.events ?? 0));
  return max(samples.slice(half)) <= 1.5 * max(samples.slice(0, half)) + 1000;
}

function report(options: Options, paced: readonly LatencySummary[], saturated: SaturatedResult): void {
  const ms = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(1));
  console.log(
    `\n(a) ${options.rate.toLocaleString("en")} PATCH/s for ${options.seconds} s: PATCH 2xx → event at the subscriber`,
  );
  console.log("\n| broker | PATCHes | 2xx | events arrived | p50 ms | p99 ms | max ms | p99 < 50 ms |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---|");
  for (const s of paced) {
    console.log(
      `| ${s.target} | ${s.sent.toLocaleString("en")} | ${s.ok.toLocaleString("en")} | ${s.arrived.toLocaleString("en")} | ` +
        `${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.p99 < 50 ? "yes" : "no"} |`,
    );
  }
  console.log(
    `\n(b) saturated: ${options.connections} connections for ${options.saturate} s, ` +
      `${saturated.patches.toLocaleString("en")} PATCHes (${Math.round(saturated.perSecond).toLocaleString("en")}/s)`,
  );
  const routes = options.targets;
  console.log(
    `\n| t (s) | PATCH/s | ${routes.map((r) => `${r} lag events | ${r} lag ms`).join(" | ")} |\n|---:|---:|${routes.map(() => "---:|---:").join("|")}|`,
  );
  for (const s of saturated.samples) {
    const cells = routes.map((r) => `${s.lag[r]?.events ?? "–"} | ${s.lag[r] ? Math.round(s.lag[r].ms) : "–"}`);
    console.log(`| ${(s.at / 1000).toFixed(1)} | ${Math.round(s.patchesPerSecond)} | ${cells.join(" | ")} |`);
  }
  console.log(
    "\n| broker | max lag events | max lag ms | bounded | drained after load (ms) | 2xx → event p50 / p99 / max ms |",
  );
  console.log("|---|---:|---:|---|---:|---|");
  for (const r of routes) {
    const lagEvents = Math.max(0, ...saturated.samples.map((s) => s.lag[r]?.events ?? 0));
    const lagMs = Math.max(0, ...saturated.samples.map((s) => s.lag[r]?.ms ?? 0));
    const latency = saturated.latency.find((l) => l.target === r)!;
    console.log(
      `| ${r} | ${lagEvents.toLocaleString("en")} | ${Math.round(lagMs)} | ${bounded(saturated.samples, r) ? "yes" : "no"} | ` +
        `${saturated.drainMs[r] === undefined ? "not drained in 60 s" : Math.round(saturated.drainMs[r])} | ` +
        `${ms(latency.p50)} / ${ms(latency.p99)} / ${ms(latency.max)} (${latency.arrived}/${latency.ok} arrived) |`,
    );
  }
}
