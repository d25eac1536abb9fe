import { randomUUID } from "node:crypto";
import type { Relationship } from "../dtdl/model.js";
import {
  cloudEventTypes,
  type EventOrigin,
  relationshipLifecycleEvent,
  relationshipUpdateEvent,
  telemetryEvent,
  twinLifecycleEvent,
  twinUpdateEvent,
} from "../events/cloudEvents.js";
import type {
  CommitBatch,
  CommitResult,
  GraphCheck,
  GraphRepository,
  GraphWrite,
  IncomingRelationshipRow,
  NewOutboxEvent,
  RowPrecondition,
  StoredRelationship,
  StoredTwin,
} from "../store/ports/graphRepository.js";
import { buildTwin, modelOfTwinBody } from "./buildTwin.js";
import { type Clock, createClock } from "./clock.js";
import { exceeds } from "./contentValidation.js";
import { diffProperties, diffTwins } from "./diffDocuments.js";
import { type IfMatch, ifMatchAccepts, newEtag } from "./etag.js";
import { defaultGraphConfig, type GraphConfig } from "./graphConfig.js";
import {
  componentNotFound,
  etagMismatch,
  invalidRelationship,
  invalidTwin,
  modelDecommissioned,
  relationshipAlreadyExists,
  relationshipNotFound,
  relationshipsNotDeleted,
  selfRelationship,
  targetTwinNotFound,
  twinAlreadyExists,
  twinNotFound,
  validationDetail,
  writeConflict,
} from "./graphErrors.js";
import { checkId } from "./graphIds.js";
import { isObject, type PatchOp, parsePatchDocument, toEventOperation } from "./jsonPatch.js";
import { KeyedSerializer } from "./keyedSerializer.js";
import type { ModelLookup } from "./modelLookup.js";
import { applyTwinPatch } from "./patchTwin.js";
import {
  applyRelationshipPatch,
  checkRelationshipProperties,
  parseRelationshipBody,
  relationshipDoc,
  relationshipProperties,
} from "./relationshipDocument.js";
import { decodePageToken, encodePageToken } from "./relationshipPageToken.js";
import { type CachedTwin, copyForPatch, TwinCache } from "./twinCache.js";
import { isComponentValue, serializeTwin, type TwinDoc } from "./twinDocument.js";

/** Who caused a change: stamped on its events. */
export interface ChangeOrigin {
  /** The instance host events name as `source`. */
  readonly source: string;
  readonly traceparent: string;
}

export interface WrittenDocument {
  readonly etag: string;
  /** The stored JSON (as GET answers at the newest api-version). */
  readonly json: string;
}

export interface TelemetryInput {
  readonly componentPath?: string;
  /** The posted body as JSON text (passed on unmodified). */
  readonly dataJson: string;
  readonly messageId: string;
  /** `Telemetry-Source-Time`, already checked to be RFC 3339. */
  readonly sourceTime?: string;
}

export interface RelationshipPage {
  readonly items: readonly StoredRelationship[];
  /** Token of the next page, when there is one. */
  readonly next?: string;
}

export interface IncomingPage {
  readonly items: readonly IncomingRelationshipRow[];
  readonly next?: string;
}

export interface GraphServiceOptions {
  readonly repository: GraphRepository;
  readonly models: ModelLookup;
  readonly config?: Partial<GraphConfig>;
  readonly clock?: Clock;
  /** Reload-and-retry rounds for a write whose compare-and-swap lost to a concurrent change. */
  readonly maxAttempts?: number;
  /** Twins kept parsed as last written, for patches to plan on without a read (0: none). */
  readonly cachedTwins?: number;
}

interface PendingEntry {
  readonly row: StoredTwin | StoredRelationship | undefined;
  /** The pending twin's document, parsed (shared: never mutated). */
  readonly doc?: TwinDoc;
}

interface PendingMark {
  readonly map: Map<string, PendingEntry>;
  readonly key: string;
  readonly entry: PendingEntry;
}

/** One attempt at a change: the batch to commit and what to answer when it commits. */
interface Plan<T> {
  /** Undefined when nothing changes (an empty patch). */
  readonly batch?: CommitBatch;
  readonly result: T;
  /** The twin the batch writes, parsed: cached once it commits. */
  readonly written?: CachedTwin;
}

/**
 * The twin graph and its one write path. Every change (API, devices, processors, jobs) goes
 * through here: load the current state, check the caller's preconditions, apply, validate against
 * the model, stamp metadata and a new etag, then commit the rows and the change's events to the
 * outbox in one store transaction guarded by compare-and-swap preconditions. Writes to one twin
 * (and the relationships it is the source of) are serialised; a write that loses a race with
 * another process is re-planned on the fresh state, which re-checks the caller's If-Match.
 */
export class GraphService {
  readonly config: GraphConfig;
  private readonly repository: GraphRepository;
  private readonly models: ModelLookup;
  private readonly clock: Clock;
  private readonly maxAttempts: number;
  private readonly serializer = new KeyedSerializer();
  private readonly twinCache: TwinCache;
  /** Rows written by batches handed to the store but not yet committed (undefined row: deleted). */
  private readonly pendingTwins = new Map<string, PendingEntry>();
  private readonly pendingRelationships = new Map<string, PendingEntry>();

  constructor(options: GraphServiceOptions) {
    this.repository = options.repository;
    this.models = options.models;
    this.config = { ...defaultGraphConfig, ...options.config };
    this.clock = options.clock ?? createClock();
    this.maxAttempts = options.maxAttempts ?? 16;
    this.twinCache = new TwinCache(options.cachedTwins ?? 4096);
  }

  // ---- Twins ----

  async getTwin(id: string): Promise<StoredTwin> {
    this.checkTwinId(id);
    const twin = await this.repository.getTwin(id);
    if (twin === undefined) throw twinNotFound(id);
    return twin;
  }

  /** Creates or replaces a twin (`If-None-Match: *` makes it create-only). */
  async putTwin(
    origin: ChangeOrigin,
    id: string,
    body: unknown,
    options: { ifNoneMatch?: boolean } = {},
  ): Promise<WrittenDocument> {
    this.checkTwinId(id);
    if (!isObject(body)) throw invalidTwin([validationDetail("The twin must be a JSON object.")]);
    const named = isObject(body.$metadata) ? body.$metadata.$model : undefined;
    if (typeof named === "string") await this.models.refreshIfMissing?.([named]);
    const model = modelOfTwinBody(body, this.models);
    return this.write(id, async () => {
      const current = await this.loadOwnTwin(id);
      if (current !== undefined && options.ifNoneMatch) throw twinAlreadyExists(id);
      if ((current === undefined || current.modelId !== model.id) && this.models.isDecommissioned(model.id)) {
        throw modelDecommissioned(model.id);
      }
      const now = this.clock();
      const etag = newEtag();
      const doc = buildTwin({ id, etag, now, body, model, models: this.models, limits: this.config });
      const json = this.serializeChecked(doc);
      const eventOrigin = this.eventOrigin(origin, now);
      const event =
        current === undefined
          ? twinLifecycleEvent(cloudEventTypes.twinCreate, eventOrigin, randomUUID(), id, json)
          : twinUpdateEvent(eventOrigin, randomUUID(), id, {
              modelId: model.id,
              patch: diffTwins(JSON.parse(current.doc) as TwinDoc, doc),
            });
      return {
        batch: {
          writes: [{ op: "putTwin", twin: { id, modelId: model.id, etag, doc: json }, expect: expectRow(current) }],
          checks: [],
          events: [
            {
              twinId: id,
              type: current === undefined ? cloudEventTypes.twinCreate : cloudEventTypes.twinUpdate,
              event,
            },
          ],
        },
        result: { etag, json },
      };
    });
  }

  /** Applies a JSON Patch to a twin; answers the new etag. */
  patchTwin(
    origin: ChangeOrigin,
    id: string,
    body: unknown,
    options: { ifMatch?: IfMatch } = {},
  ): Promise<{ etag: string }> {
    // Not async: the common patch settles with one promise, not a chain of them.
    try {
      this.checkTwinId(id);
      const ops = parsePatchDocument(body);
      // A migration to a model another node has just uploaded.
      const named: string[] = [];
      for (const op of ops) {
        if (op.path === "/$metadata/$model" && typeof op.value === "string") named.push(op.value);
      }
      const refresh = named.length === 0 ? undefined : this.models.refreshIfMissing?.(named);
      if (refresh === undefined) return this.patch(origin, id, ops, options.ifMatch, undefined);
      return refresh.then(() => this.patch(origin, id, ops, options.ifMatch, undefined));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Deletes a twin; with `deleteRelationships` its incoming and outgoing relationships go too. */
  async deleteTwin(
    origin: ChangeOrigin,
    id: string,
    options: { ifMatch?: IfMatch; deleteRelationships?: boolean } = {},
  ): Promise<void> {
    this.checkTwinId(id);
    return this.write(id, async () => {
      const current = await this.requireOwnTwin(id);
      checkIfMatch(options.ifMatch, current.etag);
      const relationships = options.deleteRelationships ? await this.repository.relationshipsOf(id) : [];
      if (!options.deleteRelationships && (await this.repository.hasRelationships(id)))
        throw relationshipsNotDeleted(id);
      const eventOrigin = this.eventOrigin(origin, this.clock());
      const writes: GraphWrite[] = [];
      const events: NewOutboxEvent[] = [];
      for (const relationship of relationships) {
        writes.push({
          op: "deleteRelationship",
          sourceId: relationship.sourceId,
          id: relationship.id,
          expect: { kind: "etag", etag: relationship.etag },
        });
        events.push(this.relationshipLifecycle(cloudEventTypes.relationshipDelete, eventOrigin, relationship));
      }
      writes.push({ op: "deleteTwin", id, expect: { kind: "etag", etag: current.etag } });
      events.push({
        twinId: id,
        type: cloudEventTypes.twinDelete,
        event: twinLifecycleEvent(cloudEventTypes.twinDelete, eventOrigin, randomUUID(), id, current.doc),
      });
      return { batch: { writes, checks: [{ check: "noRelationships", twinId: id }], events }, result: undefined };
    });
  }

  // ---- Components ----

  async getComponent(id: string, name: string): Promise<{ etag: string; component: Record<string, unknown> }> {
    const twin = await this.getTwin(id);
    const doc = JSON.parse(twin.doc) as TwinDoc;
    const content = this.models.getInterface(twin.modelId)?.contents.get(name);
    const value = Object.hasOwn(doc, name) ? doc[name] : undefined;
    if (content?.kind !== "Component" || !isComponentValue(value)) throw componentNotFound(id, name);
    return { etag: twin.etag, component: value };
  }

  /** A JSON Patch relative to one component of the twin. */
  async patchComponent(
    origin: ChangeOrigin,
    id: string,
    name: string,
    body: unknown,
    options: { ifMatch?: IfMatch } = {},
  ): Promise<{ etag: string }> {
    this.checkTwinId(id);
    const prefix = `/${escapePointerToken(name)}`;
    const ops = parsePatchDocument(body).map((op) => ({
      ...op,
      path: prefix + op.path,
      segments: [name, ...op.segments],
    }));
    return this.patch(origin, id, ops, options.ifMatch, name);
  }

  private patch(
    origin: ChangeOrigin,
    id: string,
    ops: readonly PatchOp[],
    ifMatch: IfMatch | undefined,
    component: string | undefined,
  ): Promise<{ etag: string }> {
    return this.write(id, () => {
      const pending = this.pendingTwins.get(id);
      if (pending !== undefined) {
        // Planned on top of a change not yet committed, exactly as on the stored row.
        const row = pending.row as StoredTwin | undefined;
        if (row === undefined) throw twinNotFound(id);
        return this.planPatch(origin, row, pending.doc ?? parseTwin(row), ops, ifMatch, component);
      }
      // An empty patch answers the current etag without a write to check it: never from the cache.
      const cached = ops.length === 0 ? undefined : this.twinCache.get(id);
      if (cached !== undefined) {
        try {
          return this.planPatch(origin, cached.row, cached.doc, ops, ifMatch, component);
        } catch {
          // Maybe stale: the stored row decides what the caller is told.
          this.twinCache.delete(id);
        }
      }
      return this.requireOwnTwin(id).then((current) =>
        this.planPatch(origin, current, parseTwin(current), ops, ifMatch, component),
      );
    });
  }

  /** A patch on `current` (whose parsed document `shared` is left untouched). */
  private planPatch(
    origin: ChangeOrigin,
    current: StoredTwin,
    shared: TwinDoc,
    ops: readonly PatchOp[],
    ifMatch: IfMatch | undefined,
    component: string | undefined,
  ): Plan<{ etag: string }> {
    const id = current.id;
    checkIfMatch(ifMatch, current.etag);
    if (ops.length === 0) return { result: { etag: current.etag } };
    const now = this.clock();
    const etag = newEtag();
    const doc = copyForPatch(shared, ops);
    applyTwinPatch({ doc, ops, models: this.models, limits: this.config, now, component });
    doc.$etag = etag;
    const modelId = doc.$metadata.$model as string;
    const json = this.serializeChecked(doc);
    const event = twinUpdateEvent(this.eventOrigin(origin, now), randomUUID(), id, {
      modelId,
      patch: ops.map((op) => toEventOperation(op)),
    });
    const twin = { id, modelId, etag, doc: json };
    return {
      batch: {
        writes: [{ op: "putTwin", twin, expect: { kind: "etag", etag: current.etag } }],
        checks: [],
        events: [{ twinId: id, type: cloudEventTypes.twinUpdate, event }],
      },
      result: { etag },
      // Object values are the caller's, who may change them later: the cache keeps none of them.
      ...(ops.every(hasPlainValue) ? { written: { row: twin, doc } } : {}),
    };
  }

  // ---- Relationships ----

  async getRelationship(sourceId: string, relationshipId: string): Promise<StoredRelationship> {
    this.checkTwinId(sourceId);
    this.checkRelationshipId(relationshipId);
    const relationship = await this.repository.getRelationship(sourceId, relationshipId);
    if (relationship === undefined) throw await this.missingRelationship(sourceId, relationshipId);
    return relationship;
  }

  /** Creates or replaces a relationship (`If-None-Match: *` makes it create-only). */
  async putRelationship(
    origin: ChangeOrigin,
    sourceId: string,
    relationshipId: string,
    body: unknown,
    options: { ifNoneMatch?: boolean } = {},
  ): Promise<WrittenDocument> {
    this.checkTwinId(sourceId);
    this.checkRelationshipId(relationshipId);
    const request = parseRelationshipBody(body, sourceId, relationshipId);
    if (request.targetId === sourceId) throw selfRelationship();
    return this.write(sourceId, async () => {
      const source = await this.requireOwnTwin(sourceId);
      const existing = await this.loadOwnRelationship(sourceId, relationshipId);
      if (existing !== undefined && options.ifNoneMatch) throw relationshipAlreadyExists(relationshipId);
      const definition = this.relationshipDefinition(source, request.name);
      if (definition === undefined) {
        throw invalidRelationship(
          `${request.name} is not a relationship of ${source.modelId}. The relationship name must be defined by the model of the source twin or one of its ancestors.`,
        );
      }
      const target = await this.repository.getTwin(request.targetId);
      if (target === undefined) throw targetTwinNotFound();
      if (definition.target !== undefined && !this.models.isSubtypeOf(target.modelId, definition.target)) {
        throw invalidRelationship(
          `The target twin ${request.targetId} has model ${target.modelId}, but relationship ${request.name} requires ${definition.target} or a model extending it.`,
        );
      }
      checkRelationshipProperties(definition, request.properties, this.config);
      const checks: GraphCheck[] = [
        { check: "twinExists", id: sourceId, modelId: source.modelId },
        { check: "twinExists", id: target.id, modelId: target.modelId },
      ];
      if (definition.maxMultiplicity !== undefined) {
        const others = await this.repository.countRelationships(sourceId, request.name);
        const count = others - (existing?.name === request.name ? 1 : 0) + 1;
        if (count > definition.maxMultiplicity) {
          throw invalidRelationship(
            `Twin ${sourceId} already has ${count - 1} ${request.name} relationship(s); the model allows at most ${definition.maxMultiplicity}.`,
          );
        }
        checks.push({
          check: "relationshipCountAtMost",
          sourceId,
          name: request.name,
          max: definition.maxMultiplicity,
        });
      }
      const now = this.clock();
      const etag = newEtag();
      const json = JSON.stringify(
        relationshipDoc({
          sourceId,
          id: relationshipId,
          etag,
          name: request.name,
          targetId: target.id,
          properties: request.properties,
        }),
      );
      const stored: StoredRelationship = {
        sourceId,
        id: relationshipId,
        name: request.name,
        targetId: target.id,
        etag,
        doc: json,
      };
      const eventOrigin = this.eventOrigin(origin, now);
      const events: NewOutboxEvent[] = [];
      if (existing === undefined) {
        events.push(this.relationshipLifecycle(cloudEventTypes.relationshipCreate, eventOrigin, stored));
      } else if (existing.name === request.name && existing.targetId === target.id) {
        const before = relationshipProperties(JSON.parse(existing.doc) as Record<string, unknown>);
        events.push({
          twinId: sourceId,
          type: cloudEventTypes.relationshipUpdate,
          event: relationshipUpdateEvent(eventOrigin, randomUUID(), sourceId, relationshipId, {
            modelId: source.modelId,
            patch: diffProperties(before, request.properties),
          }),
        });
      } else {
        // A different name or target is a different edge: the old one goes, the new one comes.
        events.push(this.relationshipLifecycle(cloudEventTypes.relationshipDelete, eventOrigin, existing));
        events.push(this.relationshipLifecycle(cloudEventTypes.relationshipCreate, eventOrigin, stored));
      }
      return {
        batch: {
          writes: [{ op: "putRelationship", relationship: stored, expect: expectRow(existing) }],
          checks,
          events,
        },
        result: { etag, json },
      };
    });
  }

  async patchRelationship(
    origin: ChangeOrigin,
    sourceId: string,
    relationshipId: string,
    body: unknown,
    options: { ifMatch?: IfMatch } = {},
  ): Promise<{ etag: string }> {
    this.checkTwinId(sourceId);
    this.checkRelationshipId(relationshipId);
    const ops = parsePatchDocument(body);
    return this.write(sourceId, async () => {
      const source = await this.requireOwnTwin(sourceId);
      const existing = await this.loadOwnRelationship(sourceId, relationshipId);
      if (existing === undefined) throw relationshipNotFound(sourceId, relationshipId);
      checkIfMatch(options.ifMatch, existing.etag);
      if (ops.length === 0) return { result: { etag: existing.etag } };
      const definition = this.relationshipDefinition(source, existing.name);
      const doc = JSON.parse(existing.doc) as Record<string, unknown>;
      const touched = applyRelationshipPatch(doc, ops, definition);
      if (definition !== undefined) checkRelationshipProperties(definition, doc, this.config, touched);
      const now = this.clock();
      const etag = newEtag();
      doc.$etag = etag;
      const json = JSON.stringify(doc);
      const event = relationshipUpdateEvent(this.eventOrigin(origin, now), randomUUID(), sourceId, relationshipId, {
        modelId: source.modelId,
        patch: ops.map((op) => toEventOperation(op)),
      });
      return {
        batch: {
          writes: [
            {
              op: "putRelationship",
              relationship: { ...existing, etag, doc: json },
              expect: { kind: "etag", etag: existing.etag },
            },
          ],
          checks: [],
          events: [{ twinId: sourceId, type: cloudEventTypes.relationshipUpdate, event }],
        },
        result: { etag },
      };
    });
  }

  async deleteRelationship(
    origin: ChangeOrigin,
    sourceId: string,
    relationshipId: string,
    options: { ifMatch?: IfMatch } = {},
  ): Promise<void> {
    this.checkTwinId(sourceId);
    this.checkRelationshipId(relationshipId);
    return this.write(sourceId, async () => {
      const existing = await this.loadOwnRelationship(sourceId, relationshipId);
      if (existing === undefined) throw await this.missingRelationship(sourceId, relationshipId);
      checkIfMatch(options.ifMatch, existing.etag);
      const eventOrigin = this.eventOrigin(origin, this.clock());
      return {
        batch: {
          writes: [
            { op: "deleteRelationship", sourceId, id: relationshipId, expect: { kind: "etag", etag: existing.etag } },
          ],
          checks: [],
          events: [this.relationshipLifecycle(cloudEventTypes.relationshipDelete, eventOrigin, existing)],
        },
        result: undefined,
      };
    });
  }

  /** One page of a twin's outgoing relationships, optionally of one name, ordered by id. */
  async listRelationships(
    sourceId: string,
    options: { name?: string; token?: string } = {},
  ): Promise<RelationshipPage> {
    this.checkTwinId(sourceId);
    const position = options.token === undefined ? undefined : decodePageToken(options.token, "outgoing");
    const name = position === undefined ? options.name : position.name;
    const limit = this.config.relationshipPageSize;
    const rows = await this.repository.listRelationships(sourceId, {
      ...(name === undefined ? {} : { name }),
      ...(position === undefined ? {} : { afterId: position.afterId }),
      limit: limit + 1,
    });
    // A twin's relationships cannot outlive it, so only an empty first page needs the twin check.
    if (rows.length === 0 && position === undefined) await this.requireTwin(sourceId);
    if (rows.length <= limit) return { items: rows };
    const items = rows.slice(0, limit);
    const last = items[items.length - 1]!;
    return {
      items,
      next: encodePageToken({ list: "outgoing", afterId: last.id, ...(name === undefined ? {} : { name }) }),
    };
  }

  /** One page of the relationships that target a twin, ordered by source twin, then id. */
  async listIncoming(targetId: string, options: { token?: string } = {}): Promise<IncomingPage> {
    this.checkTwinId(targetId);
    const position = options.token === undefined ? undefined : decodePageToken(options.token, "incoming");
    const limit = this.config.relationshipPageSize;
    const rows = await this.repository.listIncoming(targetId, {
      ...(position === undefined ? {} : { after: { sourceId: position.afterSourceId, id: position.afterId } }),
      limit: limit + 1,
    });
    if (rows.length === 0 && position === undefined) await this.requireTwin(targetId);
    if (rows.length <= limit) return { items: rows };
    const items = rows.slice(0, limit);
    const last = items[items.length - 1]!;
    return { items, next: encodePageToken({ list: "incoming", afterSourceId: last.sourceId, afterId: last.id }) };
  }

  // ---- Telemetry ----

  /** Appends a telemetry event for the twin (or one of its components); nothing is stored. */
  async sendTelemetry(origin: ChangeOrigin, id: string, input: TelemetryInput): Promise<void> {
    const twin = await this.getTwin(id);
    let dataschema = twin.modelId;
    if (input.componentPath !== undefined) {
      const content = this.models.getInterface(twin.modelId)?.contents.get(input.componentPath);
      if (content?.kind !== "Component") throw componentNotFound(id, input.componentPath);
      dataschema = content.schema;
    }
    const time = input.sourceTime ?? this.clock();
    const event = telemetryEvent(
      { source: this.config.eventSource ?? origin.source, traceparent: origin.traceparent, time },
      {
        twinId: id,
        ...(input.componentPath === undefined ? {} : { componentPath: input.componentPath }),
        messageId: input.messageId,
        dataschema,
        dataJson: input.dataJson,
      },
    );
    const result = await this.repository.commit({
      writes: [],
      checks: [{ check: "twinExists", id }],
      events: [{ twinId: id, type: cloudEventTypes.telemetry, event }],
    });
    if (!result.ok) throw twinNotFound(id);
  }

  // ---- The write loop ----

  /**
   * Plans a change under the twin's serialisation key and commits it, re-planning on the fresh
   * state when the store's compare-and-swap reports a concurrent change. The key is released as
   * soon as the batch is handed to the store, not when it commits: the next change to the same
   * twin is planned on top of the pending one (`pending*` maps) and lands in the same group
   * commit. Its compare-and-swap expects the pending etag, so if the pending change fails, the
   * next one fails too and is re-planned on what the store really holds.
   */
  private write<T>(key: string, plan: () => Plan<T> | Promise<Plan<T>>, attempt = 1): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.serializer.run(key, (release) => {
        let planned: Plan<T> | Promise<Plan<T>>;
        try {
          planned = plan();
        } catch (error) {
          release();
          reject(error);
          return;
        }
        if (!(planned instanceof Promise)) {
          this.commitPlan(key, plan, attempt, planned, release, resolve, reject);
          return;
        }
        planned.then(
          (ready) => this.commitPlan(key, plan, attempt, ready, release, resolve, reject),
          (error: unknown) => {
            release();
            reject(error);
          },
        );
      });
    });
  }

  /** Hands a plan's batch to the store, releases the key, and settles the write once it commits. */
  private commitPlan<T>(
    key: string,
    plan: () => Plan<T> | Promise<Plan<T>>,
    attempt: number,
    planned: Plan<T>,
    release: () => void,
    resolve: (value: T) => void,
    reject: (error: unknown) => void,
  ): void {
    const batch = planned.batch;
    if (batch === undefined) {
      release();
      resolve(planned.result);
      return;
    }
    const marks = this.markPending(batch, planned.written);
    let committed: Promise<CommitResult>;
    try {
      committed = this.repository.commit(batch);
    } catch (error) {
      this.clearPending(marks);
      release();
      reject(error);
      return;
    }
    release();
    committed.then(
      (outcome) => {
        this.clearPending(marks);
        if (outcome.ok) {
          if (planned.written !== undefined) this.twinCache.set(planned.written);
          resolve(planned.result);
        } else if (attempt >= this.maxAttempts) reject(writeConflict());
        else
          this.retryLater(attempt)
            .then(() => this.write(key, plan, attempt + 1))
            .then(resolve, reject);
      },
      (error: unknown) => {
        this.clearPending(marks);
        reject(error);
      },
    );
  }

  /**
   * Retries go straight back in line at first; after that with a growing random delay, so
   * writers racing from several processes stop invalidating each other's whole pipelines.
   */
  private retryLater(attempt: number): Promise<void> {
    if (attempt < 2) return Promise.resolve();
    const ms = Math.random() * 2 ** Math.min(attempt, 7);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Records the rows a batch is about to write, for the plans queued behind it. */
  private markPending(batch: CommitBatch, written: CachedTwin | undefined): PendingMark[] {
    const marks: PendingMark[] = [];
    for (const write of batch.writes) {
      switch (write.op) {
        case "putTwin":
        case "deleteTwin": {
          const id = write.op === "putTwin" ? write.twin.id : write.id;
          // Whatever the outcome, the cached twin is no longer known to be current.
          this.twinCache.delete(id);
          let entry: PendingEntry = { row: undefined };
          if (write.op === "putTwin")
            entry = written?.row === write.twin ? { row: write.twin, doc: written.doc } : { row: write.twin };
          this.pendingTwins.set(id, entry);
          marks.push({ map: this.pendingTwins, key: id, entry });
          break;
        }
        case "putRelationship":
        case "deleteRelationship": {
          const key =
            write.op === "putRelationship"
              ? relationshipKey(write.relationship.sourceId, write.relationship.id)
              : relationshipKey(write.sourceId, write.id);
          const entry = { row: write.op === "putRelationship" ? write.relationship : undefined };
          this.pendingRelationships.set(key, entry);
          marks.push({ map: this.pendingRelationships, key, entry });
          break;
        }
      }
    }
    return marks;
  }

  private clearPending(marks: readonly PendingMark[]): void {
    for (const mark of marks) if (mark.map.get(mark.key) === mark.entry) mark.map.delete(mark.key);
  }

  /** The twin as the write being planned must see it: pending (queued to commit) or stored. */
  private async loadOwnTwin(id: string): Promise<StoredTwin | undefined> {
    const pending = this.pendingTwins.get(id);
    return pending === undefined ? this.repository.getTwin(id) : (pending.row as StoredTwin | undefined);
  }

  private async requireOwnTwin(id: string): Promise<StoredTwin> {
    const twin = await this.loadOwnTwin(id);
    if (twin === undefined) throw twinNotFound(id);
    return twin;
  }

  private async loadOwnRelationship(sourceId: string, id: string): Promise<StoredRelationship | undefined> {
    const pending = this.pendingRelationships.get(relationshipKey(sourceId, id));
    return pending === undefined
      ? this.repository.getRelationship(sourceId, id)
      : (pending.row as StoredRelationship | undefined);
  }

  // ---- Helpers ----

  private async requireTwin(id: string): Promise<StoredTwin> {
    const twin = await this.repository.getTwin(id);
    if (twin === undefined) throw twinNotFound(id);
    return twin;
  }

  private async missingRelationship(sourceId: string, relationshipId: string) {
    return (await this.repository.getTwin(sourceId)) === undefined
      ? twinNotFound(sourceId)
      : relationshipNotFound(sourceId, relationshipId);
  }

  private relationshipDefinition(source: StoredTwin, name: string): Relationship | undefined {
    const content = this.models.getInterface(source.modelId)?.contents.get(name);
    return content?.kind === "Relationship" ? content : undefined;
  }

  private relationshipLifecycle(
    type: typeof cloudEventTypes.relationshipCreate | typeof cloudEventTypes.relationshipDelete,
    origin: EventOrigin,
    relationship: StoredRelationship,
  ): NewOutboxEvent {
    return {
      twinId: relationship.sourceId,
      type,
      event: relationshipLifecycleEvent(
        type,
        origin,
        randomUUID(),
        relationship.sourceId,
        relationship.id,
        relationship.doc,
      ),
    };
  }

  private eventOrigin(origin: ChangeOrigin, time: string): EventOrigin {
    return { source: this.config.eventSource ?? origin.source, traceparent: origin.traceparent, time };
  }

  /** Serialises a twin after checking its content (everything but `$metadata`) fits the limit. */
  private serializeChecked(doc: TwinDoc): string {
    const json = serializeTwin(doc);
    if (exceeds(json, this.config.maxTwinBytes) && contentBytes(doc) > this.config.maxTwinBytes) {
      throw invalidTwin([validationDetail(`The twin is larger than ${this.config.maxTwinBytes} bytes.`)]);
    }
    return json;
  }

  private checkTwinId(id: string): void {
    checkId("digital twin", id, this.config.maxIdLength);
  }

  private checkRelationshipId(id: string): void {
    checkId("relationship", id, this.config.maxIdLength);
  }
}

function checkIfMatch(condition: IfMatch | undefined, currentEtag: string): void {
  if (condition === undefined || ifMatchAccepts(condition, currentEtag)) return;
  throw etagMismatch(condition.kind === "tags" ? condition.header : "*");
}

function expectRow(current: { readonly etag: string } | undefined): RowPrecondition {
  return current === undefined ? { kind: "absent" } : { kind: "etag", etag: current.etag };
}

/** UTF-8 size of the twin's properties and components without any `$metadata`. */
function contentBytes(doc: TwinDoc): number {
  const content: Record<string, unknown> = {};
  for (const key of Object.keys(doc)) {
    if (key.startsWith("$")) continue;
    const value = doc[key];
    if (isComponentValue(value)) {
      const { $metadata: _metadata, ...properties } = value;
      content[key] = properties;
    } else {
      content[key] = value;
    }
  }
  return Buffer.byteLength(JSON.stringify(content), "utf8");
}

/** An operation without a value, or with a primitive one (nothing shared with the caller). */
function hasPlainValue(op: PatchOp): boolean {
  return typeof op.value !== "object" || op.value === null;
}

function parseTwin(row: StoredTwin): TwinDoc {
  return JSON.parse(row.doc) as TwinDoc;
}

function relationshipKey(sourceId: string, id: string): string {
  return `${sourceId}\u0000${id}`;
}

function escapePointerToken(token: string): string {
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}
