import type { ErrorCollector } from "./errors.js";
import type { DescendantControl, Limit } from "./metamodelTypes.js";
import type { ParsedElement } from "./parsedElement.js";
import { classRule, isKindOf, termOrIri, versionIndex } from "./rules.js";
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
  }
  importInheritedContents(elements, errors);
  for (const el of elements.values()) {
    if (el.isStandard) continue;
    checkDescendantControls(el, elements, errors);
  }
}

/**
 * Extends imports the contents of the extended Interfaces. Each Interface's `contents` becomes its
 * own plus every inherited element; a name may not come from two different elements.
 */
function importInheritedContents(elements: Elements, errors: ErrorCollector): void {
  const merged = new Map<string, string[]>();
  const inProgress = new Set<string>();
  const merge = (el: ParsedElement): string[] => {
    const done = merged.get(el.id);
    if (done) return done;
    const own = [...objectValues(el, "contents")];
    if (inProgress.has(el.id)) return own;
    inProgress.add(el.id);
    const byName = new Map<string, string>();
    const result: string[] = [];
    const conflicts = new Map<string, Set<string>>();
    for (const id of own) {
      const name = elements.get(id)?.literals.get("name");
      if (typeof name === "string" && !byName.has(name)) byName.set(name, id);
      result.push(id);
    }
    for (const parentId of objectValues(el, "extends")) {
      const parent = elements.get(parentId);
      if (!parent || parent.kind !== "Interface") continue;
      for (const id of merge(parent)) {
        if (result.includes(id)) continue;
        const name = elements.get(id)?.literals.get("name");
        if (typeof name === "string") {
          const prior = byName.get(name);
          if (prior !== undefined && prior !== id) {
            let set = conflicts.get(name);
            if (!set) conflicts.set(name, (set = new Set()));
            set.add(parentId);
            continue;
          }
          byName.set(name, id);
        }
        result.push(id);
      }
    }
    for (const [name, parents] of conflicts) {
      errors.add("nonUniqueImportedPropertyValue", {
        primaryId: el.id,
        secondaryId: [...parents].join(", "),
        property: "contents",
        value: name,
        documentIndex: el.docIndex,
      });
    }
    inProgress.delete(el.id);
    merged.set(el.id, result);
    return result;
  };
  for (const el of elements.values()) {
    if (el.kind === "Interface" && !el.isStandard) merge(el);
  }
  for (const [id, contents] of merged) {
    const el = elements.get(id)!;
    if (contents.length > 0) el.objects.set("contents", contents);
  }
}

function checkIdLength(el: ParsedElement, errors: ErrorCollector): void {
  const max = limitOf(versionIndex(el.version).rules.interfaceIdMaxLength, el.context.limitSpecifier);
  if (el.kind === "Interface" && max !== undefined && el.id.length > max) {
    errors.add("idTooLongForType", { value: el.id, type: "Interface", restriction: String(max), documentIndex: el.docIndex });
  }
}

/** Properties restricted to particular standard values (Enum.valueSchema, MapKey.schema, …). */
function checkValueRestrictions(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  const cls = classRule(el.version, el.kind);
  if (!cls) return;
  for (const [name, rule] of Object.entries(cls.props)) {
    if (!rule.valueUris) continue;
    for (const id of objectValues(el, name)) {
      const allowed = rule.valueUris.some((u) => dealias(u) === id);
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
  const cls = classRule(el.version, el.kind);
  if (!cls) return;
  for (const [name, rule] of Object.entries(cls.props)) {
    if (!rule.uniqueProperties) continue;
    for (const nested of rule.uniqueProperties) {
      const seen = new Map<string, string>();
      for (const id of objectValues(el, name)) {
        const child = elements.get(id);
        if (!child) continue;
        const v = child.literals.get(nested);
        if (v === undefined) continue;
        const key = `${typeof v}:${String(v)}`;
        if (seen.has(key)) {
          errors.add("nonUniquePropertyValue", {
            primaryId: el.id,
            property: name,
            value: String(v),
            restriction: nested,
            documentIndex: el.docIndex,
          });
        } else seen.set(key, id);
      }
    }
  }
}

function checkDescendantControls(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  const controls = versionIndex(el.version).rules.descendantControls;
  for (const control of controls) {
    if (!isKindOf(el.version, el.kind, control.rootClass)) continue;
    const spec = el.context.limitSpecifier;
    const maxDepth = limitOf(control.maxDepth, spec);
    if (maxDepth !== undefined) checkMaxDepth(el, control, maxDepth, elements, errors);
    if (control.excludeType !== undefined) checkExcludedType(el, control, elements, errors);
    const maxCount = limitOf(control.maxCount, spec);
    if (maxCount !== undefined) checkMaxCount(el, control, maxCount, elements, errors);
    if (control.datatypeProperty !== undefined) checkDatatype(el, control, elements, errors);
  }
}

/** Object properties an element may be traversed through for a control. */
function traversal(el: ParsedElement, control: DescendantControl): [string, boolean][] {
  const cls = classRule(el.version, el.kind);
  if (!cls) return [];
  const out: [string, boolean][] = [];
  for (const [name, rule] of Object.entries(cls.props)) {
    if (rule.literal || rule.class === undefined) continue;
    const relevant = control.properties.includes(name);
    if (relevant || !control.narrow) out.push([name, relevant]);
  }
  return out;
}

/**
 * Depth check as the language defines it: counting only hops through the listed properties, an
 * element whose listed properties sit at the limit is too deep; reaching the start again means a
 * cycle.
 */
function checkMaxDepth(
  root: ParsedElement,
  control: DescendantControl,
  maxDepth: number,
  elements: Elements,
  errors: ErrorCollector,
): void {
  const propertiesDesc = control.properties.map((p) => `'${p}'`).join(" or ");
  const memo = new Map<string, string | null | true>();
  let steps = 0;
  const visit = (el: ParsedElement, depth: number): string | null | true => {
    const key = `${el.id}\u0000${depth}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    if (++steps > 200_000) return true;
    const props = traversal(el, control);
    for (const [name, relevant] of props) {
      if (relevant && objectValues(el, name).length > 0 && depth === maxDepth) {
        memo.set(key, el.id);
        return el.id;
      }
    }
    for (const [name, relevant] of props) {
      for (const childId of objectValues(el, name)) {
        const child = elements.get(childId);
        if (!child) continue;
        let r = visit(child, depth + (relevant ? 1 : 0));
        if (r === true) continue;
        if (r === el.id) {
          if (!control.allowSelf) {
            errors.add(control.narrow ? "recursiveStructureNarrow" : "recursiveStructureWide", {
              primaryId: el.id,
              property: propertiesDesc,
              documentIndex: el.docIndex,
            });
          }
          r = null;
        }
        memo.set(key, r);
        return r;
      }
    }
    memo.set(key, true);
    return true;
  };
  const r = visit(root, 0);
  if (r !== true && r !== null) {
    errors.add(control.narrow ? "excessiveDepthNarrow" : "excessiveDepthWide", {
      primaryId: root.id,
      secondaryId: r,
      property: propertiesDesc,
      restriction: String(maxDepth),
      documentIndex: root.docIndex,
    });
  }
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

function checkExcludedType(root: ParsedElement, control: DescendantControl, elements: Elements, errors: ErrorCollector): void {
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

function checkMaxCount(
  root: ParsedElement,
  control: DescendantControl,
  maxCount: number,
  elements: Elements,
  errors: ErrorCollector,
): void {
  const count = descendants(root, control, elements).length;
  if (count > maxCount) {
    errors.add("excessiveCount", {
      primaryId: root.id,
      property: control.properties.map((p) => `'${p}'`).join(" or "),
      value: String(count),
      restriction: String(maxCount),
      documentIndex: root.docIndex,
    });
  }
}

/** Enum values must conform to the Enum's valueSchema. */
function checkDatatype(root: ParsedElement, control: DescendantControl, elements: Elements, errors: ErrorCollector): void {
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
