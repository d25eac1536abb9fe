/** Persistence of uploaded models. Owned by `src/models`. */
export interface StoredModel {
    /** Upload order; strictly increasing, used as the paging cursor. */
    readonly seq: number;
    readonly id: string;
    /** The DTDL document exactly as uploaded. */
    readonly definition: unknown;
    readonly displayName: Readonly<Record<string, string>>;
    readonly description: Readonly<Record<string, string>>;
    readonly uploadTime: string;
    readonly decommissioned: boolean;
    /** Direct dependencies, as stored with the model (see `NewModel.refs`). */
    readonly refs: readonly string[];
}
/** An ancestor reached through `extends`, `depth` hops away (1 = a direct parent). */
export interface AncestorLink {
    readonly id: string;
    readonly depth: number;
}
export interface NewModel {
    readonly id: string;
    readonly definition: unknown;
    readonly displayName: Readonly<Record<string, string>>;
    readonly description: Readonly<Record<string, string>>;
    readonly uploadTime: string;
    /** Direct dependencies on other stored models (extends, component schemas), without the model itself. */
    readonly refs: readonly string[];
    /** Ancestors through extends, transitively, without the model itself (stored with itself at depth 0). */
    readonly ancestors: readonly AncestorLink[];
}
export type InsertModelsResult = {
    readonly ok: true;
    readonly models: readonly StoredModel[];
} | {
    readonly ok: false;
    readonly conflicts: readonly string[];
};
export type DeleteModelResult = {
    readonly outcome: "deleted";
} | {
    readonly outcome: "notFound";
} | {
    readonly outcome: "referenced";
    readonly referencedBy: readonly string[];
};
export interface ModelRepository {
    /** All stored models in upload order. Used once at start-up to warm the registry. */
    all(): Promise<StoredModel[]>;
    /**
     * Inserts models, their refs and their ancestry atomically. When any id already exists nothing
     * is written and the existing ids come back instead (in input order).
     */
    insert(models: readonly NewModel[]): Promise<InsertModelsResult>;
    /** Marks a model decommissioned (idempotent); false when there is no such model. */
    decommission(id: string): Promise<boolean>;
    /** Deletes a model with its refs and ancestry unless another model references it. */
    delete(id: string): Promise<DeleteModelResult>;
}
