import { ActiveContext } from "./context.js";
import { parseTopLevel } from "./elementParser.js";
import { ErrorCollector, QuitParsing } from "./errors.js";
import { checkJsonValue } from "./jsonSafety.js";
import { findUndefinedReferences, linkReferences } from "./linkElements.js";
import { checkModel } from "./modelChecks.js";
import { buildObjectModel } from "./objectModel.js";
import { checkPartitions } from "./partitions.js";
import { KNOWN_VERSIONS } from "./rules.js";
import { checkSupplementalConstraints } from "./supplementalChecks.js";
const MAX_RESOLUTION_ROUNDS = 64;
/**
 * Parses and validates DTDL documents (each an Interface object or an array of them, as parsed
 * JSON). Returns the object model, or every error found. Never throws.
 */
export function parseDtdl(documents, options = {}) {
    const errors = new ErrorCollector();
    try {
        if (!Array.isArray(documents)) {
            return failure(errors, "dtmi:dtdl:parsingError:notJsonValue", "The documents to parse must be given as an array.");
        }
        return parseOrQuit(documents, options ?? {}, errors);
    }
    catch (e) {
        if (e instanceof QuitParsing)
            return { ok: false, errors: errors.errors };
        if (e instanceof RangeError) {
            return failure(errors, "dtmi:dtdl:parsingError:excessiveJsonNesting", "The input is nested too deeply to process.");
        }
        return failure(errors, "dtmi:dtdl:parsingError:internalError", `Unexpected failure while parsing: ${String(e)}`);
    }
}
function failure(errors, validationId, message) {
    const all = [...errors.errors, { validationId, message }];
    return { ok: false, errors: all };
}
function parseOrQuit(documents, options, errors) {
    const contextOptions = {
        allowUndefinedExtensions: options.allowUndefinedExtensions,
        maxDtdlVersion: options.maxDtdlVersion ?? Math.max(...KNOWN_VERSIONS),
        acceptableLimitContexts: options.acceptableLimitContexts ?? [],
    };
    const rootCtx = ActiveContext.root(contextOptions);
    const elements = new Map();
    const references = [];
    const topLevel = [];
    const sources = new Map();
    const parseDocuments = (docs, indexOf) => {
        for (let i = 0; i < docs.length; i++) {
            const doc = docs[i];
            const docIndex = indexOf(i);
            errors.documentIndex = docIndex;
            const problem = checkJsonValue(doc);
            if (problem) {
                if (problem.kind === "tooDeep")
                    errors.quit("dtmi:dtdl:parsingError:excessiveJsonNesting");
                if (problem.kind === "tooLarge")
                    errors.quit("dtmi:dtdl:parsingError:excessiveJsonSize");
                errors.quit("dtmi:dtdl:parsingError:notJsonValue", { value: problem.detail });
            }
            const state = {
                elements,
                references,
                errors,
                docIndex,
                allowReservedIds: false,
                isStandard: false,
                pending: new Set(),
            };
            const items = Array.isArray(doc) ? doc : [doc];
            for (const item of items) {
                const before = elements.size;
                parseTopLevel(state, rootCtx, item);
                const id = item["@id"];
                if (typeof id === "string" && elements.size > before && docIndex !== undefined) {
                    topLevel.push(id);
                    sources.set(id, item);
                }
            }
            errors.throwIfAny();
        }
    };
    parseDocuments(documents, (i) => i);
    for (let round = 0;; round++) {
        const missing = findUndefinedReferences(elements, references, errors);
        errors.throwIfAny();
        if (missing.size === 0)
            break;
        const requested = [...missing.keys()];
        let resolved;
        if (options.resolve && round < MAX_RESOLUTION_ROUNDS) {
            try {
                resolved = options.resolve(requested);
            }
            catch (e) {
                errors.add("dtmi:dtdl:resolutionError:resolverFailed", { value: String(e) });
                throw new QuitParsing();
            }
        }
        if (Array.isArray(resolved))
            parseDocuments(resolved, () => undefined);
        let unresolved = false;
        for (const [id, refs] of missing) {
            if (elements.has(id))
                continue;
            unresolved = true;
            for (const ref of refs) {
                errors.add("dtmi:dtdl:resolutionError:undefinedIdentifier", {
                    primaryId: ref.elementId,
                    property: ref.property,
                    secondaryId: id,
                    value: id,
                    documentIndex: ref.docIndex,
                });
            }
        }
        if (unresolved)
            throw new QuitParsing();
    }
    linkReferences(elements, references, errors);
    errors.throwIfAny();
    checkModel(elements, errors);
    checkSupplementalConstraints(elements, errors);
    checkPartitions(elements, sources, errors);
    errors.throwIfAny();
    return { ok: true, model: buildObjectModel(elements, topLevel, sources) };
}
//# sourceMappingURL=parseDtdl.js.map