import type { NameNode, PathNode } from "../syntax/syntaxTree.js";
import type { BoundPath, Collection, CollectionKind } from "./boundQuery.js";
/**
 * The row variables a query declares, and path resolution against them. A path whose first
 * segment is a declared alias starts there; otherwise, in a single-collection query, the whole
 * path is a property of the FROM collection (`WHERE $dtId = 'x'`). Aliases are case-sensitive.
 */
export declare class Scope {
    private readonly byName;
    /** Relationship names traversed from a twin alias: `Floor.Contains` cannot be a property then. */
    private readonly relationshipNames;
    private implicitCollection;
    get collections(): readonly Collection[];
    get implicit(): Collection | null;
    /** The FROM collection of a query without JOIN or MATCH; unqualified paths resolve to it. */
    setImplicit(collection: Collection): void;
    declare(name: NameNode, kind: CollectionKind, sqlAlias: string): Collection;
    lookup(name: string): Collection | undefined;
    /** Resolves an alias that must exist (JOIN source, IS_OF_MODEL first argument). */
    requireAlias(name: NameNode): Collection;
    noteRelationshipName(source: Collection, name: string): void;
    /**
     * `requireQualified`: a SELECT item in a query whose FROM declares an alias must start with
     * an alias (`SELECT ROOM FROM DIGITALTWINS DT` is a mistake, not a property projection).
     */
    resolvePath(path: PathNode, requireQualified: boolean): BoundPath;
    private checkNotRelationship;
    private unknownAlias;
}
