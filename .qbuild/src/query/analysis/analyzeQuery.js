import { semanticError, syntaxError } from "../queryError.js";
import { isAnchored, pinnedCollections } from "./anchors.js";
import { Scope } from "./scope.js";
/** Most distinct path shapes one MATCH may expand to (the product of its edges' hop ranges). */
export const maxMatchShapes = 256;
/**
 * Resolves names, checks ADT's rules and the configured limits, and produces the analysed query
 * the compilers read. Every rejection is a `SqlQueryError` pointing at the offending text.
 */
export function analyzeQuery(text, query, options) {
    return new Analyzer(text, query, options).run();
}
class Analyzer {
    text;
    query;
    options;
    scope = new Scope();
    adt;
    logicalOperators = 0;
    constructor(text, query, options) {
        this.text = text;
        this.query = query;
        this.options = options;
        this.adt = options.compat === "adt";
    }
    run() {
        const source = this.bindSource();
        const where = this.query.where ? this.bindExpression(this.query.where) : null;
        if (this.logicalOperators > this.options.limits.maxLogicalOperators) {
            throw semanticError(`the query has ${this.logicalOperators} AND/OR operators; at most ${this.options.limits.maxLogicalOperators} are allowed`, this.query.where.loc);
        }
        const groupBy = this.bindGroupBy();
        const { output, aggregation } = this.bindOutput(source, groupBy);
        const orderBy = this.bindOrderBy(output, aggregation, groupBy);
        const top = this.query.select.top?.count ?? null;
        if (top !== null && aggregation === "total") {
            throw semanticError("TOP cannot be combined with an aggregate that returns a single row", this.query.select.top.loc);
        }
        const anchored = where !== null && isAnchored(where);
        this.checkAnchor(source, anchored);
        const light = where !== null && isLight(source, where);
        return {
            text: this.text,
            compat: this.options.compat,
            source,
            where,
            output,
            aggregation,
            groupBy,
            orderBy,
            top,
            anchored,
            light,
            cost: this.costInputs(source, output, aggregation, orderBy),
        };
    }
    // ---------------------------------------------------------------- FROM, JOIN, MATCH
    bindSource() {
        const { from, joins, match } = this.query;
        if (from.collection === "RELATIONSHIPS") {
            const clause = joins[0] ?? match;
            if (clause) {
                throw semanticError(`${clause.kind === "Join" ? "JOIN" : "MATCH"} cannot be used with FROM RELATIONSHIPS`, clause.loc);
            }
            const collection = this.declareFrom("relationship", "r0");
            this.scope.setImplicit(collection);
            return { kind: "relationships", collection };
        }
        if (match) {
            if (joins.length > 0)
                throw semanticError("JOIN and MATCH cannot be combined in one query", joins[0].loc);
            if (from.alias) {
                throw semanticError("with MATCH, declare aliases in the pattern ('FROM DIGITALTWINS MATCH (a)-[...]->(b)'), not after DIGITALTWINS", from.alias.loc);
            }
            return { kind: "twins", pattern: this.bindMatch(match) };
        }
        const root = this.declareFrom("twin", "t0");
        const twins = [{ sqlAlias: "t0", collection: root }];
        if (joins.length === 0) {
            this.scope.setImplicit(root);
            return { kind: "twins", pattern: { kind: "single", twins, edges: [] } };
        }
        if (joins.length > this.options.limits.maxJoins) {
            throw semanticError(`the query has ${joins.length} JOINs; at most ${this.options.limits.maxJoins} are allowed`, joins[this.options.limits.maxJoins].loc);
        }
        const edges = joins.map((join, index) => this.bindJoin(join, index + 1, twins));
        return { kind: "twins", pattern: { kind: "join", twins, edges } };
    }
    declareFrom(kind, sqlAlias) {
        const alias = this.query.from.alias;
        if (alias)
            return this.scope.declare(alias, kind, sqlAlias);
        return { name: "", kind, sqlAlias };
    }
    bindJoin(join, index, twins) {
        const source = this.scope.requireAlias(join.source);
        if (source.kind !== "twin") {
            throw semanticError(`'${source.name}' is a relationship; JOIN ... RELATED needs a twin alias`, join.source.loc);
        }
        const from = twins.findIndex((slot) => slot.collection === source);
        const target = this.scope.declare(join.target, "twin", `t${index}`);
        twins.push({ sqlAlias: `t${index}`, collection: target });
        const relationship = join.relationshipAlias
            ? this.scope.declare(join.relationshipAlias, "relationship", `e${index}`)
            : null;
        this.scope.noteRelationshipName(source, join.relationship.value);
        return {
            sqlAlias: `e${index}`,
            from,
            to: twins.length - 1,
            direction: "out",
            names: [join.relationship.value],
            minHops: 1,
            maxHops: 1,
            collection: relationship,
        };
    }
    bindMatch(match) {
        const twins = match.nodes.map((node, index) => ({
            sqlAlias: `n${index}`,
            collection: node.alias ? this.scope.declare(node.alias, "twin", `n${index}`) : null,
        }));
        const edges = match.edges.map((edge, index) => this.bindMatchEdge(edge, index, twins));
        if (twins.every((slot) => !slot.collection) && edges.every((edge) => !edge.collection)) {
            throw semanticError("a MATCH pattern needs at least one named node or relationship variable", match.loc);
        }
        const totalHops = edges.reduce((sum, edge) => sum + edge.maxHops, 0);
        if (totalHops > this.options.limits.maxHops) {
            throw semanticError(`the MATCH pattern spans up to ${totalHops} hops; at most ${this.options.limits.maxHops} are allowed`, match.loc);
        }
        const shapes = edges.reduce((product, edge) => product * (edge.maxHops - edge.minHops + 1), 1);
        if (shapes > maxMatchShapes) {
            throw semanticError(`the MATCH pattern has ${shapes} combinations of hop counts; at most ${maxMatchShapes} are supported (narrow the hop ranges)`, match.loc);
        }
        return { kind: "match", twins, edges };
    }
    bindMatchEdge(edge, index, twins) {
        const { minHops, maxHops } = this.hopRange(edge);
        if (edge.variable && edge.hops) {
            throw semanticError(`the relationship variable '${edge.variable.value}' cannot be used with a hop count; a variable binds a single hop`, edge.hops.loc);
        }
        const collection = edge.variable ? this.scope.declare(edge.variable, "relationship", `e${index}`) : null;
        const names = edge.names.map((name) => name.value);
        if (edge.direction !== "in")
            this.noteNames(twins[index], names);
        if (edge.direction !== "out")
            this.noteNames(twins[index + 1], names);
        return {
            sqlAlias: `e${index}`,
            from: index,
            to: index + 1,
            direction: edge.direction,
            names,
            minHops,
            maxHops,
            collection,
        };
    }
    noteNames(slot, names) {
        if (!slot.collection)
            return;
        for (const name of names)
            this.scope.noteRelationshipName(slot.collection, name);
    }
    /** `*n` exactly n; `*..n` 1 to n; `*m..n` m+1 to n (ADT documents the lower bound as exclusive). */
    hopRange(edge) {
        const hops = edge.hops;
        if (!hops)
            return { minHops: 1, maxHops: 1 };
        if (hops.upper < 1)
            throw semanticError("a hop count must be at least 1", hops.loc);
        if (!hops.range)
            return { minHops: hops.upper, maxHops: hops.upper };
        const minHops = hops.lower === null ? 1 : hops.lower + 1;
        if (minHops > hops.upper) {
            throw semanticError(`the hop range *${hops.lower}..${hops.upper} is empty: the lower bound is exclusive, so it must be less than the upper bound`, hops.loc);
        }
        return { minHops, maxHops: hops.upper };
    }
    // ---------------------------------------------------------------- WHERE
    bindExpression(node) {
        switch (node.kind) {
            case "Logical":
                this.logicalOperators += 1;
                return {
                    kind: "Logical",
                    operator: node.operator,
                    left: this.bindExpression(node.left),
                    right: this.bindExpression(node.right),
                };
            case "Not":
                return { kind: "Not", operand: this.bindExpression(node.operand) };
            case "Comparison":
                return {
                    kind: "Comparison",
                    operator: node.operator,
                    left: this.bindOperand(node.left),
                    right: this.bindOperand(node.right),
                };
            case "In":
                if (this.adt && node.spelledNotIn) {
                    throw syntaxError("ADT spells 'NOT IN' as NIN", node.loc);
                }
                if (node.items.length > this.options.limits.maxInItems) {
                    throw semanticError(`the list has ${node.items.length} values; at most ${this.options.limits.maxInItems} are allowed in IN / NIN`, node.items[this.options.limits.maxInItems].loc);
                }
                return {
                    kind: "In",
                    negated: node.negated,
                    operand: this.bindOperand(node.operand),
                    items: node.items.map((item) => item.value),
                };
            case "IsOfModel":
                return {
                    kind: "IsOfModel",
                    collection: this.isOfModelCollection(node.alias, node.loc),
                    model: node.model.value,
                    exact: node.exact,
                };
            case "TypeCheck":
                return { kind: "TypeCheck", fn: node.fn, path: this.scope.resolvePath(node.path, false) };
            case "StringMatch":
                return {
                    kind: "StringMatch",
                    fn: node.fn,
                    path: this.scope.resolvePath(node.path, false),
                    value: node.value.value,
                };
            case "ArrayContains":
                return { kind: "ArrayContains", path: this.scope.resolvePath(node.path, false), value: node.value.value };
        }
    }
    bindOperand(node) {
        if (node.kind === "Literal")
            return { kind: "Literal", value: node.value };
        return this.scope.resolvePath(node, false);
    }
    isOfModelCollection(alias, loc) {
        const collection = alias ? this.scope.requireAlias(alias) : this.scope.implicit;
        if (!collection) {
            throw semanticError("IS_OF_MODEL needs an alias as its first argument when the query has several collections", loc);
        }
        if (collection.kind !== "twin") {
            throw semanticError(`IS_OF_MODEL applies to twins; '${collection.name || "RELATIONSHIPS"}' is a relationship collection`, loc);
        }
        return collection;
    }
    // ---------------------------------------------------------------- SELECT, GROUP BY, ORDER BY
    bindOutput(source, groupBy) {
        const select = this.query.select;
        const joined = source.kind === "twins" && source.pattern.kind !== "single";
        if (select.star) {
            if (joined) {
                const clause = source.kind === "twins" && source.pattern.kind === "match" ? "MATCH" : "JOIN";
                throw semanticError(`SELECT * is not supported with ${clause}; list the aliases to return (SELECT A, B ...)`, select.loc);
            }
            if (select.distinct)
                throw semanticError("DISTINCT needs a list of values, not *", select.loc);
            if (groupBy.length > 0)
                throw semanticError("GROUP BY needs a list of values, not *", select.loc);
            const collection = source.kind === "relationships" ? source.collection : source.pattern.twins[0].collection;
            return { output: { kind: "Documents", collection }, aggregation: "rows" };
        }
        const items = select.items.map((item) => this.bindSelectItem(item));
        this.checkDuplicateKeys(items, select.items);
        const aggregation = this.aggregationOf(items, groupBy);
        return { output: { kind: "Items", items }, aggregation };
    }
    bindSelectItem(item) {
        const value = this.bindValue(item.value, true);
        const key = item.alias?.value ?? this.defaultKey(value);
        return { key, value };
    }
    bindValue(node, inSelect) {
        if (node.kind === "Aggregate")
            return this.bindAggregate(node, inSelect);
        const path = this.scope.resolvePath(node, inSelect);
        if (path.segments.length === 0)
            return { kind: "Collection", collection: path.collection };
        return { kind: "Path", path };
    }
    bindAggregate(node, inSelect) {
        if (this.adt && (node.fn !== "COUNT" || node.argument || !inSelect)) {
            throw semanticError(node.fn === "COUNT" && inSelect
                ? "ADT supports only COUNT() without an argument"
                : `${node.fn}(${node.argument ? "..." : ""}) is a Doppel extension; ADT supports only SELECT COUNT()`, node.loc);
        }
        if (node.fn !== "COUNT" && !node.argument)
            throw semanticError(`${node.fn} needs a property path argument`, node.loc);
        const path = node.argument ? this.scope.resolvePath(node.argument, false) : null;
        if (path && path.segments.length === 0 && node.fn !== "COUNT") {
            throw semanticError(`${node.fn} needs a property path, not a whole collection`, node.loc);
        }
        return { kind: "Aggregate", fn: node.fn, path };
    }
    defaultKey(value) {
        switch (value.kind) {
            case "Collection":
                return value.collection.name;
            case "Path":
                return value.path.segments[value.path.segments.length - 1];
            case "Aggregate":
                return value.fn;
        }
    }
    checkDuplicateKeys(items, nodes) {
        const seen = new Set();
        items.forEach((item, index) => {
            if (seen.has(item.key)) {
                throw semanticError(`the output name '${item.key}' is used twice; rename one with AS`, nodes[index].loc);
            }
            seen.add(item.key);
        });
    }
    aggregationOf(items, groupBy) {
        const select = this.query.select;
        const aggregates = items.filter((item) => item.value.kind === "Aggregate");
        if (this.adt && aggregates.length > 0 && items.length > 1) {
            throw semanticError("ADT supports COUNT() only as the whole SELECT list", select.loc);
        }
        if (select.distinct) {
            if (this.adt)
                throw semanticError("DISTINCT is a Doppel extension; it is not available in ADT compatibility mode", select.loc);
            if (aggregates.length > 0)
                throw semanticError("DISTINCT cannot be combined with aggregates", select.loc);
            if (groupBy.length > 0)
                throw semanticError("DISTINCT cannot be combined with GROUP BY", select.loc);
            return "groups";
        }
        if (groupBy.length > 0) {
            items.forEach((item, index) => {
                if (item.value.kind === "Aggregate")
                    return;
                const path = item.value.kind === "Path" ? item.value.path : null;
                const collection = item.value.kind === "Collection" ? item.value.collection : null;
                const grouped = groupBy.some((key) => path ? samePath(key, path) : key.collection === collection && key.segments.length === 0);
                if (!grouped) {
                    throw semanticError(`'${item.key}' must appear in GROUP BY or be inside an aggregate`, select.items[index].loc);
                }
            });
            return "groups";
        }
        if (aggregates.length === 0)
            return "rows";
        const plain = items.findIndex((item) => item.value.kind !== "Aggregate");
        if (plain >= 0) {
            throw semanticError(`'${items[plain].key}' cannot be combined with aggregates without GROUP BY`, select.items[plain].loc);
        }
        return "total";
    }
    bindGroupBy() {
        const groupBy = this.query.groupBy;
        if (groupBy.length === 0)
            return [];
        if (this.adt)
            throw semanticError("GROUP BY is a Doppel extension; it is not available in ADT compatibility mode", groupBy[0].loc);
        return groupBy.map((path) => this.scope.resolvePath(path, false));
    }
    bindOrderBy(output, aggregation, groupBy) {
        const orderBy = this.query.orderBy;
        if (orderBy.length === 0)
            return [];
        if (this.adt)
            throw semanticError("ORDER BY is a Doppel extension; it is not available in ADT compatibility mode", orderBy[0].loc);
        if (aggregation === "total")
            throw semanticError("ORDER BY has nothing to order in a single-row aggregate", orderBy[0].loc);
        return orderBy.map((item) => {
            const value = this.orderValue(item.value, output);
            if (aggregation === "groups")
                this.checkGroupedOrder(value, output, groupBy, item.loc);
            else if (value.kind === "Aggregate")
                throw semanticError("ORDER BY an aggregate needs GROUP BY", item.loc);
            return { value, descending: item.descending };
        });
    }
    /** A single name that is an output key (`AS avgTemp`) and not an alias orders by that item. */
    orderValue(node, output) {
        if (node.kind === "Path" && node.segments.length === 1 && output.kind === "Items") {
            const name = node.segments[0];
            const item = output.items.find((candidate) => candidate.key === name.value);
            if (item && !this.scope.lookup(name.value)) {
                if (item.value.kind === "Aggregate")
                    return item.value;
                if (item.value.kind === "Path")
                    return item.value.path;
            }
        }
        const value = this.bindValue(node, false);
        if (value.kind === "Collection") {
            return { kind: "Path", collection: value.collection, segments: [], loc: node.loc };
        }
        return value.kind === "Path" ? value.path : value;
    }
    checkGroupedOrder(value, output, groupBy, loc) {
        if (value.kind === "Aggregate") {
            if (this.query.select.distinct)
                throw semanticError("ORDER BY an aggregate needs GROUP BY", loc);
            return;
        }
        const keys = groupBy.length > 0
            ? groupBy
            : output.kind === "Items"
                ? output.items.flatMap((item) => item.value.kind === "Path"
                    ? [item.value.path]
                    : item.value.kind === "Collection"
                        ? [{ kind: "Path", collection: item.value.collection, segments: [], loc }]
                        : [])
                : [];
        if (!keys.some((key) => samePath(key, value))) {
            throw semanticError("with GROUP BY or DISTINCT, ORDER BY may use only grouped values and aggregates", loc);
        }
    }
    // ---------------------------------------------------------------- rules
    checkAnchor(source, anchored) {
        if (!this.adt || source.kind !== "twins" || source.pattern.kind === "single" || anchored)
            return;
        const clause = this.query.match ?? this.query.joins[0];
        throw semanticError(`a query with ${clause.kind === "Match" ? "MATCH" : "JOIN"} must pin at least one twin by $dtId in WHERE (for example WHERE ${anchorExample(source)}.$dtId = 'id'); Doppel runs such queries when not in ADT compatibility mode`, clause.loc);
    }
    costInputs(source, output, aggregation, orderBy) {
        const edges = source.kind === "twins" ? source.pattern.edges : [];
        const onlyCount = output.kind === "Items" &&
            output.items.every((item) => item.value.kind === "Aggregate" && item.value.fn === "COUNT" && !item.value.path);
        return {
            edges: edges.length,
            extraHops: edges.reduce((sum, edge) => sum + (edge.maxHops - 1), 0),
            shaping: orderBy.length > 0 || aggregation === "groups" || (aggregation === "total" && !onlyCount),
        };
    }
}
function isLight(source, where) {
    if (source.kind === "relationships")
        return pinnedCollections(where, ["$sourceId", "$targetId"]).length > 0;
    return source.pattern.kind === "single" && pinnedCollections(where, ["$dtId"]).length > 0;
}
function anchorExample(source) {
    if (source.kind !== "twins")
        return "T";
    return source.pattern.twins.find((slot) => slot.collection)?.collection?.name ?? "T";
}
export function samePath(a, b) {
    return (a.collection === b.collection &&
        a.segments.length === b.segments.length &&
        a.segments.every((segment, index) => segment === b.segments[index]));
}
//# sourceMappingURL=analyzeQuery.js.map