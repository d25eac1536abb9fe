import type { ModelEntry } from "./modelRegistry.js";

/** `DigitalTwinsModelData` as ADT writes it, keys in ADT's order. */
export interface ModelData {
  readonly id: string;
  readonly description: Readonly<Record<string, string>>;
  readonly displayName: Readonly<Record<string, string>>;
  readonly decommissioned: boolean;
  readonly uploadTime: string;
  readonly model?: unknown;
}

export function toModelData(entry: ModelEntry, includeDefinition: boolean): ModelData {
  const data: ModelData = {
    id: entry.id,
    description: entry.description,
    displayName: entry.displayName,
    decommissioned: entry.decommissioned,
    uploadTime: entry.uploadTime,
  };
  return includeDefinition ? { ...data, model: entry.definition } : data;
}
