import type { Interface } from "../dtdl/model.js";
import type { AncestorLink } from "../store/ports/modelRepository.js";
/** Finds an interface by DTMI: the batch being parsed first, then the registry. */
export type InterfaceLookup = (dtmi: string) => Interface | undefined;
/** The top-level model whose document defines an interface (itself for a top-level one). */
export type OwnerLookup = (dtmi: string) => string | undefined;
export interface ModelDependencies {
    /** Other top-level models this one depends on directly (extends, component schemas), first-seen order. */
    readonly refs: readonly string[];
    /** Every ancestor through extends with its shortest distance. */
    readonly ancestors: readonly AncestorLink[];
}
/**
 * The direct dependencies and ancestry of one top-level model. `owned` lists the interfaces its
 * document defines (itself and inline ones); their own extends and component schemas count as the
 * model's dependencies, mapped to the top-level model that defines each target. Inherited contents
 * are skipped: they are dependencies of the ancestor, not of this model.
 */
export declare function analyseModel(modelId: string, owned: readonly string[], lookup: InterfaceLookup, ownerOf: OwnerLookup): ModelDependencies;
/** Breadth-first over extends, so each ancestor gets its shortest depth (1 = direct parent). */
export declare function ancestryOf(modelId: string, lookup: InterfaceLookup): AncestorLink[];
/**
 * Every `@id` an uploaded document defines (the document's own id and those of inline elements),
 * found by walking the JSON. References are plain strings, so only definitions are collected.
 */
export declare function definedIds(document: unknown): string[];
