import { parseDtdl } from "../dtdl/parseDtdl.js";
import { analyseModel, definedIds } from "./modelDependencies.js";
import { dtdlParserError, invalidModelId, modelIdsAlreadyExist, modelNotFound, modelReferencesNotDeleted, modelsEmptyOrUnsupported, tooManyDependenciesFor, tooManyModels, } from "./modelErrors.js";
import { isValidModelId } from "./modelId.js";
import { ModelPageTokens } from "./modelPageToken.js";
import { createUploadClock } from "./uploadClock.js";
/**
 * The model registry: the one owner of uploaded models. It loads every stored model at start-up,
 * keeps the parsed object model warm (interfaces by DTMI with flattened contents and ancestors)
 * and answers twin validation and queries synchronously. Writes are serialised and the in-memory
 * view changes only after the store has committed, so readers never see a model the store lacks.
 */
export class ModelRegistry {
    repository;
    options;
    entries = new Map();
    interfaces = new Map();
    /** Interface DTMI (top-level or inline) → the top-level model whose document defines it. */
    interfaceOwner = new Map();
    /** Model id → the DTMIs its document defines (itself included). */
    ownedInterfaces = new Map();
    ancestorSets = new Map();
    ordered;
    writes = Promise.resolve();
    changes = 0;
    parse;
    clock;
    maxDependenciesFor;
    /** Signs and checks `GET /models` continuation tokens (shared by every listener). */
    pageTokens;
    constructor(repository, options) {
        this.repository = repository;
        this.options = options;
        this.parse = options.parse ?? parseDtdl;
        this.clock = options.clock ?? createUploadClock();
        this.maxDependenciesFor = options.maxDependenciesFor ?? options.maxModelsPerUpload;
        this.pageTokens = new ModelPageTokens(options.pageTokenKey);
    }
    /** Builds the registry over the store's models, parsing them all once. */
    static async load(repository, options) {
        const registry = new ModelRegistry(repository, options);
        await registry.warm(await repository.all());
        return registry;
    }
    // ---- Synchronous reads (twin validation, queries) ----
    /** Bumped on every committed change, so callers can drop caches keyed by DTMI. */
    get generation() {
        return this.changes;
    }
    get size() {
        return this.entries.size;
    }
    has(id) {
        return this.entries.has(id);
    }
    getModel(id) {
        return this.entries.get(id);
    }
    /** An interface by DTMI: uploaded models and the inline interfaces their documents define. */
    getInterface(dtmi) {
        return this.interfaces.get(dtmi);
    }
    /** False for unknown models; callers check existence first. */
    isDecommissioned(id) {
        return this.entries.get(id)?.decommissioned ?? false;
    }
    /** Reflexive: a model is a subtype of itself. Follows extends transitively. */
    isSubtypeOf(modelId, ancestorId) {
        return modelId === ancestorId || this.ancestorSet(modelId).has(ancestorId);
    }
    /** All ancestors through extends, without the model itself. */
    ancestorsOf(modelId) {
        return this.interfaces.get(modelId)?.ancestors ?? [];
    }
    /** Stored models in upload order. */
    list() {
        this.ordered ??= [...this.entries.values()].sort((a, b) => a.seq - b.seq);
        return this.ordered;
    }
    // ---- API operations (throw catalogue errors) ----
    /** A model by id for `GET /models/{id}`. */
    require(id) {
        if (!isValidModelId(id))
            throw invalidModelId(id);
        const entry = this.entries.get(id);
        if (entry === undefined)
            throw modelNotFound([id]);
        return entry;
    }
    /** One page of `GET /models`, optionally limited to the dependency closure of some models. */
    page(request) {
        const closure = request.dependenciesFor.length > 0 ? this.closureOf(request) : undefined;
        const all = this.list();
        const items = [];
        let index = firstAfter(all, request.afterSeq);
        for (; index < all.length; index++) {
            const entry = all[index];
            if (closure !== undefined && !closure.has(entry.id))
                continue;
            if (items.length === request.limit)
                return { items, more: true };
            items.push(entry);
        }
        return { items, more: false };
    }
    /** Validates and stores a batch all-or-nothing; answers the stored entries in request order. */
    async upload(body) {
        const documents = this.checkBatchShape(body);
        return this.exclusive(() => this.uploadBatch(documents));
    }
    /** Idempotent. */
    async decommission(id) {
        if (!isValidModelId(id))
            throw invalidModelId(id);
        return this.exclusive(async () => {
            const entry = this.entries.get(id);
            if (entry === undefined || !(await this.repository.decommission(id)))
                throw modelNotFound([id]);
            if (entry.decommissioned)
                return;
            this.entries.set(id, { ...entry, decommissioned: true });
            this.changed();
        });
    }
    async delete(id) {
        if (!isValidModelId(id))
            throw invalidModelId(id);
        return this.exclusive(async () => {
            const result = await this.repository.delete(id);
            if (result.outcome === "notFound")
                throw modelNotFound([id]);
            if (result.outcome === "referenced")
                throw modelReferencesNotDeleted(result.referencedBy);
            this.forget(id);
            this.changed();
        });
    }
    /**
     * Catches up with changes another process made to the store (a cluster node): forgets deleted
     * models, applies decommissions, parses and adds new ones. Serialised with this registry's own
     * writes; the store is the truth.
     */
    async refresh() {
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
                const result = await this.parse(added.map((model) => model.definition), { resolve: (dtmis) => this.documentsFor(dtmis) });
                if (result.ok) {
                    for (const model of added) {
                        const owned = definedIds(model.definition).filter((dtmi) => result.model.interfaces.has(dtmi));
                        this.remember(model, owned, (dtmi) => result.model.interfaces.get(dtmi));
                    }
                }
                else {
                    await this.warmOneByOne(added, result.errors);
                }
                changed = true;
            }
            if (changed)
                this.changed();
        });
    }
    // ---- Upload ----
    checkBatchShape(body) {
        if (!Array.isArray(body) || body.length === 0)
            throw modelsEmptyOrUnsupported();
        if (body.length > this.options.maxModelsPerUpload)
            throw tooManyModels(body.length, this.options.maxModelsPerUpload);
        if (!body.every(isPlainObject))
            throw modelsEmptyOrUnsupported();
        return body;
    }
    async uploadBatch(documents) {
        const ids = documents.map((doc) => doc["@id"]);
        rejectDuplicateIds(ids);
        const existing = unique(ids.filter((id) => typeof id === "string" && this.interfaceOwner.has(id)));
        if (existing.length > 0)
            throw modelIdsAlreadyExist(existing);
        const result = await this.parse(documents, { resolve: (dtmis) => this.documentsFor(dtmis) });
        if (!result.ok)
            throw dtdlParserError(result.errors);
        const parsed = result.model;
        // Every interface the batch defines, with the batch document that defines it.
        const batchOwner = new Map();
        const owned = documents.map((doc, index) => {
            const modelId = ids[index];
            const defined = definedIds(doc).filter((dtmi) => parsed.interfaces.has(dtmi));
            for (const dtmi of defined)
                batchOwner.set(dtmi, modelId);
            return defined;
        });
        const clashes = [...batchOwner.keys()].filter((dtmi) => this.interfaceOwner.has(dtmi));
        if (clashes.length > 0)
            throw modelIdsAlreadyExist(clashes);
        const lookup = (dtmi) => parsed.interfaces.get(dtmi) ?? this.interfaces.get(dtmi);
        const ownerOf = (dtmi) => batchOwner.get(dtmi) ?? this.interfaceOwner.get(dtmi);
        const models = documents.map((definition, index) => {
            const id = ids[index];
            const iface = parsed.interfaces.get(id);
            const { refs, ancestors } = analyseModel(id, owned[index], lookup, ownerOf);
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
        if (!inserted.ok)
            throw modelIdsAlreadyExist(inserted.conflicts);
        const entries = inserted.models.map((stored, index) => {
            this.remember(stored, owned[index], (dtmi) => parsed.interfaces.get(dtmi));
            return this.entries.get(stored.id);
        });
        this.changed();
        return entries;
    }
    /** Documents of stored models that define the DTMIs a parse could not find in its batch. */
    documentsFor(dtmis) {
        const owners = new Set();
        for (const dtmi of dtmis) {
            const owner = this.interfaceOwner.get(dtmi);
            if (owner !== undefined)
                owners.add(owner);
        }
        return [...owners].map((owner) => this.entries.get(owner).definition);
    }
    // ---- State ----
    remember(stored, owned, find) {
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
        const kept = [];
        for (const dtmi of owned) {
            const iface = find(dtmi);
            if (iface === undefined)
                continue;
            this.interfaces.set(dtmi, iface);
            this.interfaceOwner.set(dtmi, stored.id);
            kept.push(dtmi);
        }
        this.ownedInterfaces.set(stored.id, kept);
    }
    forget(id) {
        for (const dtmi of this.ownedInterfaces.get(id) ?? []) {
            this.interfaces.delete(dtmi);
            this.interfaceOwner.delete(dtmi);
        }
        this.interfaceOwner.delete(id);
        this.ownedInterfaces.delete(id);
        this.entries.delete(id);
    }
    changed() {
        this.changes++;
        this.ordered = undefined;
        this.ancestorSets.clear();
    }
    ancestorSet(modelId) {
        let set = this.ancestorSets.get(modelId);
        if (set === undefined) {
            set = new Set(this.ancestorsOf(modelId));
            this.ancestorSets.set(modelId, set);
        }
        return set;
    }
    closureOf(request) {
        const ids = unique(request.dependenciesFor);
        if (ids.length > this.maxDependenciesFor)
            throw tooManyDependenciesFor(ids.length, this.maxDependenciesFor);
        const invalid = ids.find((id) => !isValidModelId(id));
        if (invalid !== undefined)
            throw invalidModelId(invalid);
        const missing = ids.filter((id) => !this.entries.has(id));
        if (missing.length > 0 && !request.continuation)
            throw modelNotFound(missing);
        const closure = new Set();
        const pending = ids.filter((id) => this.entries.has(id));
        while (pending.length > 0) {
            const id = pending.pop();
            if (closure.has(id))
                continue;
            closure.add(id);
            for (const ref of this.entries.get(id)?.refs ?? [])
                pending.push(ref);
        }
        return closure;
    }
    /** Runs writes one at a time, in arrival order, whatever the outcome of the previous one. */
    exclusive(work) {
        const run = this.writes.then(work, work);
        this.writes = run.catch(() => undefined);
        return run;
    }
    // ---- Start-up ----
    async warm(stored) {
        if (stored.length === 0)
            return;
        const definitions = stored.map((model) => model.definition);
        const result = await this.parse(definitions, { resolve: () => [] });
        if (result.ok) {
            for (const model of stored) {
                const owned = definedIds(model.definition).filter((dtmi) => result.model.interfaces.has(dtmi));
                this.remember(model, owned, (dtmi) => result.model.interfaces.get(dtmi));
            }
        }
        else {
            await this.warmOneByOne(stored, result.errors);
        }
        this.changed();
    }
    /**
     * The stored set no longer parses as a whole (a stricter parser after an upgrade). Each model is
     * parsed against the others; those that fail stay listed and deletable, without an interface.
     */
    async warmOneByOne(stored, errors) {
        const warn = this.options.onWarning ?? ((message) => console.warn(message));
        warn(`doppel: stored models do not parse together (${errors[0]?.message ?? "unknown error"}); parsing one by one.`);
        const byDefinedId = new Map();
        for (const model of stored)
            for (const dtmi of definedIds(model.definition))
                byDefinedId.set(dtmi, model.definition);
        const resolve = (dtmis) => unique(dtmis.map((d) => byDefinedId.get(d)).filter((d) => d !== undefined));
        for (const model of stored) {
            const result = await this.parse([model.definition], { resolve });
            if (result.ok) {
                const owned = definedIds(model.definition).filter((dtmi) => result.model.interfaces.has(dtmi));
                this.remember(model, owned, (dtmi) => result.model.interfaces.get(dtmi));
            }
            else {
                warn(`doppel: stored model ${model.id} does not parse: ${result.errors[0]?.message ?? "unknown error"}`);
                this.remember(model, [], () => undefined);
            }
        }
    }
}
function rejectDuplicateIds(ids) {
    const seen = new Set();
    const duplicates = new Set();
    for (const id of ids) {
        if (typeof id !== "string")
            continue;
        if (seen.has(id))
            duplicates.add(id);
        seen.add(id);
    }
    if (duplicates.size === 0)
        return;
    throw dtdlParserError([...duplicates].map((id) => ({
        validationId: "dtmi:dtdl:parsingError:duplicateDefinition",
        primaryId: id,
        message: `${id} has more than one definition. Remove all but one JSON object containing '@id' property with value ${id}, or change the '@id' values so there are no duplicates.`,
    })));
}
function isPlainObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
function unique(values) {
    return [...new Set(values)];
}
/** Index of the first entry with a sequence number above `seq` (entries are in seq order). */
function firstAfter(entries, seq) {
    let low = 0;
    let high = entries.length;
    while (low < high) {
        const mid = (low + high) >>> 1;
        if (entries[mid].seq <= seq)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}
//# sourceMappingURL=modelRegistry.js.map