import { metamodel } from "./generated/metamodel.js";
import type {
  ClassRule,
  PropertyRule,
  SupplementalPropertyRule,
  SupplementalTypeRule,
  VersionRules,
} from "./metamodelTypes.js";

/**
 * Lookup tables derived once from the generated metamodel: what a term or IRI means in a given
 * DTDL version.
 */
export interface VersionIndex {
  readonly version: number;
  readonly rules: VersionRules;
  /** Concrete material classes by `@type` spelling (term or class DTMI). */
  readonly typeToClass: ReadonlyMap<string, string>;
  /** Spellings of abstract material classes (valid type names that denote no concrete kind). */
  readonly abstractTypes: ReadonlySet<string>;
  /** Properties of each class by spelling (term or property DTMI). */
  readonly classProperties: ReadonlyMap<
    string,
    ReadonlyMap<string, { readonly name: string; readonly rule: PropertyRule }>
  >;
  /** Concrete subclasses (the class itself included when concrete). */
  readonly concrete: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every term of the DTDL context of this version. */
  readonly coreTerms: ReadonlyMap<string, string>;
  readonly reservedPrefixes: readonly string[];
  readonly identifierDefinition: RegExp;
  readonly identifierReference: RegExp;
  /** The classes of this version by name (a map: looked up for nearly every element). */
  readonly classRules: ReadonlyMap<string, ClassRule>;
  /** Per-class facts for the checks, made on first use. */
  readonly plans: Map<string, ClassPlan>;
}

function buildVersionIndex(version: number): VersionIndex {
  const rules = metamodel.versions[String(version)]!;
  const typeToClass = new Map<string, string>();
  const concreteKinds = rules.classes.Entity?.concrete ?? [];
  for (const name of concreteKinds) {
    typeToClass.set(name, name);
    typeToClass.set(`dtmi:dtdl:class:${name};${version}`, name);
  }
  const abstractTypes = new Set<string>();
  for (const [name, cls] of Object.entries(rules.classes)) {
    if (!cls.abstract) continue;
    abstractTypes.add(name);
    abstractTypes.add(`dtmi:dtdl:class:${name};${version}`);
  }
  const classProperties = new Map<string, Map<string, { name: string; rule: PropertyRule }>>();
  const concrete = new Map<string, Set<string>>();
  for (const [className, cls] of Object.entries(rules.classes)) {
    const props = new Map<string, { name: string; rule: PropertyRule }>();
    for (const [propName, rule] of Object.entries(cls.props)) {
      props.set(propName, { name: propName, rule });
      props.set(`dtmi:dtdl:property:${propName};${version}`, { name: propName, rule });
    }
    classProperties.set(className, props);
    concrete.set(className, new Set(cls.concrete ?? []));
  }
  return {
    version,
    rules,
    typeToClass,
    abstractTypes,
    classProperties,
    concrete,
    coreTerms: new Map(Object.entries(rules.context)),
    reservedPrefixes: metamodel.reservedIdPrefixes[`dtmi:dtdl:context;${version}`] ?? [],
    identifierDefinition: new RegExp(rules.identifierDefinition.pattern),
    identifierReference: new RegExp(rules.identifierReference.pattern),
    classRules: new Map(Object.entries(rules.classes)),
    plans: new Map(),
  };
}

export const KNOWN_VERSIONS: readonly number[] = Object.keys(metamodel.versions)
  .map(Number)
  .sort((a, b) => a - b);

/** Version indexes by version number, built on first use (a model set rarely uses every version). */
const versionIndexes: (VersionIndex | undefined)[] = [];

export function versionIndex(version: number): VersionIndex {
  const index = versionIndexes[version];
  if (index !== undefined) return index;
  if (!KNOWN_VERSIONS.includes(version)) throw new Error(`unknown DTDL version ${version}`);
  const built = buildVersionIndex(version);
  versionIndexes[version] = built;
  return built;
}

export function classRule(version: number, className: string): ClassRule | undefined {
  return versionIndex(version).classRules.get(className);
}

/** Per-class facts the model checks need, computed once. */
export interface ClassPlan {
  /** The class and its ancestors. */
  readonly lineage: ReadonlySet<string>;
  /** Object-valued properties, in name order. */
  readonly objectProps: readonly { readonly name: string; readonly rule: PropertyRule }[];
  /** Properties restricted to particular standard values. */
  readonly valueRestricted: readonly { readonly name: string; readonly rule: PropertyRule }[];
  /** Plural properties whose values must differ in nested properties. */
  readonly uniqueProps: readonly { readonly name: string; readonly rule: PropertyRule }[];
}

const EMPTY_PLAN: ClassPlan = { lineage: new Set(), objectProps: [], valueRestricted: [], uniqueProps: [] };

export function classPlan(version: number, kind: string): ClassPlan {
  const index = versionIndexes[version] ?? (KNOWN_VERSIONS.includes(version) ? versionIndex(version) : undefined);
  if (index === undefined) return EMPTY_PLAN;
  const byKind = index.plans;
  const cached = byKind.get(kind);
  if (cached) return cached;
  const classes = index.rules.classes;
  const cls = index.classRules.get(kind);
  if (!cls) return EMPTY_PLAN;
  const lineage = new Set<string>();
  let current: string | undefined = kind;
  while (current !== undefined && !lineage.has(current)) {
    lineage.add(current);
    current = classes[current]?.parent;
  }
  const entries = Object.entries(cls.props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const plan: ClassPlan = {
    lineage,
    objectProps: entries.filter(([, r]) => !r.literal && r.class !== undefined).map(([name, rule]) => ({ name, rule })),
    valueRestricted: entries.filter(([, r]) => r.valueUris !== undefined).map(([name, rule]) => ({ name, rule })),
    uniqueProps: entries.filter(([, r]) => r.uniqueProperties !== undefined).map(([name, rule]) => ({ name, rule })),
  };
  byKind.set(kind, plan);
  return plan;
}

/** True when `kind` is `className` or one of its subclasses. */
export function isKindOf(version: number, kind: string, className: string): boolean {
  return classPlan(version, kind).lineage.has(className);
}

export interface SupplementalPropertyInfo {
  readonly typeId: string;
  readonly iri: string;
  readonly rule: SupplementalPropertyRule;
}

const supplementalProperties = new Map<string, SupplementalPropertyInfo>();
for (const [typeId, st] of Object.entries(metamodel.supplementalTypes)) {
  for (const [iri, rule] of Object.entries(st.props ?? {})) supplementalProperties.set(iri, { typeId, iri, rule });
}

export function supplementalType(id: string): SupplementalTypeRule | undefined {
  return metamodel.supplementalTypes[id];
}

export function supplementalProperty(iri: string): SupplementalPropertyInfo | undefined {
  return supplementalProperties.get(iri);
}

/** All ancestors of a supplemental type, itself first. */
export function supplementalLineage(id: string): string[] {
  const out: string[] = [];
  let current: string | undefined = id;
  while (current !== undefined && !out.includes(current)) {
    out.push(current);
    current = metamodel.supplementalTypes[current]?.parent;
  }
  return out;
}

/** Reverse lookup for messages: the term a context uses for an IRI (made on first use). */
let termByIri: Map<string, string> | undefined;

function buildTermByIri(): Map<string, string> {
  const terms = new Map<string, string>();
  // From the raw tables: building every version's index just for this would be wasted work.
  for (const v of KNOWN_VERSIONS) {
    for (const [term, iri] of Object.entries(metamodel.versions[String(v)]!.context)) {
      if (!terms.has(iri)) terms.set(iri, term);
    }
  }
  for (const context of Object.values(metamodel.contexts)) {
    for (const [term, iri] of Object.entries(context)) if (!terms.has(iri)) terms.set(iri, term);
  }
  return terms;
}

export function termOrIri(iri: string): string {
  termByIri ??= buildTermByIri();
  return termByIri.get(iri) ?? iri;
}

const allReservedPrefixes: string[] = [...new Set(Object.values(metamodel.reservedIdPrefixes).flat())];

/** True for identifiers under a prefix that DTDL or an affiliate reserves (e.g. `dtmi:dtdl:`). */
export function isReservedIdentifier(id: string): boolean {
  return allReservedPrefixes.some((p) => id.startsWith(p));
}
