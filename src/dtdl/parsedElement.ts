import type { ActiveContext } from "./context.js";

/** An element as parsed, before references are resolved into the public object model. */
export interface ParsedElement {
  readonly id: string;
  readonly version: number;
  /** Concrete material class, e.g. `Property`. */
  readonly kind: string;
  readonly parentId: string | undefined;
  /** Name of the parent's property that holds this element. */
  readonly propName: string | undefined;
  /** Id of the partition (Interface) this element is defined inside; undefined for partition roots. */
  readonly definedIn: string | undefined;
  readonly supplementalTypes: readonly string[];
  readonly undefinedTypes: readonly string[];
  /** Material literal properties by name. */
  readonly literals: Literals;
  /** Material object properties by name → referenced/defined element ids, in order. */
  objects: ObjectValues;
  /** Extension properties by IRI → literal value, or element ids for object-valued ones. */
  supplemental: ReadonlyMap<string, unknown>;
  undefinedProps: ReadonlyMap<string, unknown>;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly docIndex: number | undefined;
  readonly context: ActiveContext;
  readonly isStandard: boolean;
  /**
   * Position of the element in its parse (0, 1, …), for per-parse tables; -1 for standard elements,
   * which are shared by every parse.
   */
  readonly slot: number;
}

/** Values kept per element for one parse, in a flat table indexed by slot. */
export class ElementTable<T> {
  private readonly table: (T | undefined)[];
  private readonly others = new Map<ParsedElement, T>();

  constructor(size: number) {
    this.table = new Array<T | undefined>(size).fill(undefined);
  }

  get(el: ParsedElement): T | undefined {
    if (el.slot >= 0 && el.slot < this.table.length) return this.table[el.slot];
    return this.others.get(el);
  }

  set(el: ParsedElement, value: T): void {
    if (el.slot >= 0 && el.slot < this.table.length) this.table[el.slot] = value;
    else this.others.set(el, value);
  }
}

/** Numbers kept per element for one parse, in a flat table indexed by slot. */
export class ElementNumbers {
  private readonly table: Float64Array;
  private readonly others = new Map<ParsedElement, number>();

  constructor(size: number) {
    this.table = new Float64Array(size).fill(Number.NaN);
  }

  get(el: ParsedElement): number | undefined {
    if (el.slot >= 0 && el.slot < this.table.length) {
      const v = this.table[el.slot]!;
      return Number.isNaN(v) ? undefined : v;
    }
    return this.others.get(el);
  }

  set(el: ParsedElement, value: number): void {
    if (el.slot >= 0 && el.slot < this.table.length) this.table[el.slot] = value;
    else this.others.set(el, value);
  }
}

/**
 * A reference written as a string (a DTMI or term) from one element's property to another element,
 * checked once every element is known. Inline definitions need no reference: they are linked as
 * they are parsed.
 */
export interface ObjectReference {
  readonly elementId: string;
  /** Material property name, or the IRI of a supplemental property. */
  readonly property: string;
  readonly supplemental: boolean;
  /** The referenced identifier (aliases not followed). */
  readonly targetId: string;
  /** The string as written. */
  readonly refString: string;
  /** Allowed concrete kinds of the target (material properties). */
  readonly expectedKinds: ReadonlySet<string> | undefined;
  readonly expectedClass: string | undefined;
  readonly allowedVersions: readonly number[] | undefined;
  /** For supplemental references: the required supplemental type of the target. */
  readonly requiredType: string | undefined;
  /** For supplemental references: the element the target must be a child of. */
  readonly childOf: string | undefined;
  readonly docIndex: number | undefined;
}

const LITERALS_BASE: object = Object.freeze(Object.create(null));

/**
 * An element's literal property values by name: the few `Map` methods the checks use, over a small
 * ordinary object (every element has some, and a `Map` is several times larger).
 */
export class Literals {
  private readonly values: Record<string, unknown> = Object.create(LITERALS_BASE);

  get(name: string): unknown {
    return this.values[name];
  }

  has(name: string): boolean {
    return Object.hasOwn(this.values, name);
  }

  set(name: string, value: unknown): this {
    this.values[name] = value;
    return this;
  }
}

/** Shared empty map for elements without extension or undefined properties (most of them). */
export const NO_PROPERTIES: ReadonlyMap<string, unknown> = new Map();

/** Sets an extension property, giving the element its own map on first use. */
export function setSupplemental(el: ParsedElement, iri: string, value: unknown): void {
  if (el.supplemental === NO_PROPERTIES) el.supplemental = new Map();
  (el.supplemental as Map<string, unknown>).set(iri, value);
}

/** Records an undefined property, giving the element its own map on first use. */
export function setUndefinedProperty(el: ParsedElement, name: string, value: unknown): void {
  if (el.undefinedProps === NO_PROPERTIES) el.undefinedProps = new Map();
  (el.undefinedProps as Map<string, unknown>).set(name, value);
}

/**
 * An element's material object properties: property name → ids of the referenced or defined
 * elements, in order; the `Map` methods the checks use, over a small ordinary object.
 */
export class ObjectValues {
  private readonly values: Record<string, string[]> = Object.create(LITERALS_BASE);

  get(name: string): string[] | undefined {
    return this.values[name];
  }

  has(name: string): boolean {
    return Object.hasOwn(this.values, name);
  }

  set(name: string, ids: string[]): this {
    this.values[name] = ids;
    return this;
  }

  /** Entries in the order the properties were first set. */
  *[Symbol.iterator](): IterableIterator<[string, string[]]> {
    for (const name of Object.keys(this.values)) yield [name, this.values[name]!];
  }
}

/** Shared empty value table for elements without object properties (never written to). */
export const NO_OBJECTS: ObjectValues = new ObjectValues();

/** Sets a material object property's values, giving the element its own table on first use. */
export function setObjects(el: ParsedElement, property: string, ids: string[]): void {
  if (el.objects === NO_OBJECTS) el.objects = new ObjectValues();
  el.objects.set(property, ids);
}

/** Lists longer than this get a set to find repeated values. */
const SHORT_LIST = 16;
const listSets = new WeakMap<string[], Set<string>>();

/** Appends a value to a material object property unless it is there already (in value order). */
export function addObject(el: ParsedElement, property: string, id: string): void {
  const list = el.objects === NO_OBJECTS ? undefined : el.objects.get(property);
  if (list === undefined) {
    setObjects(el, property, [id]);
    return;
  }
  if (list.length < SHORT_LIST) {
    if (!list.includes(id)) list.push(id);
    return;
  }
  let seen = listSets.get(list);
  if (seen === undefined) {
    seen = new Set(list);
    listSets.set(list, seen);
  }
  if (!seen.has(id)) {
    seen.add(id);
    list.push(id);
  }
}
