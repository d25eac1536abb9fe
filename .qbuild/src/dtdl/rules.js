import { metamodel } from "./generated/metamodel.js";
function buildVersionIndex(version) {
    const rules = metamodel.versions[String(version)];
    const typeToClass = new Map();
    const concreteKinds = rules.classes.Entity?.concrete ?? [];
    for (const name of concreteKinds) {
        typeToClass.set(name, name);
        typeToClass.set(`dtmi:dtdl:class:${name};${version}`, name);
    }
    const abstractTypes = new Set();
    for (const [name, cls] of Object.entries(rules.classes)) {
        if (!cls.abstract)
            continue;
        abstractTypes.add(name);
        abstractTypes.add(`dtmi:dtdl:class:${name};${version}`);
    }
    const classProperties = new Map();
    const concrete = new Map();
    for (const [className, cls] of Object.entries(rules.classes)) {
        const props = new Map();
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
    };
}
const versionIndexes = new Map();
for (const v of Object.keys(metamodel.versions))
    versionIndexes.set(Number(v), buildVersionIndex(Number(v)));
export const KNOWN_VERSIONS = [...versionIndexes.keys()].sort();
export function versionIndex(version) {
    const index = versionIndexes.get(version);
    if (!index)
        throw new Error(`unknown DTDL version ${version}`);
    return index;
}
export function classRule(version, className) {
    return versionIndex(version).rules.classes[className];
}
const plans = new Map();
const EMPTY_PLAN = { lineage: new Set(), objectProps: [], valueRestricted: [], uniqueProps: [] };
export function classPlan(version, kind) {
    let byKind = plans.get(version);
    if (!byKind) {
        byKind = new Map();
        plans.set(version, byKind);
    }
    const cached = byKind.get(kind);
    if (cached)
        return cached;
    const classes = versionIndexes.get(version)?.rules.classes;
    const cls = classes?.[kind];
    if (!classes || !cls)
        return EMPTY_PLAN;
    const lineage = new Set();
    let current = kind;
    while (current !== undefined && !lineage.has(current)) {
        lineage.add(current);
        current = classes[current]?.parent;
    }
    const entries = Object.entries(cls.props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const plan = {
        lineage,
        objectProps: entries.filter(([, r]) => !r.literal && r.class !== undefined).map(([name, rule]) => ({ name, rule })),
        valueRestricted: entries.filter(([, r]) => r.valueUris !== undefined).map(([name, rule]) => ({ name, rule })),
        uniqueProps: entries.filter(([, r]) => r.uniqueProperties !== undefined).map(([name, rule]) => ({ name, rule })),
    };
    byKind.set(kind, plan);
    return plan;
}
/** True when `kind` is `className` or one of its subclasses. */
export function isKindOf(version, kind, className) {
    return classPlan(version, kind).lineage.has(className);
}
const supplementalProperties = new Map();
for (const [typeId, st] of Object.entries(metamodel.supplementalTypes)) {
    for (const [iri, rule] of Object.entries(st.props ?? {}))
        supplementalProperties.set(iri, { typeId, iri, rule });
}
export function supplementalType(id) {
    return metamodel.supplementalTypes[id];
}
export function supplementalProperty(iri) {
    return supplementalProperties.get(iri);
}
/** All ancestors of a supplemental type, itself first. */
export function supplementalLineage(id) {
    const out = [];
    let current = id;
    while (current !== undefined && !out.includes(current)) {
        out.push(current);
        current = metamodel.supplementalTypes[current]?.parent;
    }
    return out;
}
/** Reverse lookup for messages: the term a context uses for an IRI. */
const termByIri = new Map();
for (const v of KNOWN_VERSIONS) {
    for (const [term, iri] of versionIndex(v).coreTerms)
        if (!termByIri.has(iri))
            termByIri.set(iri, term);
}
for (const terms of Object.values(metamodel.contexts)) {
    for (const [term, iri] of Object.entries(terms))
        if (!termByIri.has(iri))
            termByIri.set(iri, term);
}
export function termOrIri(iri) {
    return termByIri.get(iri) ?? iri;
}
const allReservedPrefixes = [...new Set(Object.values(metamodel.reservedIdPrefixes).flat())];
/** True for identifiers under a prefix that DTDL or an affiliate reserves (e.g. `dtmi:dtdl:`). */
export function isReservedIdentifier(id) {
    return allReservedPrefixes.some((p) => id.startsWith(p));
}
//# sourceMappingURL=rules.js.map