/** Persistence of uploaded models. Owned by `src/models`. */

export interface StoredModel {
  readonly seq: number;
  readonly id: string;
  /** The DTDL document exactly as uploaded. */
  readonly definition: unknown;
  readonly displayName: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  readonly uploadTime: string;
  readonly decommissioned: boolean;
}

export interface NewModel {
  readonly id: string;
  readonly definition: unknown;
  readonly displayName: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  readonly uploadTime: string;
  /** Direct dependencies (extends, component schemas, other referenced interfaces). */
  readonly refs: readonly string[];
  /** Ancestors through extends, transitively, without the model itself. */
  readonly ancestors: readonly string[];
}

export interface ModelRepository {
  /** All stored models in upload order. Used once at start-up to warm the registry. */
  all(): Promise<StoredModel[]>;
  /** Inserts models atomically; returns the ids that already existed instead (and inserts none). */
  insert(models: readonly NewModel[]): Promise<{ readonly conflicts: readonly string[] }>;
  decommission(id: string): Promise<boolean>;
  /** Deletes a model unless another model references it; returns the referencing ids otherwise. */
  delete(id: string): Promise<{ readonly deleted: boolean; readonly referencedBy: readonly string[] }>;
}
