import { semanticError } from "../queryError.js";
/**
 * The row variables a query declares, and path resolution against them. A path whose first
 * segment is a declared alias starts there; otherwise, in a single-collection query, the whole
 * path is a property of the FROM collection (`WHERE $dtId = 'x'`). Aliases are case-sensitive.
 */
export class Scope {
    byName = new Map();
    /** Relationship names traversed from a twin alias: `Floor.Contains` cannot be a property then. */
    relationshipNames = new Map();
    implicitCollection = null;
    get collections() {
        return [...this.byName.values()];
    }
    get implicit() {
        return this.implicitCollection;
    }
    /** The FROM collection of a query without JOIN or MATCH; unqualified paths resolve to it. */
    setImplicit(collection) {
        this.implicitCollection = collection;
    }
    declare(name, kind, sqlAlias) {
        if (this.byName.has(name.value)) {
            throw semanticError(`the alias '${name.value}' is declared more than once`, name.loc);
        }
        const collection = { name: name.value, kind, sqlAlias };
        this.byName.set(name.value, collection);
        return collection;
    }
    lookup(name) {
        return this.byName.get(name);
    }
    /** Resolves an alias that must exist (JOIN source, IS_OF_MODEL first argument). */
    requireAlias(name) {
        const collection = this.byName.get(name.value);
        if (!collection)
            throw this.unknownAlias(name);
        return collection;
    }
    noteRelationshipName(source, name) {
        let names = this.relationshipNames.get(source);
        if (!names) {
            names = new Set();
            this.relationshipNames.set(source, names);
        }
        names.add(name);
    }
    /**
     * `requireQualified`: a SELECT item in a query whose FROM declares an alias must start with
     * an alias (`SELECT ROOM FROM DIGITALTWINS DT` is a mistake, not a property projection).
     */
    resolvePath(path, requireQualified) {
        const [first, ...rest] = path.segments;
        const declared = this.byName.get(first.value);
        if (declared) {
            this.checkNotRelationship(declared, rest, path);
            return { kind: "Path", collection: declared, segments: rest.map((segment) => segment.value), loc: path.loc };
        }
        const implicit = this.implicitCollection;
        if (!implicit || (requireQualified && implicit.name !== ""))
            throw this.unknownAlias(first);
        return {
            kind: "Path",
            collection: implicit,
            segments: path.segments.map((segment) => segment.value),
            loc: path.loc,
        };
    }
    checkNotRelationship(collection, rest, path) {
        const next = rest[0];
        if (!next || collection.kind !== "twin")
            return;
        if (!this.relationshipNames.get(collection)?.has(next.value))
            return;
        throw semanticError(`'${collection.name}.${next.value}' is a relationship, not a property; give the relationship an alias (JOIN x RELATED ${collection.name}.${next.value} R) and use R.<property>`, path.loc);
    }
    unknownAlias(name) {
        const declared = [...this.byName.keys()];
        const caseInsensitive = declared.find((alias) => alias.toLowerCase() === name.value.toLowerCase());
        if (caseInsensitive) {
            return semanticError(`'${name.value}' is not a declared alias; aliases are case-sensitive (did you mean '${caseInsensitive}'?)`, name.loc);
        }
        const list = declared.length > 0 ? `declared aliases: ${declared.join(", ")}` : "the query declares no alias";
        const hint = this.implicitCollection
            ? `; qualify the property with the FROM alias (${declared[0] ?? "T"}.${name.value})`
            : "; with JOIN or MATCH every property must be qualified by an alias";
        return semanticError(`'${name.value}' is not a declared alias (${list})${hint}`, name.loc);
    }
}
//# sourceMappingURL=scope.js.map