import type { ErrorCollector } from "./errors.js";
import type { DescendantControl, Limit } from "./metamodelTypes.js";
import { ElementTable, type ParsedElement, setObjects } from "./parsedElement.js";
import { versionIndex } from "./rules.js";

type Elements = ReadonlyMap<string, ParsedElement>;

const NO_IDS: readonly string[] = Object.freeze([]);

/** What importing left in the Interfaces' `contents`. */
export interface ImportedContents {
  /**
   * The Interfaces whose own contents follow the Interface's own in its `contents`, in order, when
   * every one of their elements is there (no name clash, none unnamed); undefined otherwise.
   */
  sourcesOf(el: ParsedElement): readonly string[] | undefined;
  /** An Interface's own contents (before importing). */
  ownContentsOf(el: ParsedElement): readonly string[];
  /**
   * The single parent whose full contents follow the Interface's own contents, whole and in
   * order, in its `contents`; undefined when the contents were merged any other way.
   */
  wholeParentOf(el: ParsedElement): ParsedElement | undefined;
}

/**
 * Names in an Interface's full contents: its own, those of the Interfaces it inherits from
 * (listed, for several parents), and (for one parent) its parent's.
 */
interface NameScope {
  readonly own: readonly string[];
  readonly ownSet: ReadonlySet<string> | undefined;
  readonly inherited: readonly (readonly string[])[];
  readonly parent: NameScope | undefined;
}

const NO_NAME_LISTS: readonly (readonly string[])[] = Object.freeze([]);

function scopeHas(scope: NameScope | undefined, name: string): boolean {
  for (let s = scope; s !== undefined; s = s.parent) {
    if (s.ownSet !== undefined ? s.ownSet.has(name) : s.own.includes(name)) return true;
    for (let i = 0; i < s.inherited.length; i++) if (s.inherited[i]!.includes(name)) return true;
  }
  return false;
}

function makeScope(own: readonly string[], parent: NameScope | undefined): NameScope {
  return { own, ownSet: own.length > 16 ? new Set(own) : undefined, inherited: NO_NAME_LISTS, parent };
}

/** The result of importing for one Interface, also used by the Interfaces that extend it. */
interface Imported {
  readonly merged: readonly string[];
  /** Set when `merged` is the own contents followed by this parent's whole `merged`. */
  readonly wholeParent?: ParsedElement;
  readonly sources: readonly string[] | undefined;
  /** Names of `merged`, when `sources` is defined. */
  readonly names: NameScope | undefined;
}

/**
 * Extends imports the contents of every Interface in the extends closure (at most `maxDepth` hops,
 * no cycles): each Interface's `contents` becomes its own plus every inherited element, and a name
 * may not come from two different elements.
 *
 * An Interface with one parent whose import was clean inherits the parent's full contents as they
 * are, so only its own names need checking against the parent's: the work is linear in the own
 * contents rather than in everything inherited.
 */
export function importInheritedContents(elements: Elements, errors: ErrorCollector): ImportedContents {
  const run = new ContentImport(elements, errors);
  for (const root of elements.values()) {
    if (root.kind !== "Interface" || root.isStandard) continue;
    run.importFor(root);
  }
  return run;
}

/** An Interface's own contents and their names, before importing. */
interface OwnContents {
  readonly ids: readonly string[];
  readonly names: string[];
  readonly allNamed: boolean;
}

/** A successful `extends` walk from an element: the longest chain above it; its closure on demand. */
interface Walked {
  readonly height: number;
  closure: ReadonlySet<string> | undefined;
}

/** The control that makes Interfaces import inherited contents, per DTDL version. */
const importControls = new Map<number, DescendantControl | null>();

function importControl(version: number): DescendantControl | undefined {
  let control = importControls.get(version);
  if (control === undefined) {
    control =
      versionIndex(version).rules.descendantControls.find(
        (c) => c.importProperties !== undefined && c.rootClass === "Interface",
      ) ?? null;
    importControls.set(version, control);
  }
  return control ?? undefined;
}

class ContentImport implements ImportedContents {
  /** Own contents and their names, before any Interface's list is replaced by its merged one. */
  private readonly own: ElementTable<OwnContents>;
  private readonly walked: ElementTable<Walked>;
  /** Which import last saw each content name (see `computeOnce`). */
  private readonly nameMarks = new Map<string, number>();
  private marks = 0;
  /** Imports computed ahead of their turn (for a child), without reporting errors. */
  private readonly early: ElementTable<Imported | null>;
  private readonly results: ElementTable<Imported>;

  constructor(
    private readonly elements: Elements,
    private readonly errors: ErrorCollector,
  ) {
    const size = elements.size;
    this.own = new ElementTable(size);
    this.walked = new ElementTable(size);
    this.early = new ElementTable(size);
    this.results = new ElementTable(size);
    for (const el of elements.values()) {
      if (el.kind !== "Interface") continue;
      const ids = el.objects.get("contents") ?? NO_IDS;
      const names: string[] = [];
      let allNamed = true;
      for (let i = 0; i < ids.length; i++) {
        const name = elements.get(ids[i]!)?.literals.get("name");
        if (typeof name === "string") names.push(name);
        else allNamed = false;
      }
      this.own.set(el, { ids, names, allNamed });
    }
  }

  sourcesOf(el: ParsedElement): readonly string[] | undefined {
    return this.results.get(el)?.sources;
  }

  wholeParentOf(el: ParsedElement): ParsedElement | undefined {
    return this.results.get(el)?.wholeParent;
  }

  ownContentsOf(el: ParsedElement): readonly string[] {
    return this.own.get(el)?.ids ?? NO_IDS;
  }

  importFor(root: ParsedElement): void {
    const imported = this.compute(root, true);
    if (imported === null) return;
    this.results.set(root, imported);
    if (imported.merged !== (this.own.get(root)?.ids ?? NO_IDS) && imported.merged.length > 0) {
      setObjects(root, "contents", imported.merged as string[]);
    }
  }

  /** The import for an Interface (null when it imports nothing); errors reported only when asked. */
  private compute(root: ParsedElement, report: boolean): Imported | null {
    const known = this.early.get(root);
    // A clean import found ahead of its turn reported nothing, and would report nothing now.
    if (known !== undefined && (!report || known?.sources !== undefined)) return known;
    const result = this.computeOnce(root, report);
    if (!report) this.early.set(root, result);
    return result;
  }

  private computeOnce(root: ParsedElement, report: boolean): Imported | null {
    const control = importControl(root.version);
    if (!control) return null;
    const maxDepth = limitOf(control.maxDepth, root.context.limitSpecifier) ?? Number.MAX_SAFE_INTEGER;
    this.maxDepth = maxDepth;
    this.report = report;
    this.tooDeep = undefined;
    const walked = this.walk(root, 0);
    if (walked === undefined) {
      if (this.tooDeep !== undefined && report) {
        this.errors.add("excessiveDepthNarrow", {
          primaryId: root.id,
          secondaryId: this.tooDeep,
          property: "'extends'",
          restriction: String(maxDepth),
          documentIndex: root.docIndex,
        });
      }
      return null;
    }
    const own = this.own.get(root)!;
    // Nothing to import: the contents stay as they are.
    if (walked.height === 0) return { merged: own.ids, sources: NO_IDS, names: makeScope(own.names, undefined) };

    // One parent whose own import was clean: inherit its contents whole.
    const parents = root.objects.get("extends") ?? NO_IDS;
    const parent = parents.length === 1 ? this.elements.get(parents[0]!) : undefined;
    if (parent !== undefined && parent.kind === "Interface" && !parent.isStandard && parent.version === root.version) {
      const inherited = this.results.get(parent) ?? this.compute(parent, false);
      const parentOwn = this.own.get(parent)!;
      if (inherited?.sources !== undefined && inherited.names !== undefined && parentOwn.allNamed) {
        let clash = false;
        for (let i = 0; i < own.names.length; i++) {
          if (scopeHas(inherited.names, own.names[i]!)) {
            clash = true;
            break;
          }
        }
        if (!clash) {
          const above = inherited.sources;
          const sources: string[] = new Array(above.length + 1);
          sources[0] = parent.id;
          for (let i = 0; i < above.length; i++) sources[i + 1] = above[i]!;
          return {
            merged: own.ids.length === 0 ? inherited.merged : own.ids.concat(inherited.merged),
            wholeParent: parent,
            sources,
            // Without own contents, the names are the parent's.
            names: own.names.length === 0 ? inherited.names : makeScope(own.names, inherited.names),
          };
        }
      }
    }

    // Each element belongs to one interface and each source is visited once, so a name seen
    // twice always comes from two different elements. Names are marked as seen for this import
    // in one table shared by all imports of the parse.
    const mark = ++this.marks;
    const seen = this.nameMarks;
    for (let i = 0; i < own.names.length; i++) seen.set(own.names[i]!, mark);
    const merged: string[] = own.ids.slice();
    const inherited: (readonly string[])[] = [];
    let exact = true;
    const closure = this.closureOf(root);
    for (const sourceId of closure) {
      const source = this.elements.get(sourceId);
      const sourceOwn = source === undefined ? undefined : this.own.get(source);
      if (sourceOwn === undefined) continue;
      if (!sourceOwn.allNamed) exact = false;
      inherited.push(sourceOwn.names);
      const ids = sourceOwn.ids;
      for (let i = 0; i < ids.length; i++) {
        const name = this.elements.get(ids[i]!)?.literals.get("name");
        if (typeof name !== "string") continue;
        if (seen.get(name) === mark) {
          exact = false;
          if (report) {
            this.errors.add("nonUniqueImportedPropertyValue", {
              primaryId: root.id,
              secondaryId: sourceId,
              property: "contents",
              value: name,
              documentIndex: root.docIndex,
            });
          }
          continue;
        }
        seen.set(name, mark);
        merged.push(ids[i]!);
      }
    }
    if (!exact) return { merged, sources: undefined, names: undefined };
    const names: NameScope = { own: own.names, ownSet: undefined, inherited, parent: undefined };
    return { merged, sources: Array.from(closure), names };
  }

  /** State of the current walk (a walk never nests). */
  private maxDepth = 0;
  private report = false;
  private tooDeep: string | undefined;

  /**
   * Walks `extends` upwards with the depth limit: the longest chain above the element, or
   * undefined on failure (too deep, which names the element in `tooDeep`; or a cycle, reported).
   */
  private walk(el: ParsedElement, depth: number): Walked | undefined {
    const known = this.walked.get(el);
    if (known && depth + known.height <= this.maxDepth) return known;
    const parents = el.objects.get("extends") ?? NO_IDS;
    if (parents.length > 0 && depth === this.maxDepth) {
      this.tooDeep = parents[0];
      return undefined;
    }
    let height = 0;
    for (const parentId of parents) {
      const parent = this.elements.get(parentId);
      if (!parent) continue;
      const above = this.walk(parent, depth + 1);
      if (above) {
        height = Math.max(height, above.height + 1);
      } else {
        if (this.tooDeep === el.id) {
          if (this.report) {
            this.errors.add("recursiveStructureNarrow", {
              primaryId: el.id,
              property: "'extends'",
              documentIndex: el.docIndex,
            });
          }
          this.tooDeep = undefined;
        }
        return undefined;
      }
    }
    const result: Walked = { height, closure: known?.closure };
    this.walked.set(el, result);
    return result;
  }

  /** Every Interface above a successfully walked one, parents first (each followed by its own). */
  private closureOf(el: ParsedElement): ReadonlySet<string> {
    const walked = this.walked.get(el);
    if (walked?.closure !== undefined) return walked.closure;
    const closure = new Set<string>();
    for (const parentId of el.objects.get("extends") ?? NO_IDS) {
      const parent = this.elements.get(parentId);
      if (!parent) continue;
      closure.add(parentId);
      for (const o of this.closureOf(parent)) closure.add(o);
    }
    if (walked !== undefined) walked.closure = closure;
    return closure;
  }
}

function limitOf(l: Limit | undefined, spec: string): number | undefined {
  if (l === undefined) return undefined;
  return l[spec] ?? l[""];
}
