import type { Interface, LangMap, ParseOptions, ParseResult } from "../dtdl/model.js";
import type { ModelRepository } from "../store/ports/modelRepository.js";
import { ModelPageTokens } from "./modelPageToken.js";
import { type UploadClock } from "./uploadClock.js";
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
export declare class ModelRegistry {
    private readonly repository;
    private readonly options;
    private readonly entries;
    private readonly interfaces;
    /** Interface DTMI (top-level or inline) → the top-level model whose document defines it. */
    private readonly interfaceOwner;
    /** Model id → the DTMIs its document defines (itself included). */
    private readonly ownedInterfaces;
    private readonly ancestorSets;
    private ordered;
    private writes;
    private changes;
    private readonly parse;
    private readonly clock;
    private readonly maxDependenciesFor;
    /** Signs and checks `GET /models` continuation tokens (shared by every listener). */
    readonly pageTokens: ModelPageTokens;
    private constructor();
    /** Builds the registry over the store's models, parsing them all once. */
    static load(repository: ModelRepository, options: ModelRegistryOptions): Promise<ModelRegistry>;
    /** Bumped on every committed change, so callers can drop caches keyed by DTMI. */
    get generation(): number;
    get size(): number;
    has(id: string): boolean;
    getModel(id: string): ModelEntry | undefined;
    /** An interface by DTMI: uploaded models and the inline interfaces their documents define. */
    getInterface(dtmi: string): Interface | undefined;
    /** False for unknown models; callers check existence first. */
    isDecommissioned(id: string): boolean;
    /** Reflexive: a model is a subtype of itself. Follows extends transitively. */
    isSubtypeOf(modelId: string, ancestorId: string): boolean;
    /** All ancestors through extends, without the model itself. */
    ancestorsOf(modelId: string): readonly string[];
    /** Stored models in upload order. */
    list(): readonly ModelEntry[];
    /** A model by id for `GET /models/{id}`. */
    require(id: string): ModelEntry;
    /** One page of `GET /models`, optionally limited to the dependency closure of some models. */
    page(request: ModelPageRequest): ModelPage;
    /** Validates and stores a batch all-or-nothing; answers the stored entries in request order. */
    upload(body: unknown): Promise<ModelEntry[]>;
    /** Idempotent. */
    decommission(id: string): Promise<void>;
    delete(id: string): Promise<void>;
    /**
     * Catches up with changes another process made to the store (a cluster node): forgets deleted
     * models, applies decommissions, parses and adds new ones. Serialised with this registry's own
     * writes; the store is the truth.
     */
    refresh(): Promise<void>;
    private checkBatchShape;
    private uploadBatch;
    /** Documents of stored models that define the DTMIs a parse could not find in its batch. */
    private documentsFor;
    private remember;
    private forget;
    private changed;
    private ancestorSet;
    private closureOf;
    /** Runs writes one at a time, in arrival order, whatever the outcome of the previous one. */
    private exclusive;
    private warm;
    /**
     * The stored set no longer parses as a whole (a stricter parser after an upgrade). Each model is
     * parsed against the others; those that fail stay listed and deletable, without an interface.
     */
    private warmOneByOne;
}
