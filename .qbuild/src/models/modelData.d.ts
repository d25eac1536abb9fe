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
export declare function toModelData(entry: ModelEntry, includeDefinition: boolean): ModelData;
