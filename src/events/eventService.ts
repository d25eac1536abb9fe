import { DoppelError } from "../errors/catalogue.js";
import type { EventStore, StoredDeadLetter, StoredRoute } from "../store/ports/eventStore.js";
import { toDeliveryEvent } from "./delivery/deliveryEvent.js";
import { DeliveryMetrics, renderMetrics } from "./delivery/deliveryMetrics.js";
import { EventDispatcher } from "./delivery/eventDispatcher.js";
import type { EndpointDefinition } from "./endpoints/endpointDefinition.js";
import { EndpointSecretsUnreadable } from "./endpoints/endpointSecretBox.js";
import { parseEndpointDefinition } from "./endpoints/parseEndpointDefinition.js";
import { redactEndpoint } from "./endpoints/redactEndpoint.js";
import type { EventsConfig } from "./eventsConfig.js";
import { filterError } from "./filter/filterError.js";
import { parseFilter } from "./filter/parseFilter.js";
import { applyMergePatch } from "./mergePatch.js";
import { LiveStreams } from "./stream/liveStreams.js";

export interface EventRoute {
  readonly id: string;
  readonly endpointName: string;
  readonly filter: string;
}

export interface DeadLetterView {
  readonly id: number;
  readonly routeId: string;
  readonly endpointName: string;
  readonly seq: number;
  readonly twinId: string | null;
  readonly type: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly firstAttemptTime: string;
  readonly deadLetteredTime: string;
  readonly event?: unknown;
}

const routeIdPattern = /^[A-Za-z0-9_.:~-]{1,256}$/;

/**
 * Event routes (ADT's API), endpoints and dead letters (our admin API), the dispatcher and live
 * streams. The write path calls `notify()` after each commit.
 */
export class EventService {
  readonly metrics = new DeliveryMetrics();
  readonly dispatcher: EventDispatcher;
  readonly streams: LiveStreams;

  constructor(
    private readonly store: EventStore,
    readonly config: EventsConfig,
  ) {
    this.dispatcher = new EventDispatcher(store, this.metrics, config);
    this.streams = new LiveStreams(store, config.pollIntervalMs);
  }

  /** Wakes delivery and live streams: something was committed to the outbox. */
  notify(): void {
    this.dispatcher.notify();
    this.streams.notify();
  }

  async start(): Promise<void> {
    if (!this.config.dispatch) return;
    const endpoints = await this.endpointDefinitions();
    await this.dispatcher.start(endpoints, await this.store.listRoutes());
  }

  async stop(): Promise<void> {
    await this.dispatcher.stop();
  }

  // ---- Event routes (ADT) ----

  async listRoutes(): Promise<EventRoute[]> {
    return (await this.store.listRoutes()).map(toRouteView);
  }

  async getRoute(id: string): Promise<EventRoute> {
    const route = await this.store.getRoute(id);
    if (!route) throw routeNotFound();
    return toRouteView(route);
  }

  async putRoute(id: string, body: unknown): Promise<void> {
    if (!routeIdPattern.test(id)) {
      throw new DoppelError(
        "EventRouteIdInvalid",
        `The event route id '${id}' is invalid. Use 1-256 letters, digits, '-', '_', '.', ':' or '~'.`,
      );
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new DoppelError(
        "InvalidArgument",
        "The event route must be a JSON object with 'endpointName' and 'filter'.",
      );
    }
    const { endpointName, filter } = body as { endpointName?: unknown; filter?: unknown };
    if (typeof endpointName !== "string" || !(await this.store.hasEndpoint(endpointName))) {
      throw new DoppelError(
        "EventRouteEndpointInvalid",
        "The endpoint provided does not exist or is not active. Check that your endpoint is provisioned correctly. " +
          "See event route documentation (https://aka.ms/ADTv2Routes).",
      );
    }
    if (typeof filter !== "string") throw filterError("", 0, "A filter (a string) is required");
    parseFilter(filter);
    const existing = await this.store.getRoute(id);
    if (!existing && (await this.store.listRoutes()).length >= this.config.maxRoutes) {
      throw new DoppelError(
        "LimitExceeded",
        `The maximum number of event routes (${this.config.maxRoutes}) has been reached. Delete a route first.`,
      );
    }
    const now = this.config.now();
    await this.store.putRoute({ id, endpointName, filter }, await this.store.latestSeq(), now);
    this.dispatcher.routeChanged({ id, endpointName, filter, createdAt: now, updatedAt: now });
  }

  async deleteRoute(id: string): Promise<void> {
    if (!(await this.store.deleteRoute(id))) throw routeNotFound();
    this.dispatcher.routeDeleted(id);
  }

  // ---- Endpoints (admin) ----

  async listEndpoints(): Promise<Record<string, unknown>[]> {
    return (await readable(this.endpointDefinitions())).map(redactEndpoint);
  }

  async getEndpoint(name: string): Promise<Record<string, unknown>> {
    return redactEndpoint(await this.endpointDefinition(name));
  }

  async putEndpoint(name: string, body: unknown): Promise<{ created: boolean; endpoint: Record<string, unknown> }> {
    const definition = parseEndpointDefinition(name, body);
    // Existence and count only: nothing is opened, so a replace works whatever key sealed the row.
    const existing = await this.store.hasEndpoint(name);
    if (!existing && (await this.store.listEndpointNames()).length >= this.config.maxEndpoints) {
      throw new DoppelError(
        "LimitExceeded",
        `The maximum number of endpoints (${this.config.maxEndpoints}) has been reached.`,
      );
    }
    const { created } = await this.store.putEndpoint(name, definition.kind, definition, this.config.now());
    this.dispatcher.endpointChanged(definition);
    return { created, endpoint: redactEndpoint(definition) };
  }

  /** JSON Merge Patch over the stored definition, so credentials need not be sent again. */
  async patchEndpoint(name: string, patch: unknown): Promise<Record<string, unknown>> {
    const current = await this.endpointDefinition(name);
    const { name: _name, ...stored } = current;
    const definition = parseEndpointDefinition(name, applyMergePatch(stored, patch));
    await this.store.putEndpoint(name, definition.kind, definition, this.config.now());
    this.dispatcher.endpointChanged(definition);
    return redactEndpoint(definition);
  }

  async deleteEndpoint(name: string): Promise<void> {
    if (!(await this.store.hasEndpoint(name))) throw endpointNotFound(name);
    const users = (await this.store.listRoutes()).filter((route) => route.endpointName === name).map((r) => r.id);
    if (users.length > 0) {
      throw new DoppelError(
        "EndpointInUse",
        `The endpoint '${name}' is used by the event route(s) ${users.join(", ")}. Delete or re-point them first.`,
      );
    }
    await this.store.deleteEndpoint(name);
    this.dispatcher.endpointDeleted(name);
  }

  private async endpointDefinition(name: string): Promise<EndpointDefinition> {
    const stored = await readable(this.store.getEndpoint(name));
    if (!stored) throw endpointNotFound(name);
    return stored.definition as EndpointDefinition;
  }

  private async endpointDefinitions(): Promise<EndpointDefinition[]> {
    return (await this.store.listEndpoints()).map((stored) => stored.definition as EndpointDefinition);
  }

  // ---- Dead letters (admin) ----

  async listDeadLetters(options: { afterId: number; limit: number; endpointName?: string }) {
    const letters = await this.store.listDeadLetters(options);
    return letters.map((letter) => toDeadLetterView(letter, false));
  }

  async getDeadLetter(id: number): Promise<DeadLetterView> {
    return toDeadLetterView(await this.deadLetter(id), true);
  }

  async deleteDeadLetter(id: number): Promise<void> {
    if (!(await this.store.deleteDeadLetter(id))) throw deadLetterNotFound(id);
  }

  /**
   * Sends a dead letter to its endpoint again, now; on success it is removed. Fails with 503
   * (and keeps the letter) when the endpoint still refuses it.
   */
  async replayDeadLetter(id: number): Promise<void> {
    const letter = await this.deadLetter(id);
    const target = this.dispatcher.sinks.get(letter.endpointName);
    if (!target) throw endpointNotFound(letter.endpointName);
    const event = toDeliveryEvent({
      seq: letter.seq,
      twinId: letter.twinId,
      type: letter.type,
      event: letter.event,
      createdAt: letter.createdAt,
    });
    const [outcome] = await target.sink.send([event]);
    if (!outcome?.ok) {
      throw new DoppelError(
        "ServiceUnavailable",
        `Dead letter ${id} could not be delivered to '${letter.endpointName}': ${outcome?.error ?? "no outcome"}`,
      );
    }
    await this.store.deleteDeadLetter(id);
    this.metrics.delivered(letter.routeId, letter.endpointName);
  }

  /** Replays in order, stopping at the first failure; answers how many went and how many remain. */
  async replayDeadLetters(endpointName?: string): Promise<{ replayed: number; remaining: number }> {
    const only = endpointName === undefined ? {} : { endpointName };
    let replayed = 0;
    let afterId = 0;
    for (;;) {
      const batch = await this.store.listDeadLetters({ afterId, limit: 100, ...only });
      if (batch.length === 0) break;
      for (const letter of batch) {
        try {
          await this.replayDeadLetter(letter.id);
        } catch {
          return { replayed, remaining: await this.store.countDeadLetters(endpointName) };
        }
        replayed++;
        afterId = letter.id;
      }
    }
    return { replayed, remaining: await this.store.countDeadLetters(endpointName) };
  }

  private async deadLetter(id: number): Promise<StoredDeadLetter> {
    const letter = Number.isSafeInteger(id) ? await this.store.getDeadLetter(id) : undefined;
    if (!letter) throw deadLetterNotFound(id);
    return letter;
  }

  // ---- Metrics ----

  async metricsText(): Promise<string> {
    const latest = await this.store.latestSeq();
    const now = this.config.now();
    const routes = [];
    for (const [route, progress] of this.dispatcher.progress()) {
      const [next] = await this.store.readOutbox(progress.cursor, 1);
      routes.push({
        route,
        endpoint: progress.endpointName,
        lagEvents: Math.max(0, latest - progress.cursor),
        lagSeconds: next ? Math.max(0, (now - next.createdAt) / 1000) : 0,
      });
    }
    return renderMetrics(this.metrics, {
      routes,
      outboxLatestSeq: latest,
      deadLetters: await this.store.countDeadLetters(),
      streams: this.streams.count,
    });
  }
}

function toRouteView(route: StoredRoute): EventRoute {
  return { id: route.id, endpointName: route.endpointName, filter: route.filter };
}

function toDeadLetterView(letter: StoredDeadLetter, withEvent: boolean): DeadLetterView {
  const view: DeadLetterView = {
    id: letter.id,
    routeId: letter.routeId,
    endpointName: letter.endpointName,
    seq: letter.seq,
    twinId: letter.twinId,
    type: letter.type,
    attempts: letter.attempts,
    lastError: letter.lastError,
    firstAttemptTime: new Date(letter.firstAttemptAt).toISOString(),
    deadLetteredTime: new Date(letter.createdAt).toISOString(),
  };
  if (!withEvent) return view;
  let event: unknown = letter.event;
  try {
    event = JSON.parse(letter.event);
  } catch {
    // Shown as the stored text.
  }
  return { ...view, event };
}

function routeNotFound(): DoppelError {
  return new DoppelError(
    "EventRouteNotFound",
    "There is no route available that matches the provided input. Check for all valid event routes by calling " +
      "EventRoute_List. See Swagger example (https://aka.ms/RouteSwSmpl).",
  );
}

function endpointNotFound(name: string): DoppelError {
  return new DoppelError("EndpointNotFound", `There is no endpoint named '${name}'.`);
}

/**
 * What opens stored credentials, for the API: credentials this node's keys do not open (another
 * node sealed them under a new key during a rolling rotation) answer 503, naming the endpoint but
 * not where the keys come from (the full message is logged).
 */
async function readable<T>(opening: Promise<T>): Promise<T> {
  try {
    return await opening;
  } catch (error) {
    if (!(error instanceof EndpointSecretsUnreadable)) throw error;
    throw new DoppelError("EndpointSecretsUnreadable", error.publicMessage, { cause: error });
  }
}

function deadLetterNotFound(id: number): DoppelError {
  return new DoppelError("DeadLetterNotFound", `There is no dead letter with the id '${id}'.`);
}
