import type { DtdlError, Interface, LangMap, ParseOptions, ParseResult } from "../dtdl/model.js";
import { parseDtdl } from "../dtdl/parseDtdl.js";
import type { ModelRepository, NewModel, StoredModel } from "../store/ports/modelRepository.js";
import { analyseModel, definedIds, type InterfaceLookup } from "./modelDependencies.js";
import {
  dtdlParserError,
  invalidModelId,
  modelIdsAlreadyExist,
  modelNotFound,
  modelReferencesNotDeleted,
  modelsEmptyOrUnsupported,
  tooManyDependenciesFor,
  tooManyModels,
} from "./modelErrors.js";
import { isValidModelId } from "./modelId.js";
import { ModelPageTokens } from "./modelPageToken.js";
import { createUploadClock, type UploadClock } from "./uploadClock.js";

/** One stored model as the registry keeps it: metadata, the document as uploaded, its direct refs. */
export interface ModelEntry {
  readonly seq: number;
  readonly id: string;
  readonly definition: unknown;
  readonly displayName: LangMap;
  readonly description: LangMap;
  readonly uploadTime: string;
  readonly decommissioned: boolean;
  readonly refs: readonly string[];
}

export type DtdlParse = (documents: unknown[], options: ParseOptions) => ParseResult | Promise<ParseResult>;

export interface ModelRegistryOptions {
  readonly maxModelsPerUpload: number;
  /** Most ids accepted in one `dependenciesFor` list. */
  readonly maxDependenciesFor?: number;
  readonly parse?: DtdlParse;
  readonly clock?: UploadClock;
  /** Told about stored models that no longer parse (start-up keeps serving them as metadata). */
  readonly onWarning?: (message: string) => void;
  /** HMAC key for list continuation tokens; random per process when absent. */
  readonly pageTokenKey?: Uint8Array;
  /**
   * Other processes write the store (cluster nodes): an id the registry lacks may have been
   * uploaded an instant ago, before the notification arrives. `refreshIfMissing` then reloads from
   * the store, at most once per `minIntervalMs` however many unknown ids arrive.
   */
  readonly refreshOnMiss?: { readonly minIntervalMs: number };
}

export interface ModelPageRequest {
  /** Models whose dependency closure to list; empty lists every model. */
  readonly dependenciesFor: readonly string[];
  /** Return models uploaded after this sequence number. */
  readonly afterSeq: number;
  readonly limit: number;
  /** Follow-up pages skip dependenciesFor ids deleted since the first page instead of failing. */
  readonly continuation: boolean;
}

export interface ModelPage {
  readonly items: readonly ModelEntry[];
  /** True when models after the last item remain. */
  readonly more: boolean;
}

/**
 * The model registry: the one owner of uploaded models. It loads every stored model at start-up,
 * keeps the parsed object model warm (interfaces by DTMI with flattened contents and ancestors)
 * and answers twin validation and queries synchronously. Writes are serialised and the in-memory
 * view changes only after the store has committed, so readers never see a model the store lacks.
 */
export class ModelRegistry {
  private readonly entries = new Map<string, ModelEntry>();
  private readonly interfaces = new Map<string, Interface>();
  /** Interface DTMI (top-level or inline) → the top-level model whose document defines it. */
  private readonly interfaceOwner = new Map<string, string>();
  /** Model id → the DTMIs its document defines (itself included). */
  private readonly ownedInterfaces = new Map<string, readonly string[]>();
  private readonly ancestorSets = new Map<string, ReadonlySet<string>>();
  private ordered: ModelEntry[] | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private changes = 0;
  /** The reload misses wait for, until it starts; misses after its start wait for the next one. */
  private missReload: Promise<void> | null = null;
  private lastMissReload = Number.NEGATIVE_INFINITY;
  private readonly parse: DtdlParse;
  private readonly clock: UploadClock;
  private readonly maxDependenciesFor: number;
  /** Signs and checks `GET /models` continuation tokens (shared by every listener). */
  readonly pageTokens: ModelPageTokens;

  private constructor(
    private readonly repository: ModelRepository,
    private readonly options: ModelRegistryOptions,
  ) {
    this.parse = options.parse ?? parseDtdl;
    this.clock = options.clock ?? createUploadClock();
    this.maxDependenciesFor = options.maxDependenciesFor ?? options.maxModelsPerUpload;
    this.pageTokens = new ModelPageTokens(options.pageTokenKey);
  }

  /** Builds the registry over the store's models, parsing them all once. */
  static async load(repository: ModelRepository, options: ModelRegistryOptions): Promise<ModelRegistry> {
    const registry = new ModelRegistry(repository, options);
    await registry.warm(await repository.all());
    return registry;
  }

  // ---- Synchronous reads (twin validation, queries) ----

  /** Bumped on every committed change, so callers can drop caches keyed by DTMI. */
  get generation(): number {
    return this.changes;
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  getModel(id: string): ModelEntry | undefined {
    return this.entries.get(id);
  }

  /** An interface by DTMI: uploaded models and the inline interfaces their documents define. */
  getInterface(dtmi: string): Interface | undefined {
    return this.interfaces.get(dtmi);
  }

  /** False for unknown models; callers check existence first. */
  isDecommissioned(id: string): boolean {
    return this.entries.get(id)?.decommissioned ?? false;
  }

  /** Reflexive: a model is a subtype of itself. Follows extends transitively. */
  isSubtypeOf(modelId: string, ancestorId: string): boolean {
    return modelId === ancestorId || this.ancestorSet(modelId).has(ancestorId);
  }

  /** All ancestors through extends, without the model itself. */
  ancestorsOf(modelId: string): readonly string[] {
    return this.interfaces.get(modelId)?.ancestors ?? [];
  }

  /** Stored models in upload order. */
  list(): readonly ModelEntry[] {
    this.ordered ??= [...this.entries.values()].sort((a, b) => a.seq - b.seq);
    return this.ordered;
  }

  // ---- API operations (throw catalogue errors) ----

  /** A model by id for `GET /models/{id}`. */
  require(id: string): ModelEntry {
    if (!isValidModelId(id)) throw invalidModelId(id);
    const entry = this.entries.get(id);
    if (entry === undefined) throw modelNotFound([id]);
    return entry;
  }

  /** One page of `GET /models`, optionally limited to the dependency closure of some models. */
  page(request: ModelPageRequest): ModelPage {
    const closure = request.dependenciesFor.length > 0 ? this.closureOf(request) : undefined;
    const all = this.list();
    const items: ModelEntry[] = [];
    let index = firstAfter(all, request.afterSeq);
    for (; index < all.length; index++) {
      const entry = all[index]!;
      if (closure !== undefined && !closure.has(entry.id)) continue;
      if (items.length === request.limit) return { items, more: true };
      items.push(entry);
    }
    return { items, more: false };
  }

  /** Validates and stores a batch all-or-nothing; answers the stored entries in request order. */
  async upload(body: unknown): Promise<ModelEntry[]> {
    const documents = this.checkBatchShape(body);
    return this.exclusive(() => this.uploadBatch(documents));
  }

  /** Idempotent. */
  async decommission(id: string): Promise<void> {
    if (!isValidModelId(id)) throw invalidModelId(id);
    return this.exclusive(async () => {
      const entry = this.entries.get(id);
      if (entry === undefined || !(await this.repository.decommission(id))) throw modelNotFound([id]);
      if (entry.decommissioned) return;
      this.entries.set(id, { ...entry, decommissioned: true });
      this.changed();
    });
  }

  async delete(id: string): Promise<void> {
    if (!isValidModelId(id)) throw invalidModelId(id);
    return this.exclusive(async () => {
      const result = await this.repository.delete(id);
      if (result.outcome === "notFound") throw modelNotFound([id]);
      if (result.outcome === "referenced") throw modelReferencesNotDeleted(result.referencedBy);
      this.forget(id);
      this.changed();
    });
  }

  /**
   * Catches up with changes another process made to the store (a cluster node): forgets deleted
   * models, applies decommissions, parses and adds new ones. Serialised with this registry's own
   * writes; the store is the truth.
   */
  async refresh(): Promise<void> {
    return this.exclusive(async () => {
      const stored = await this.repository.all();
      const current = new Map(stored.map((model) => [model.id, model]));
      let changed = false;
      for (const [id, entry] of this.entries) {
        if (current.get(id)?.seq !== entry.seq) {
          this.forget(id);
          changed = true;
        }
      }
      const added = stored.filter((model) => !this.entries.has(model.id));
      for (const model of stored) {
        const entry = this.entries.get(model.id);
        if (entry !== undefined && entry.decommissioned !== model.decommissioned) {
          this.entries.set(model.id, { ...entry, decommissioned: model.decommissioned });
          changed = true;
        }
      }
      if (added.length > 0) {
        const result = await this.parse(
          added.map((model) => model.definition),
          { resolve: (dtmis) => this.documentsFor(dtmis) },
        );
        if (result.ok) {
          for (const model of added) {
            const owned = definedIds(model.definition).filter((dtmi) => result.model.interfaces.has(dtmi));
            this.remember(model, owned, (dtmi) => result.model.interfaces.get(dtmi));
          }
        } else {
          await this.warmOneByOne(added, result.errors);
        }
        changed = true;
      }
      if (changed) this.changed();
    });
  }

  /**
   * Before answering that a model does not exist: when some of `ids` are unknown and the store is
   * shared, reloads once from the store (see `refreshOnMiss`). Misses share one reload that starts
   * after they arrive, so a model committed before the miss is found; reloads start at most once
   * per interval, so a flood of unknown ids costs one reload per interval, not one per request.
   * A failed reload leaves the registry as it was (the caller answers as without one).
   */
  async refreshIfMissing(ids: readonly string[]): Promise<void> {
    const interval = this.options.refreshOnMiss?.minIntervalMs;
    if (interval === undefined || ids.every((id) => this.entries.has(id))) return;
    this.missReload ??= this.reloadAfterMiss(interval);
    await this.missReload.catch(() => undefined);
  }

  private async reloadAfterMiss(interval: number): Promise<void> {
    // Always yields first: `missReload` is set before it is cleared below.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, this.lastMissReload + interval - Date.now())));
    this.missReload = null;
    this.lastMissReload = Date.now();
    await this.refresh();
  }

  // ---- Upload ----

  private checkBatchShape(body: unknown): Record<string, unknown>[] {
    if (!Array.isArray(body) || body.length === 0) throw modelsEmptyOrUnsupported();
    if (body.length > this.options.maxModelsPerUpload)
      throw tooManyModels(body.length, this.options.maxModelsPerUpload);
    if (!body.every(isPlainObject)) throw modelsEmptyOrUnsupported();
    return body;
  }

  private async uploadBatch(documents: Record<string, unknown>[]): Promise<ModelEntry[]> {
    const ids = documents.map((doc) => doc["@id"]);
    rejectDuplicateIds(ids);
    const existing = unique(ids.filter((id): id is string => typeof id === "string" && this.interfaceOwner.has(id)));
    if (existing.length > 0) throw modelIdsAlreadyExist(existing);

    const result = await this.parse(documents, { resolve: (dtmis) => this.documentsFor(dtmis) });
    if (!result.ok) throw dtdlParserError(result.errors);
    const parsed = result.model;

    // Every interface the batch defines, with the batch document that defines it.
    const batchOwner = new Map<string, string>();
    const owned = documents.map((doc, index) => {
      const modelId = ids[index] as string;
      const defined = definedIds(doc).filter((dtmi) => parsed.interfaces.has(dtmi));
      for (const dtmi of defined) batchOwner.set(dtmi, modelId);
      return defined;
    });
    const clashes = [...batchOwner.keys()].filter((dtmi) => this.interfaceOwner.has(dtmi));
    if (clashes.length > 0) throw modelIdsAlreadyExist(clashes);

    const lookup: InterfaceLookup = (dtmi) => parsed.interfaces.get(dtmi) ?? this.interfaces.get(dtmi);
    const ownerOf = (dtmi: string) => batchOwner.get(dtmi) ?? this.interfaceOwner.get(dtmi);
    const models: NewModel[] = documents.map((definition, index) => {
      const id = ids[index] as string;
      const iface = parsed.interfaces.get(id);
      const { refs, ancestors } = analyseModel(id, owned[index]!, lookup, ownerOf);
      return {
        id,
        definition,
        displayName: iface?.displayName ?? {},
        description: iface?.description ?? {},
        uploadTime: this.clock(),
        refs,
        ancestors,
      };
    });

    const inserted = await this.repository.insert(models);
    if (!inserted.ok) throw modelIdsAlreadyExist(inserted.conflicts);
    const entries = inserted.models.map((stored, index) => {
      this.remember(stored, owned[index]!, (dtmi) => parsed.interfaces.get(dtmi));
      return this.entries.get(stored.id)!;
    });
    this.changed();
    return entries;
  }

  /** Documents of stored models that define the DTMIs a parse could not find in its batch. */
  private documentsFor(dtmis: readonly string[]): unknown[] {
    const owners = new Set<string>();
    for (const dtmi of dtmis) {
      const owner = this.interfaceOwner.get(dtmi);
      if (owner !== undefined) owners.add(owner);
    }
    return [...owners].map((owner) => this.entries.get(owner)!.definition);
  }

  // ---- State ----

  private remember(stored: StoredModel, owned: readonly string[], find: (dtmi: string) => Interface | undefined): void {
    this.entries.set(stored.id, {
      seq: stored.seq,
      id: stored.id,
      definition: stored.definition,
      displayName: stored.displayName,
      description: stored.description,
      uploadTime: stored.uploadTime,
      decommissioned: stored.decommissioned,
      refs: stored.refs,
    });
    this.interfaceOwner.set(stored.id, stored.id);
    const kept: string[] = [];
    for (const dtmi of owned) {
      const iface = find(dtmi);
      if (iface === undefined) continue;
      this.interfaces.set(dtmi, iface);
      this.interfaceOwner.set(dtmi, stored.id);
      kept.push(dtmi);
    }
    this.ownedInterfaces.set(stored.id, kept);
  }

  private forget(id: string): void {
    for (const dtmi of this.ownedInterfaces.get(id) ?? []) {
      this.interfaces.delete(dtmi);
      this.interfaceOwner.delete(dtmi);
    }
    this.interfaceOwner.delete(id);
    this.ownedInterfaces.delete(id);
    this.entries.delete(id);
  }

  private changed(): void {
    this.changes++;
    this.ordered = undefined;
    this.ancestorSets.clear();
  }

  private ancestorSet(modelId: string): ReadonlySet<string> {
    let set = this.ancestorSets.get(modelId);
    if (set === undefined) {
      set = new Set(this.ancestorsOf(modelId));
      this.ancestorSets.set(modelId, set);
    }
    return set;
  }

  private closureOf(request: ModelPageRequest): Set<string> {
    const ids = unique(request.dependenciesFor);
    if (ids.length > this.maxDependenciesFor) throw tooManyDependenciesFor(ids.length, this.maxDependenciesFor);
    const invalid = ids.find((id) => !isValidModelId(id));
    if (invalid !== undefined) throw invalidModelId(invalid);
    const missing = ids.filter((id) => !this.entries.has(id));
    if (missing.length > 0 && !request.continuation) throw modelNotFound(missing);
    const closure = new Set<string>();
    const pending = ids.filter((id) => this.entries.has(id));
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (closure.has(id)) continue;
      closure.add(id);
      for (const ref of this.entries.get(id)?.refs ?? []) pending.push(ref);
    }
    return closure;
  }

  /** Runs writes one at a time, in arrival order, whatever the outcome of the previous one. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  // ---- Start-up ----

  private async warm(stored: readonly StoredModel[]): Promise<void> {
    if (stored.length === 0) return;
    const definitions = stored.map((model) => model.definition);
    const result = await this.parse(definitions, { resolve: () => [] });
    if (result.ok) {
      for (const model of stored) {
        const owned = definedIds(model.definition).filter((dtmi) => result.model.interfaces.has(dtmi));
        this.remember(model, owned, (dtmi) => result.model.interfaces.get(dtmi));
      }
    } else {
      await this.warmOneByOne(stored, result.errors);
    }
    this.changed();
  }

  /**
   * The stored set no longer parses as a whole (a stricter parser after an upgrade). Each model is
   * parsed against the others; those that fail stay listed and deletable, without an interface.
   */
  private async warmOneByOne(stored: readonly StoredModel[], errors: readonly DtdlError[]): Promise<void> {
    const warn = this.options.onWarning ?? ((message: string) => console.warn(message));
    warn(`doppel: stored models do not parse together (${errors[0]?.message ?? "unknown error"}); parsing one by one.`);
    const byDefinedId = new Map<string, unknown>();
    for (const model of stored)
      for (const dtmi of definedIds(model.definition)) byDefinedId.set(dtmi, model.definition);
    const resolve = (dtmis: string[]) => unique(dtmis.map((d) => byDefinedId.get(d)).filter((d) => d !== undefined));
    for (const model of stored) {
      const result = await this.parse([model.definition], { resolve });
      if (result.ok) {
        const owned = definedIds(model.definition).filter((dtmi) => result.model.interfaces.has(dtmi));
        this.remember(model, owned, (dtmi) => result.model.interfaces.get(dtmi));
      } else {
        warn(`doppel: stored model ${model.id} does not parse: ${result.errors[0]?.message ?? "unknown error"}`);
        this.remember(model, [], () => undefined);
      }
    }
  }
}

function rejectDuplicateIds(ids: readonly unknown[]): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of ids) {
    if (typeof id !== "string") continue;
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  }
  if (duplicates.size === 0) return;
  throw dtdlParserError(
    [...duplicates].map((id) => ({
      validationId: "dtmi:dtdl:parsingError:duplicateDefinition",
      primaryId: id,
      message: `${id} has more than one definition. Remove all but one JSON object containing '@id' property with value ${id}, or change the '@id' values so there are no duplicates.`,
    })),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Index of the first entry with a sequence number above `seq` (entries are in seq order). */
function firstAfter(entries: readonly ModelEntry[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid]!.seq <= seq) low = mid + 1;
    else high = mid;
  }
  return low;
}
