import { type SizeLimits } from "./contentValidation.js";
import { type PatchOp } from "./jsonPatch.js";
import type { ModelLookup } from "./modelLookup.js";
import { type TwinDoc } from "./twinDocument.js";
export interface TwinPatchInput {
    /** A private copy of the stored twin; patched in place. */
    readonly doc: TwinDoc;
    /** Twin-relative operations (component patches are prefixed with the component name). */
    readonly ops: readonly PatchOp[];
    readonly models: ModelLookup;
    readonly limits: SizeLimits;
    readonly now: string;
    /** Set for `PATCH …/components/{name}`: every path must resolve inside that component. */
    readonly component?: string;
}
/**
 * Applies a JSON Patch to a twin with ADT's semantics, atomically: it either returns with the
 * document patched, validated against its (possibly new) model and re-stamped, or throws and the
 * caller discards the copy. Paths address root properties (and inside their values), component
 * properties, `/$metadata/$model` (model migration) and `…/$metadata/<property>/sourceTime`.
 */
export declare function applyTwinPatch(input: TwinPatchInput): void;
