import type { ErrorCollector } from "./errors.js";
import type { ImportedContents } from "./inheritedContents.js";
import type { DescendantControl, Limit } from "./metamodelTypes.js";
import { ElementNumbers, type ParsedElement } from "./parsedElement.js";
import { type ClassPlan, classPlan, isKindOf, versionIndex } from "./rules.js";

type Elements = ReadonlyMap<string, ParsedElement>;

const NO_IDS: readonly string[] = Object.freeze([]);

function limitOf(l: Limit | undefined, spec: string): number | undefined {
  if (l === undefined) return undefined;
  return l[spec] ?? l[""];
}

/** Ids an element refers to through one material object property. */
function objectValues(el: ParsedElement, property: string): readonly string[] {
  return el.objects.get(property) ?? NO_IDS;
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

type Traversal = readonly (readonly [string, boolean])[];

/** Object properties an element may be traversed through for a control. */
const traversalCache = new WeakMap<DescendantControl, Map<ClassPlan, Traversal>>();

/** Object properties an element is traversed through for a control, in name order, and whether each counts. */
function traversal(el: ParsedElement, control: DescendantControl): Traversal {
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
 * The descendant controls of the language (nesting depth, excluded types, element counts, enum
 * value datatypes), checked for every element they apply to. Facts about an element's descendants
 * are worked out once per element and shared by every root that reaches it.
 */
export class DescendantChecks {
  private readonly counters = new Map<DescendantControl, DescendantCounter>();
  private readonly depthProbes = new Map<DescendantControl, DepthProbe>();
  private readonly exclusionProbes = new Map<DescendantControl, ExclusionProbe>();

  constructor(
    private readonly elements: Elements,
    private readonly errors: ErrorCollector,
    private readonly imported: ImportedContents,
  ) {}

  check(el: ParsedElement): void {
    const controls = controlsFor(el);
    if (controls.length === 0) return;
    const spec = el.context.limitSpecifier;
    for (const control of controls) {
      const maxDepth = limitOf(control.maxDepth, spec);
      if (maxDepth !== undefined && control.importProperties === undefined) {
        let probe = this.depthProbes.get(control);
        if (!probe) {
          probe = new DepthProbe(control, this.elements);
          this.depthProbes.set(control, probe);
        }
        if (!probe.withinLimit(el, maxDepth)) checkMaxDepth(el, control, maxDepth, this.elements, this.errors);
      }
      if (control.excludeType !== undefined) {
        let probe = this.exclusionProbes.get(control);
        if (!probe) {
          probe = new ExclusionProbe(control, this.elements);
          this.exclusionProbes.set(control, probe);
        }
        if (!probe.excludes(el)) checkExcludedType(el, control, this.elements, this.errors);
      }
      const maxCount = limitOf(control.maxCount, spec);
      if (maxCount !== undefined) {
        let counter = this.counters.get(control);
        if (!counter) {
          counter = new DescendantCounter(control, this.elements, this.errors, this.imported);
          this.counters.set(control, counter);
        }
        counter.check(el, maxCount);
      }
      if (control.datatypeProperty !== undefined) checkDatatype(el, control, this.elements, this.errors);
    }
  }
}

/** Deeper recursion than this in a shortcut gives up the shortcut (the exact check has its own bounds). */
const MAX_PROBE_DEPTH = 400;
const IN_PROGRESS = -2;

/**
 * Shortcut for the depth check: the most listed-property hops from an element down to an element
 * that still has a listed property (-1 when none), worked out once per element. An acyclic model
 * breaks the limit exactly when this reaches it; cyclic models (and very long chains) always go
 * through the exact check.
 */
class DepthProbe {
  /** Few elements are reached (only complex schemas are roots), so a map rather than a table. */
  private readonly reach = new Map<ParsedElement, number>();
  private usable = true;
  private depth = 0;

  constructor(
    private readonly control: DescendantControl,
    private readonly elements: Elements,
  ) {}

  /** True when the element certainly does not break the limit. */
  withinLimit(root: ParsedElement, maxDepth: number): boolean {
    if (!this.usable) return false;
    const r = this.hops(root);
    return this.usable && r < maxDepth;
  }

  private hops(el: ParsedElement): number {
    const known = this.reach.get(el);
    if (known !== undefined) {
      if (known === IN_PROGRESS) this.usable = false;
      return known;
    }
    if (this.depth > MAX_PROBE_DEPTH) {
      this.usable = false;
      return -1;
    }
    this.reach.set(el, IN_PROGRESS);
    const props = traversal(el, this.control);
    let best = -1;
    for (let p = 0; p < props.length; p++) {
      if (props[p]![1] && objectValues(el, props[p]![0]).length > 0) best = 0;
    }
    for (let p = 0; p < props.length; p++) {
      const relevant = props[p]![1];
      const ids = objectValues(el, props[p]![0]);
      for (let i = 0; i < ids.length; i++) {
        const child = this.elements.get(ids[i]!);
        if (!child) continue;
        this.depth++;
        const h = this.hops(child);
        this.depth--;
        if (h >= 0 && h + (relevant ? 1 : 0) > best) best = h + (relevant ? 1 : 0);
      }
    }
    this.reach.set(el, best);
    return best;
  }
}

/**
 * Shortcut for the excluded-type check: whether any descendant is of the excluded class, worked out
 * once per element; cyclic models (and very long chains) always go through the exact check.
 */
class ExclusionProbe {
  private readonly known = new Map<ParsedElement, boolean | null>();
  private usable = true;
  private depth = 0;

  constructor(
    private readonly control: DescendantControl,
    private readonly elements: Elements,
  ) {}

  /** True when the element certainly has no descendant of the excluded class. */
  excludes(root: ParsedElement): boolean {
    if (!this.usable) return false;
    const found = this.hasExcluded(root);
    return this.usable && !found;
  }

  private hasExcluded(el: ParsedElement): boolean {
    const known = this.known.get(el);
    if (known !== undefined) {
      if (known === null) this.usable = false;
      return known === true;
    }
    if (this.depth > MAX_PROBE_DEPTH) {
      this.usable = false;
      return true;
    }
    this.known.set(el, null);
    const excluded = this.control.excludeType!;
    let found = false;
    const props = traversal(el, this.control);
    for (let p = 0; p < props.length; p++) {
      const ids = objectValues(el, props[p]![0]);
      for (let i = 0; i < ids.length; i++) {
        const child = this.elements.get(ids[i]!);
        if (!child) continue;
        if (isKindOf(child.version, child.kind, excluded)) found = true;
        this.depth++;
        if (this.hasExcluded(child)) found = true;
        this.depth--;
      }
    }
    this.known.set(el, found);
    return found;
  }
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

/** Counts stop growing past this (models that large are rejected whatever the exact figure). */
const COUNT_CEILING = 1e9;
const COUNTING = -1;

/**
 * Counts of listed-property values below each element, for one control, shared by every root. An
 * Interface's `contents` holds its own elements and then, whole, those of each Interface it
 * inherits from (see `importInheritedContents`); their share is counted once per inherited
 * Interface rather than once per inheriting one.
 */
class DescendantCounter {
  private readonly memo: ElementNumbers;
  /** Each source Interface's own contents' share, once known for good. */
  private readonly ownShares = new Map<ParsedElement, number>();
  private depth = 0;
  /** Recursions met and depth cut-offs: a share worked out meanwhile may not be final. */
  private interruptions = 0;
  private maxCount = 0;

  constructor(
    private readonly control: DescendantControl,
    private readonly elements: Elements,
    private readonly errors: ErrorCollector,
    private readonly imported: ImportedContents,
  ) {
    this.memo = new ElementNumbers(elements.size);
  }

  check(root: ParsedElement, maxCount: number): void {
    this.maxCount = maxCount;
    const n = this.count(root);
    if (n > maxCount) {
      this.errors.add("excessiveCount", {
        primaryId: root.id,
        property: this.control.properties.map((p) => `'${p}'`).join(" or "),
        value: String(n),
        restriction: String(maxCount),
        documentIndex: root.docIndex,
      });
    }
  }

  private count(el: ParsedElement): number {
    // Chains this long only arise in models that break other rules; stop before the stack does.
    if (this.depth > 4000) {
      this.interruptions++;
      return this.maxCount + 1;
    }
    const props = traversal(el, this.control);
    if (props.length === 0) return 0;
    const cached = this.memo.get(el);
    if (cached === COUNTING) {
      this.interruptions++;
      if (!this.control.allowSelf) reportRecursion(el, this.control, this.errors);
      return 0;
    }
    if (cached !== undefined) return cached;
    this.memo.set(el, COUNTING);
    let total = 0;
    for (let p = 0; p < props.length; p++) {
      const name = props[p]![0];
      const relevant = props[p]![1];
      const sources = name === "contents" && el.kind === "Interface" ? this.imported.sourcesOf(el) : undefined;
      if (sources === undefined) {
        total = this.addAll(total, objectValues(el, name), relevant);
        continue;
      }
      total = this.addAll(total, this.imported.ownContentsOf(el), relevant);
      for (let i = 0; i < sources.length && total <= COUNT_CEILING; i++) {
        const source = this.elements.get(sources[i]!);
        if (source === undefined) continue;
        const share = this.ownShares.get(source);
        if (share !== undefined && total + share <= COUNT_CEILING) {
          total += share;
          continue;
        }
        const before = this.interruptions;
        const ids = this.imported.ownContentsOf(source);
        const after = this.addAll(total, ids, relevant);
        if (share === undefined && this.interruptions === before && after <= COUNT_CEILING) {
          this.ownShares.set(source, after - total);
        }
        total = after;
      }
    }
    this.memo.set(el, total);
    return total;
  }

  /** Adds the counts of the elements with these ids, stopping once past the ceiling. */
  private addAll(total: number, ids: readonly string[], relevant: boolean): number {
    for (let i = 0; i < ids.length; i++) {
      const child = this.elements.get(ids[i]!);
      if (child) {
        this.depth++;
        total += this.count(child) + (relevant ? 1 : 0);
        this.depth--;
      }
      if (total > COUNT_CEILING) break;
    }
    return total;
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

/** Whether a literal is a valid value of a primitive schema (others accept anything here). */
export function conforms(value: unknown, kind: string): boolean {
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
