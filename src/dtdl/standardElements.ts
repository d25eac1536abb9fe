import { ActiveContext } from "./context.js";
import { type ParseState, parseElement } from "./elementParser.js";
import { ErrorCollector } from "./errors.js";
import { metamodel } from "./generated/metamodel.js";
import { toLdElement } from "./jsonLd.js";
import type { ParsedElement } from "./parsedElement.js";

/**
 * The elements every model may refer to without defining them: primitive and geospatial schemas,
 * command types, units and unit enums. They are written in DTDL in the metamodel, and parsed once
 * with the same parser as models (reserved identifiers allowed).
 */
interface StandardElements {
  readonly elements: ReadonlyMap<string, ParsedElement>;
  /** Alias identifier → identifier of the element it stands for. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Element id → ids of the elements it refers to (its definition closure). */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  readonly children: ReadonlyMap<string, readonly string[]>;
}

let cached: StandardElements | undefined;

const ALIAS_FOR = /^dtmi:dtdl:property:aliasFor;\d$/;

function build(): StandardElements {
  const errors = new ErrorCollector();
  const state: ParseState = {
    elements: new Map(),
    references: [],
    errors,
    docIndex: undefined,
    allowReservedIds: true,
    isStandard: true,
  };
  const root = ActiveContext.root({ allowUndefinedExtensions: true, maxDtdlVersion: 99, acceptableLimitContexts: [] });
  const aliases = new Map<string, string>();
  for (const raw of metamodel.elements) {
    const copy: Record<string, unknown> = { ...raw };
    const aliasFor = copy.aliasFor;
    if (typeof aliasFor === "string") {
      aliases.set(String(copy["@id"]), aliasFor);
      continue;
    }
    for (const key of Object.keys(copy)) if (ALIAS_FOR.test(key)) delete copy[key];
    try {
      parseElement(state, root, toLdElement(copy), {
        parentId: undefined,
        definedIn: undefined,
        propName: undefined,
        dtmiSeg: undefined,
        idRequired: true,
        typeRequired: true,
        allowedVersions: undefined,
        inferredType: undefined,
        expectedClass: undefined,
      });
    } catch {
      // A standard element the parser cannot read is simply unavailable.
    }
  }
  const dependencies = new Map<string, string[]>();
  for (const ref of state.references) {
    let list = dependencies.get(ref.elementId);
    if (!list) dependencies.set(ref.elementId, (list = []));
    list.push(ref.targetId);
  }
  for (const ref of state.references) {
    const target = aliases.get(ref.targetId) ?? ref.targetId;
    const el = state.elements.get(ref.elementId);
    if (!el) continue;
    const map = ref.supplemental ? undefined : el.objects;
    if (map) {
      let list = map.get(ref.property);
      if (!list) map.set(ref.property, (list = []));
      list.push(target);
    }
  }
  const children = new Map<string, string[]>();
  for (const el of state.elements.values()) {
    if (el.parentId === undefined) continue;
    let list = children.get(el.parentId);
    if (!list) children.set(el.parentId, (list = []));
    list.push(el.id);
  }
  return { elements: state.elements, aliases, dependencies, children };
}

export function standardElements(): StandardElements {
  if (!cached) cached = build();
  return cached;
}

/** Follows alias links (e.g. v3 `double` stands for the v2 element). */
export function dealias(id: string): string {
  const { aliases } = standardElements();
  let current = id;
  for (let i = 0; i < 4; i++) {
    const next = aliases.get(current);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/** Copies a standard element and everything it depends on into a model; false if unknown. */
export function addStandardElement(elements: Map<string, ParsedElement>, id: string): boolean {
  const std = standardElements();
  const real = dealias(id);
  if (!std.elements.has(real)) return false;
  const stack = [real];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (elements.has(current)) continue;
    const el = std.elements.get(current);
    if (!el) continue;
    elements.set(current, el);
    for (const dep of std.dependencies.get(current) ?? []) stack.push(dealias(dep));
    for (const child of std.children.get(current) ?? []) stack.push(child);
  }
  return true;
}
