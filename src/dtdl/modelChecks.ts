import type { ErrorCollector } from "./errors.js";
import type { DescendantControl, Limit } from "./metamodelTypes.js";
import { type ParsedElement, setObjects } from "./parsedElement.js";
import { type ClassPlan, classPlan, isKindOf, supplementalProperty, termOrIri, versionIndex } from "./rules.js";
import { dealias } from "./standardElements.js";

type Elements = ReadonlyMap<string, ParsedElement>;

function limitOf(l: Limit | undefined, spec: string): number | undefined {
  if (l === undefined) return undefined;
  return l[spec] ?? l[""];
}

/** Ids an element refers to through one material object property. */
function objectValues(el: ParsedElement, property: string): readonly string[] {
  return el.objects.get(property) ?? [];
}

/** Checks that need the whole linked model: value restrictions, uniqueness, descendant controls. */
export function checkModel(elements: Elements, errors: ErrorCollector): void {
  for (const el of elements.values()) {
    if (el.isStandard) continue;
    checkValueRestrictions(el, elements, errors);
    checkUniqueProperties(el, elements, errors);
    checkIdLength(el, errors);
    if (el.supplemental.size > 0) checkInstanceProperties(el, elements, errors);
  }
  checkUniqueSupplementalValues(elements, errors);
  importInheritedContents(elements, errors);
  for (const el of elements.values()) {
    if (el.isStandard) continue;
    checkDescendantControls(el, elements, errors);
  }
}

/**
 * Extends imports the contents of every Interface in the extends closure (at most `maxDepth` hops,
 * no cycles): each Interface's `contents` becomes its own plus every inherited element, and a name
 * may not come from two different elements.
 */
function importInheritedContents(elements: Elements, errors: ErrorCollector): void {
  // Own contents, before any interface's list is replaced by its merged one.
  const ownContents = new Map<string, readonly string[]>();
  for (const el of elements.values()) {
    if (el.kind === "Interface") ownContents.set(el.id, objectValues(el, "contents"));
  }
  const closures = new Map<ParsedElement, { readonly closure: ReadonlySet<string>; readonly height: number }>();
  for (const root of elements.values()) {
    if (root.kind !== "Interface" || root.isStandard) continue;
    const control = versionIndex(root.version).rules.descendantControls.find(
      (c) => c.importProperties !== undefined && c.rootClass === "Interface",
    );
    if (!control) continue;
    const maxDepth = limitOf(control.maxDepth, root.context.limitSpecifier) ?? Number.MAX_SAFE_INTEGER;
    const result = extendsClosure(root, maxDepth, elements, errors, closures);
    if (result.tooDeep !== undefined) {
      errors.add("excessiveDepthNarrow", {
        primaryId: root.id,
        secondaryId: result.tooDeep,
        property: "'extends'",
        restriction: String(maxDepth),
        documentIndex: root.docIndex,
      });
    }
    if (!result.closure) continue;
    if (result.closure.size === 0) continue;
    // Each element belongs to one interface and each source is visited once, so a name seen
    // twice always comes from two different elements.
    const names = new Set<string>();
    const merged: string[] = [];
    for (const id of ownContents.get(root.id) ?? []) {
      const name = elements.get(id)?.literals.get("name");
      if (typeof name === "string") names.add(name);
      merged.push(id);
    }
    for (const sourceId of result.closure) {
      for (const id of ownContents.get(sourceId) ?? []) {
        const name = elements.get(id)?.literals.get("name");
        if (typeof name !== "string") continue;
        if (names.has(name)) {
          errors.add("nonUniqueImportedPropertyValue", {
            primaryId: root.id,
            secondaryId: sourceId,
            property: "contents",
            value: name,
            documentIndex: root.docIndex,
          });
          continue;
        }
        names.add(name);
        merged.push(id);
      }
    }
    if (merged.length > 0) setObjects(root, "contents", merged);
  }
}

/** Transitive `extends` closure with the depth limit; on failure names the too-deep element. */
function extendsClosure(
  root: ParsedElement,
  maxDepth: number,
  elements: Elements,
  errors: ErrorCollector,
  memo: Map<ParsedElement, { readonly closure: ReadonlySet<string>; readonly height: number }>,
): { closure?: ReadonlySet<string>; tooDeep?: string } {
  let tooDeep: string | undefined;
  // Returns the closure and the height (longest extends chain below), or undefined on failure.
  const visit = (el: ParsedElement, depth: number): { closure: ReadonlySet<string>; height: number } | undefined => {
    const known = memo.get(el);
    if (known && depth + known.height <= maxDepth) return known;
    const parents = objectValues(el, "extends");
    if (parents.length > 0 && depth === maxDepth) {
      tooDeep = parents[0];
      return undefined;
    }
    const closure = new Set<string>();
    let height = 0;
    for (const parentId of parents) {
      const parent = elements.get(parentId);
      if (!parent) continue;
      const others = visit(parent, depth + 1);
      if (others) {
        closure.add(parentId);
        for (const o of others.closure) closure.add(o);
        height = Math.max(height, others.height + 1);
      } else {
        if (tooDeep === el.id) {
          errors.add("recursiveStructureNarrow", {
            primaryId: el.id,
            property: "'extends'",
            documentIndex: el.docIndex,
          });
          tooDeep = undefined;
        }
        return undefined;
      }
    }
    const result = { closure, height };
    memo.set(el, result);
    return result;
  };
  const result = visit(root, 0);
  return result ? { closure: result.closure } : tooDeep !== undefined ? { tooDeep } : {};
}

/** Extension properties marked unique (e.g. Mqtt `index`) must differ among siblings. */
function checkUniqueSupplementalValues(elements: Elements, errors: ErrorCollector): void {
  for (const parent of elements.values()) {
    if (parent.isStandard) continue;
    for (const [property, ids] of parent.objects) {
      let seen: Map<string, string> | undefined;
      for (const id of ids) {
        const child = elements.get(id);
        if (!child || child.supplemental.size === 0 || child.isStandard) continue;
        for (const [iri, value] of child.supplemental) {
          if (supplementalProperty(iri)?.rule.uniqueValue !== true || value === undefined) continue;
          const key = `${iri}\u0000${String(value)}`;
          seen ??= new Map();
          if (seen.has(key)) {
            errors.add("nonUniquePropertyValue", {
              primaryId: parent.id,
              property,
              value: String(value),
              restriction: termOrIri(iri),
              documentIndex: parent.docIndex,
            });
          } else seen.set(key, id);
        }
      }
    }
  }
}

/** Extension values bound to the element's schema (e.g. a minimum) must be valid values of it. */
function checkInstanceProperties(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  for (const [iri, value] of el.supplemental) {
    const rule = supplementalProperty(iri)?.rule;
    const schemaProp = rule?.instanceProperty;
    if (typeof schemaProp !== "string" || value === undefined) continue;
    const schemaId = objectValues(el, schemaProp)[0];
    const schema = schemaId === undefined ? undefined : elements.get(schemaId);
    if (!schema) continue;
    if (!conforms(value, schema.kind)) {
      errors.add("nonConformantPropertyValue", {
        primaryId: el.id,
        property: rule!.name,
        value: String(value),
        type: schema.kind,
        documentIndex: el.docIndex,
      });
    }
  }
}

function checkIdLength(el: ParsedElement, errors: ErrorCollector): void {
  const max = limitOf(versionIndex(el.version).rules.interfaceIdMaxLength, el.context.limitSpecifier);
  if (el.kind === "Interface" && max !== undefined && el.id.length > max) {
    errors.add("idTooLongForType", {
      value: el.id,
      type: "Interface",
      restriction: String(max),
      documentIndex: el.docIndex,
    });
  }
}

/** Properties restricted to particular standard values (Enum.valueSchema, MapKey.schema, …). */
function checkValueRestrictions(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  for (const { name, rule } of classPlan(el.version, el.kind).valueRestricted) {
    for (const id of objectValues(el, name)) {
      const allowed = rule.valueUris!.some((u) => dealias(u) === id);
      if (!allowed) {
        const target = elements.get(id);
        errors.add("incorrectPropertyValue", {
          primaryId: el.id,
          property: name,
          value: target?.isStandard ? termOrIri(id) : id,
          restriction: (rule.values ?? []).join(" or "),
          documentIndex: el.docIndex,
        });
      }
    }
  }
}

/** Plural properties whose values must differ in some nested property (e.g. contents names). */
function checkUniqueProperties(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  for (const { name, rule } of classPlan(el.version, el.kind).uniqueProps) {
    const ids = objectValues(el, name);
    if (ids.length < 2) continue;
    for (const nested of rule.uniqueProperties!) {
      // Literal values compare by value and type (the number 1 and the string "1" differ).
      const seen = new Set<unknown>();
      for (const id of ids) {
        const v = elements.get(id)?.literals.get(nested);
        if (v === undefined) continue;
        const key = v;
        if (seen.has(key)) {
          errors.add("nonUniquePropertyValue", {
            primaryId: el.id,
            property: name,
            value: String(v),
            restriction: nested,
            documentIndex: el.docIndex,
          });
        } else seen.add(key);
      }
    }
  }
}

/** Descendant controls whose root class an element of this class belongs to. */
const controlsByPlan = new WeakMap<ClassPlan, readonly DescendantControl[]>();

function controlsFor(el: ParsedElement): readonly DescendantControl[] {
  const plan = classPlan(el.version, el.kind);
  let controls = controlsByPlan.get(plan);
  if (!controls) {
    controls = versionIndex(el.version).rules.descendantControls.filter((c) => plan.lineage.has(c.rootClass));
    controlsByPlan.set(plan, controls);
  }
  return controls;
}

function checkDescendantControls(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  const controls = controlsFor(el);
  if (controls.length === 0) return;
  const spec = el.context.limitSpecifier;
  for (const control of controls) {
    const maxDepth = limitOf(control.maxDepth, spec);
    if (maxDepth !== undefined && control.importProperties === undefined) {
      checkMaxDepth(el, control, maxDepth, elements, errors);
    }
    if (control.excludeType !== undefined) checkExcludedType(el, control, elements, errors);
    const maxCount = limitOf(control.maxCount, spec);
    if (maxCount !== undefined) checkMaxCount(el, control, maxCount, elements, errors);
    if (control.datatypeProperty !== undefined) checkDatatype(el, control, elements, errors);
  }
}

/** Object properties an element may be traversed through for a control. */
const traversalCache = new WeakMap<DescendantControl, Map<ClassPlan, readonly (readonly [string, boolean])[]>>();

/** Object properties an element is traversed through for a control, in name order, and whether each counts. */
function traversal(el: ParsedElement, control: DescendantControl): readonly (readonly [string, boolean])[] {
  let byPlan = traversalCache.get(control);
  if (!byPlan) {
    byPlan = new Map();
    traversalCache.set(control, byPlan);
  }
  const plan = classPlan(el.version, el.kind);
  const cached = byPlan.get(plan);
  if (cached) return cached;
  const out: [string, boolean][] = [];
  for (const { name } of plan.objectProps) {
    const relevant = control.properties.includes(name);
    if (relevant || !control.narrow) out.push([name, relevant]);
  }
  byPlan.set(plan, out);
  return out;
}

/**
 * Depth check, following the language's definition: counting only hops through the listed
 * properties, an element that still has a listed property at the depth limit is too deep. The chain
 * of elements back from the too-deep one is kept; meeting an element already in that chain means a
 * recursive structure (an error unless the control allows self-reference), which ends the search.
 */
function checkMaxDepth(
  root: ParsedElement,
  control: DescendantControl,
  maxDepth: number,
  elements: Elements,
  errors: ErrorCollector,
): void {
  const memo = new Map<string, readonly string[] | null>();
  const visit = (el: ParsedElement, depth: number): readonly string[] | null => {
    const key = `${el.id}\u0000${depth}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    memo.set(key, null);
    const props = traversal(el, control);
    for (const [name, relevant] of props) {
      if (relevant && objectValues(el, name).length > 0 && depth === maxDepth) {
        memo.set(key, [el.id]);
        return [el.id];
      }
    }
    for (const [name, relevant] of props) {
      for (const childId of objectValues(el, name)) {
        const child = elements.get(childId);
        if (!child) continue;
        const chain = visit(child, depth + (relevant ? 1 : 0));
        if (chain === null) continue;
        if (chain.includes(el.id)) {
          if (!control.allowSelf) reportRecursion(el, control, errors);
          return null;
        }
        const longer = [...chain, el.id];
        memo.set(key, longer);
        return longer;
      }
    }
    return null;
  };
  const chain = visit(root, 0);
  if (chain !== null) {
    errors.add(control.narrow ? "excessiveDepthNarrow" : "excessiveDepthWide", {
      primaryId: root.id,
      secondaryId: chain[0],
      property: control.properties.map((p) => `'${p}'`).join(" or "),
      restriction: String(maxDepth),
      documentIndex: root.docIndex,
    });
  }
}

function reportRecursion(el: ParsedElement, control: DescendantControl, errors: ErrorCollector): void {
  errors.add(control.narrow ? "recursiveStructureNarrow" : "recursiveStructureWide", {
    primaryId: el.id,
    property: control.properties.map((p) => `'${p}'`).join(" or "),
    documentIndex: el.docIndex,
  });
}

/** Descendants reachable through the listed properties (all object properties when wide). */
function descendants(root: ParsedElement, control: DescendantControl, elements: Elements): ParsedElement[] {
  const out: ParsedElement[] = [];
  const seen = new Set<string>();
  const stack: ParsedElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    for (const [name] of traversal(el, control)) {
      for (const id of objectValues(el, name)) {
        if (seen.has(id)) continue;
        seen.add(id);
        const child = elements.get(id);
        if (!child) continue;
        out.push(child);
        stack.push(child);
      }
    }
  }
  return out;
}

function checkExcludedType(
  root: ParsedElement,
  control: DescendantControl,
  elements: Elements,
  errors: ErrorCollector,
): void {
  const excluded = control.excludeType!;
  for (const d of descendants(root, control, elements)) {
    if (isKindOf(d.version, d.kind, excluded)) {
      errors.add("excludedType", {
        primaryId: root.id,
        secondaryId: d.id,
        property: control.properties.map((p) => `'${p}'`).join(" or "),
        restriction: excluded,
        type: root.kind,
        documentIndex: root.docIndex,
      });
      return;
    }
  }
}

/** Counts of listed-property values below each element, per control (shared across roots). */
const countCaches = new WeakMap<Elements, Map<DescendantControl, Map<ParsedElement, number | "inProgress">>>();

function checkMaxCount(
  root: ParsedElement,
  control: DescendantControl,
  maxCount: number,
  elements: Elements,
  errors: ErrorCollector,
): void {
  let perControl = countCaches.get(elements);
  if (!perControl) {
    perControl = new Map();
    countCaches.set(elements, perControl);
  }
  let cache = perControl.get(control);
  if (!cache) {
    cache = new Map();
    perControl.set(control, cache);
  }
  const memo = cache;
  let depth = 0;
  const count = (el: ParsedElement): number => {
    // Chains this long only arise in models that break other rules; stop before the stack does.
    if (depth > 4000) return maxCount + 1;
    const props = traversal(el, control);
    if (props.length === 0) return 0;
    const key = el;
    const cached = memo.get(key);
    if (cached === "inProgress") {
      if (!control.allowSelf) reportRecursion(el, control, errors);
      return 0;
    }
    if (cached !== undefined) return cached;
    memo.set(key, "inProgress");
    let total = 0;
    for (const [name, relevant] of props) {
      for (const id of objectValues(el, name)) {
        const child = elements.get(id);
        if (child) {
          depth++;
          total += count(child) + (relevant ? 1 : 0);
          depth--;
        }
        if (total > 1e9) break;
      }
    }
    memo.set(key, total);
    return total;
  };
  const n = count(root);
  if (n > maxCount) {
    errors.add("excessiveCount", {
      primaryId: root.id,
      property: control.properties.map((p) => `'${p}'`).join(" or "),
      value: String(n),
      restriction: String(maxCount),
      documentIndex: root.docIndex,
    });
  }
}

/** Enum values must conform to the Enum's valueSchema. */
function checkDatatype(
  root: ParsedElement,
  control: DescendantControl,
  elements: Elements,
  errors: ErrorCollector,
): void {
  const schemaId = objectValues(root, control.datatypeProperty!)[0];
  if (schemaId === undefined) return;
  const schema = elements.get(schemaId);
  if (!schema) return;
  const property = control.properties[0]!;
  for (const id of objectValues(root, "enumValues")) {
    const child = elements.get(id);
    if (!child) continue;
    const v = child.literals.get(property);
    if (v === undefined) continue;
    if (!conforms(v, schema.kind)) {
      errors.add("nonConformantDatatype", {
        primaryId: child.id,
        secondaryId: root.id,
        property,
        value: String(v),
        type: schema.kind,
        documentIndex: child.docIndex,
      });
    }
  }
}

function conforms(value: unknown, kind: string): boolean {
  switch (kind) {
    case "String":
      return typeof value === "string";
    case "Integer":
      return typeof value === "number" && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
    case "Long":
      return typeof value === "number" && Number.isInteger(value);
    case "Boolean":
      return typeof value === "boolean";
    case "Double":
    case "Float":
      return typeof value === "number";
    default:
      return true;
  }
}
