import { ActiveContext, type ContextOptions } from "./context.js";
import { type ParseState, parseTopLevel, releaseParseScratch } from "./elementParser.js";
import { ErrorCollector, QuitParsing } from "./errors.js";
import { checkJsonValue } from "./jsonSafety.js";
import { findUndefinedReferences, linkReferences } from "./linkElements.js";
import type { DtdlError, ParseOptions, ParseResult } from "./model.js";
import { checkModel } from "./modelChecks.js";
import { buildObjectModel } from "./objectModel.js";
import type { ParsedElement } from "./parsedElement.js";
import { checkPartitions } from "./partitions.js";
import { KNOWN_VERSIONS } from "./rules.js";
import { checkSupplementalConstraints } from "./supplementalChecks.js";

/** Options beyond the public ones, used by the conformance suite. */
export interface InternalParseOptions extends ParseOptions {
  /** Highest DTDL version accepted (default: the newest known). */
  readonly maxDtdlVersion?: number;
  /** DTDL v4 limit extensions a model may select, e.g. `dtmi:dtdl:limits:onvif`. */
  readonly acceptableLimitContexts?: readonly string[];
}

const MAX_RESOLUTION_ROUNDS = 64;

/**
 * Root contexts by options, kept across parses: contexts are immutable, and each keeps the
 * contexts derived from it (and what their types mean), so later parses skip that work.
 */
const rootContexts = new Map<string, ActiveContext>();

function rootContext(options: ContextOptions): ActiveContext {
  const key = `${options.allowUndefinedExtensions}|${options.maxDtdlVersion}|${options.acceptableLimitContexts.join(" ")}`;
  let root = rootContexts.get(key);
  if (root === undefined) {
    root = ActiveContext.root(options);
    if (rootContexts.size < 16) rootContexts.set(key, root);
  }
  return root;
}

/**
 * Parses and validates DTDL documents (each an Interface object or an array of them, as parsed
 * JSON). Returns the object model, or every error found. Never throws.
 */
export function parseDtdl(documents: unknown[], options: InternalParseOptions = {}): ParseResult {
  const errors = new ErrorCollector();
  try {
    if (!Array.isArray(documents)) {
      return failure(
        errors,
        "dtmi:dtdl:parsingError:notJsonValue",
        "The documents to parse must be given as an array.",
      );
    }
    return parseOrQuit(documents, options ?? {}, errors);
  } catch (e) {
    if (e instanceof QuitParsing) return { ok: false, errors: errors.errors };
    if (e instanceof RangeError) {
      return failure(
        errors,
        "dtmi:dtdl:parsingError:excessiveJsonNesting",
        "The input is nested too deeply to process.",
      );
    }
    return failure(errors, "dtmi:dtdl:parsingError:internalError", `Unexpected failure while parsing: ${String(e)}`);
  } finally {
    releaseParseScratch();
  }
}

function failure(errors: ErrorCollector, validationId: string, message: string): ParseResult {
  const all: DtdlError[] = [...errors.errors, { validationId, message }];
  return { ok: false, errors: all };
}

function parseOrQuit(documents: unknown[], options: InternalParseOptions, errors: ErrorCollector): ParseResult {
  const contextOptions: ContextOptions = {
    allowUndefinedExtensions: options.allowUndefinedExtensions,
    maxDtdlVersion: options.maxDtdlVersion ?? Math.max(...KNOWN_VERSIONS),
    acceptableLimitContexts: options.acceptableLimitContexts ?? [],
  };
  const rootCtx = rootContext(contextOptions);
  const elements = new Map<string, ParsedElement>();
  const topLevel: string[] = [];
  const documentBounds: number[] = [];
  const state: ParseState = {
    elements,
    references: [],
    errors,
    docIndex: undefined,
    allowReservedIds: false,
    isStandard: false,
    pending: [],
    slots: 0,
  };

  const parseDocuments = (docs: readonly unknown[], indexOf: (i: number) => number | undefined) => {
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i];
      const docIndex = indexOf(i);
      errors.documentIndex = docIndex;
      const { problem, sizeBound } = checkJsonValue(doc);
      if (docIndex !== undefined) documentBounds[docIndex] = sizeBound;
      if (problem) {
        if (problem.kind === "tooDeep") errors.quit("dtmi:dtdl:parsingError:excessiveJsonNesting");
        if (problem.kind === "tooLarge") errors.quit("dtmi:dtdl:parsingError:excessiveJsonSize");
        errors.quit("dtmi:dtdl:parsingError:notJsonValue", { value: problem.detail });
      }
      state.docIndex = docIndex;
      if (Array.isArray(doc)) {
        for (const item of doc) parseItem(item, docIndex);
      } else {
        parseItem(doc, docIndex);
      }
    }
    // Every document is read even when an earlier one has errors, so that all of them are reported
    // (as the official parser does); nothing is linked or checked across documents until all are.
    errors.throwIfAny();
  };
  const parseItem = (item: unknown, docIndex: number | undefined) => {
    const element = parseTopLevel(state, rootCtx, item);
    if (element !== undefined && docIndex !== undefined) {
      topLevel.push(element.id);
    }
  };
  parseDocuments(documents, (i) => i);

  for (let round = 0; ; round++) {
    const missing = findUndefinedReferences(elements, state.references, errors);
    errors.throwIfAny();
    if (missing.size === 0) break;
    const requested = [...missing.keys()];
    let resolved: unknown[] | undefined;
    if (options.resolve && round < MAX_RESOLUTION_ROUNDS) {
      try {
        resolved = options.resolve(requested);
      } catch (e) {
        errors.add("dtmi:dtdl:resolutionError:resolverFailed", { value: String(e) });
        throw new QuitParsing();
      }
    }
    if (Array.isArray(resolved)) parseDocuments(resolved, () => undefined);
    let unresolved = false;
    for (const [id, refs] of missing) {
      if (elements.has(id)) continue;
      unresolved = true;
      for (const ref of refs) {
        errors.add("dtmi:dtdl:resolutionError:undefinedIdentifier", {
          primaryId: ref.elementId,
          property: ref.property,
          secondaryId: id,
          value: id,
          restriction: options.resolve ? "resolver" : undefined,
          documentIndex: ref.docIndex,
        });
      }
    }
    if (unresolved) throw new QuitParsing();
  }
  linkReferences(elements, state.references, errors);
  errors.throwIfAny();
  const imported = checkModel(elements, errors);
  checkSupplementalConstraints(elements, errors);
  checkPartitions(elements, documentBounds, errors);
  errors.throwIfAny();
  return { ok: true, model: buildObjectModel(elements, topLevel, imported) };
}
