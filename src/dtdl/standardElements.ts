import { dealias } from "./aliases.js";
import { ActiveContext } from "./context.js";
import { type ParseState, parseStandardTopLevel } from "./elementParser.js";
import { ErrorCollector } from "./errors.js";
import { metamodel } from "./generated/metamodel.js";
import { isJsonObject } from "./jsonElement.js";
import type { ParsedElement } from "./parsedElement.js";

export { dealias };

/**
 * The elements every model may refer to without defining them: primitive and geospatial schemas,
 * command types, units and unit enums. They are written in DTDL in the metamodel and parsed on
 * first use, with the same parser as models (reserved identifiers allowed).
 */

const ALIAS_FOR = /^dtmi:dtdl:property:aliasFor;\d$/;

/**
 * Any identifier defined by a standard element → the top-level standard element holding it; made
 * on first use (a process that parses nothing, or only models without references to standard
 * elements, never needs it).
 */
let definitionIndex: Map<string, Readonly<Record<string, unknown>>> | undefined;

function definitions(): Map<string, Readonly<Record<string, unknown>>> {
  if (definitionIndex === undefined) {
    definitionIndex = new Map();
    for (const raw of metamodel.elements) {
      const id = raw["@id"];
      // Aliases define nothing of their own (they only point at another element).
      if (typeof id !== "string" || typeof raw.aliasFor === "string") continue;
      indexIds(definitionIndex, raw, raw);
    }
  }
  return definitionIndex;
}

function indexIds(
  definitions: Map<string, Readonly<Record<string, unknown>>>,
  top: Readonly<Record<string, unknown>>,
  value: unknown,
): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isJsonObject(v)) {
      const id = v["@id"];
      if (typeof id === "string" && !definitions.has(id)) definitions.set(id, top);
      for (const child of Object.values(v)) if (typeof child === "object" && child !== null) stack.push(child);
    }
  }
}

const state: ParseState = {
  elements: new Map(),
  references: [],
  errors: new ErrorCollector(),
  docIndex: undefined,
  allowReservedIds: true,
  isStandard: true,
  pending: [],
  slots: 0,
};
const root = ActiveContext.root({ allowUndefinedExtensions: true, maxDtdlVersion: 99, acceptableLimitContexts: [] });
const parsedTops = new Set<Readonly<Record<string, unknown>>>();
/** Element id → ids it refers to, and id → ids of its children. */
const dependencies = new Map<string, string[]>();
const children = new Map<string, string[]>();

function parseTop(top: Readonly<Record<string, unknown>>): void {
  if (parsedTops.has(top)) return;
  parsedTops.add(top);
  const copy: Record<string, unknown> = { ...top };
  for (const key of Object.keys(copy)) if (ALIAS_FOR.test(key)) delete copy[key];
  const firstRef = state.references.length;
  const before = new Set(state.elements.keys());
  try {
    parseStandardTopLevel(state, root, copy);
  } catch {
    // A standard element the parser cannot read is simply unavailable.
  }
  for (const el of state.elements.values()) {
    if (before.has(el.id) || el.parentId === undefined) continue;
    let list = children.get(el.parentId);
    if (!list) {
      list = [];
      children.set(el.parentId, list);
    }
    list.push(el.id);
  }
  for (let i = firstRef; i < state.references.length; i++) {
    const ref = state.references[i]!;
    let deps = dependencies.get(ref.elementId);
    if (!deps) {
      deps = [];
      dependencies.set(ref.elementId, deps);
    }
    deps.push(dealias(ref.targetId));
  }
}

/** The standard element with this id (aliases followed), parsing it on first use. */
function standardElement(id: string): ParsedElement | undefined {
  const real = dealias(id);
  const top = definitions().get(real);
  if (!top) return undefined;
  parseTop(top);
  return state.elements.get(real);
}

/** Copies a standard element and everything it depends on into a model; false if unknown. */
export function addStandardElement(elements: Map<string, ParsedElement>, id: string): boolean {
  if (!standardElement(id)) return false;
  const stack = [dealias(id)];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (elements.has(current)) continue;
    const el = standardElement(current);
    if (!el) continue;
    elements.set(current, el);
    for (const dep of dependencies.get(current) ?? []) stack.push(dep);
    for (const child of children.get(current) ?? []) stack.push(child);
  }
  return true;
}
