const twinColumns = { $dtId: "id", $etag: "etag" };
const relationshipColumns = {
    $relationshipId: "id",
    $sourceId: "source_id",
    $targetId: "target_id",
    $relationshipName: "name",
    $etag: "etag",
};
const typeCheckKinds = {
    IS_BOOL: ["true", "false"],
    IS_NULL: ["null"],
    IS_NUMBER: ["number"],
    IS_OBJECT: ["object"],
    IS_PRIMITIVE: ["string", "number", "true", "false", "null"],
    IS_STRING: ["string"],
};
const flipped = {
    "=": "=",
    "!=": "!=",
    "<": ">",
    "<=": ">=",
    ">": "<",
    ">=": "<=",
};
/**
 * Marks a parameter in SQL under construction; `finalize` turns marks into the dialect's
 * placeholders. The SQL text holds only the compiler's own words, so private-use characters are
 * free for this.
 */
const mark = (index) => `\uE000${index}\uE001`;
const markPattern = /\uE000(\d+)\uE001/g;
export class BaseCompiler {
    params = [];
    compilePage(query, page) {
        this.params = [];
        const draft = query.aggregation === "total"
            ? this.compileTotal(query)
            : query.aggregation === "groups"
                ? this.compileGroups(query, page)
                : this.compileRows(query, page);
        const { sql, params } = this.finalize(draft.sql, this.params);
        return { ...draft, sql, params };
    }
    bind(value) {
        this.params.push(value);
        return mark(this.params.length - 1);
    }
    /** For `finalize`: replaces each mark, in text order, by what `placeholder` returns for its parameter. */
    replaceMarks(sql, placeholder) {
        return sql.replace(markPattern, (_, index) => placeholder(Number(index)));
    }
    // ---------------------------------------------------------------- the three result forms
    compileRows(query, page) {
        const pattern = query.source.kind === "twins" ? query.source.pattern : null;
        if (pattern?.kind === "match" && query.orderBy.length === 0)
            return this.compileMatchRows(query, pattern, page);
        const source = this.rowSource(query);
        const sort = [
            ...query.orderBy.map((key) => ({
                sql: this.orderSql(key.value),
                descending: key.descending,
                nullable: key.value.kind === "Aggregate" || columnOf(key.value) === null,
            })),
            ...source.keys.map((sql) => ({ sql, descending: false, nullable: false })),
        ];
        const { columns, shape } = this.rowOutput(query);
        const where = [...source.where];
        if (page.after)
            where.push(this.after(sort, page.after));
        const sql = `SELECT ${[...sortColumns(sort), ...columns].join(", ")} FROM ${source.from}` +
            this.whereClause(where) +
            ` ORDER BY ${this.orderByAliases(sort)} LIMIT ${limitOf(page)}`;
        return { sql, sortColumns: sort.length, output: shape, paged: true };
    }
    /**
     * MATCH rows in key order: the distinct bindings are paged first (keyset inside every path
     * shape), then only the page's rows fetch their documents.
     */
    compileMatchRows(query, pattern, page) {
        const bindings = this.matchBindings(query, pattern, page.after);
        const keys = bindings.columns.map((column) => `k.${column}`);
        const { columns, shape } = this.rowOutput(query);
        const inner = `SELECT ${bindings.columns.join(", ")} FROM (${bindings.sql})` +
            ` ORDER BY ${bindings.columns.join(", ")} LIMIT ${limitOf(page)}`;
        const sql = `SELECT ${[...keys, ...columns].join(", ")} FROM (${inner}) AS k${this.matchDocumentJoins(query, pattern, bindings.columns)}` +
            ` ORDER BY ${keys.join(", ")}`;
        return { sql, sortColumns: keys.length, output: shape, paged: true };
    }
    compileGroups(query, page) {
        const source = this.rowSource(query);
        const output = query.output;
        if (output.kind !== "Items")
            throw new Error("grouping needs items");
        const groupPaths = query.groupBy.length > 0
            ? query.groupBy
            : output.items.flatMap((item) => (item.value.kind === "Aggregate" ? [] : [this.itemPath(item)]));
        const groupKeys = groupPaths.flatMap((path) => this.groupKeySql(path));
        const sort = [
            ...query.orderBy.map((key) => ({ sql: this.orderSql(key.value), descending: key.descending, nullable: true })),
            ...groupKeys.map((key) => ({ sql: key.sql, descending: false, nullable: key.nullable })),
        ];
        const columns = output.items.map((item) => this.groupedColumn(item));
        const having = page.after ? ` HAVING ${this.after(sort, page.after)}` : "";
        const sql = `SELECT ${[...sortColumns(sort), ...columns.map((column) => column.sql)].join(", ")}` +
            ` FROM ${source.from}${this.whereClause(source.where)}` +
            ` GROUP BY ${groupKeys.map((key) => key.sql).join(", ")}${having}` +
            ` ORDER BY ${this.orderByAliases(sort)} LIMIT ${limitOf(page)}`;
        const shape = { kind: "object", columns: columns.map((column) => column.column) };
        return { sql, sortColumns: sort.length, output: shape, paged: true };
    }
    compileTotal(query) {
        const output = query.output;
        if (output.kind !== "Items")
            throw new Error("aggregates need items");
        const onlyCounts = output.items.every((item) => item.value.kind === "Aggregate" && item.value.path === null);
        const pattern = query.source.kind === "twins" ? query.source.pattern : null;
        let from;
        let where = [];
        if (pattern?.kind === "match" && onlyCounts) {
            // Counting bindings needs no documents.
            from = `(${this.matchBindings(query, pattern, null).sql})`;
        }
        else {
            const source = this.rowSource(query);
            from = source.from;
            where = source.where;
        }
        const columns = output.items.map((item) => this.aggregateSql(item.value));
        const sql = `SELECT ${columns.join(", ")} FROM ${from}${this.whereClause(where)}`;
        const shape = {
            kind: "object",
            columns: output.items.map((item) => ({ key: item.key, encoding: "value" })),
        };
        return { sql, sortColumns: 0, output: shape, paged: false };
    }
    // ---------------------------------------------------------------- sources
    /** FROM, pattern conditions (WHERE included) and the row key of a query's rows. */
    rowSource(query) {
        if (query.source.kind === "relationships") {
            const alias = query.source.collection.sqlAlias;
            return { from: `relationships ${alias}`, where: this.withGuards([], query.where), keys: [this.rowKey(alias)] };
        }
        const pattern = query.source.pattern;
        if (pattern.kind === "match") {
            const bindings = this.matchBindings(query, pattern, null);
            return {
                from: `(${bindings.sql}) AS k${this.matchDocumentJoins(query, pattern, bindings.columns)}`,
                where: [],
                keys: bindings.columns.map((column) => `k.${column}`),
            };
        }
        const root = pattern.twins[0].sqlAlias;
        let from = `twins ${root}`;
        const aliases = [];
        // A joined twin nothing reads is only a stepping stone: its id is the relationship's target
        // (the write path keeps relationship ends pointing at existing twins).
        const used = usedCollections(query);
        const ids = pattern.twins.map((slot) => `${slot.sqlAlias}.id`);
        for (const edge of pattern.edges) {
            const target = pattern.twins[edge.to].sqlAlias;
            from +=
                ` JOIN relationships ${edge.sqlAlias} ON ${edge.sqlAlias}.source_id = ${ids[edge.from]}` +
                    ` AND ${this.nameCondition(edge.sqlAlias, edge.names)}`;
            if (used.has(target))
                from += ` JOIN twins ${target} ON ${target}.id = ${edge.sqlAlias}.target_id`;
            else
                ids[edge.to] = `${edge.sqlAlias}.target_id`;
            aliases.push(edge.sqlAlias);
        }
        return {
            from,
            where: this.withGuards(aliases, query.where),
            keys: [this.rowKey(root), ...pattern.edges.map((edge) => this.rowKey(edge.sqlAlias))],
        };
    }
    /**
     * WHERE plus a cancellation guard on every relationship hop: joins and paths are where work can
     * grow without bound. A single-collection scan is bounded by the table and pays no guard.
     */
    withGuards(aliases, where) {
        const conditions = where ? [this.predicate(where)] : [];
        for (const alias of aliases) {
            const guard = this.loopGuard(alias);
            if (guard)
                conditions.push(guard);
        }
        return conditions;
    }
    /**
     * The distinct bindings of a MATCH: one SELECT per combination of hop counts (`*..3` is one,
     * two and three hops), united with UNION so each binding appears once. Every twin on a path,
     * named or not, is distinct from every other: a path never revisits a twin.
     */
    matchBindings(query, pattern, after) {
        const shapes = hopCombinations(pattern.edges);
        const branches = shapes.map((hops) => this.matchBranch(query, pattern, hops, after));
        const columns = branches[0].columns;
        const needsDistinct = shapes.length > 1 ||
            pattern.twins.some((slot) => !slot.collection) ||
            pattern.edges.some((edge) => !edge.collection || edge.maxHops > 1);
        if (branches.length === 1) {
            const only = branches[0].sql;
            return { sql: needsDistinct ? only.replace(/^SELECT /, "SELECT DISTINCT ") : only, columns };
        }
        return { sql: branches.map((branch) => branch.sql).join(" UNION "), columns };
    }
    matchBranch(query, pattern, hops, after) {
        const twinAliases = pattern.twins.map((slot) => slot.sqlAlias);
        const joins = [`twins ${twinAliases[0]}`];
        const aliases = [];
        const pathNodes = [`${twinAliases[0]}.id`];
        pattern.edges.forEach((edge, index) => {
            let previous = `${twinAliases[edge.from]}.id`;
            const count = hops[index];
            for (let hop = 1; hop <= count; hop += 1) {
                const alias = count === 1 ? edge.sqlAlias : `${edge.sqlAlias}_${hop}`;
                const step = this.hopStep(alias, edge, previous);
                const last = hop === count;
                const target = twinAliases[edge.to];
                joins.push(`JOIN relationships ${alias} ON ${step.on}`);
                aliases.push(alias);
                if (last) {
                    joins.push(`JOIN twins ${target} ON ${target}.id = ${step.next}`);
                    pathNodes.push(`${target}.id`);
                }
                else {
                    pathNodes.push(step.next);
                }
                previous = step.next;
            }
        });
        const conditions = this.withGuards(aliases, query.where);
        for (let i = 0; i < pathNodes.length; i += 1) {
            for (let j = i + 1; j < pathNodes.length; j += 1)
                conditions.push(`${pathNodes[i]} <> ${pathNodes[j]}`);
        }
        const keys = this.matchKeys(pattern);
        const columns = keys.map((_, index) => `c${index}`);
        if (after) {
            conditions.push(this.after(keys.map((sql) => ({ sql, descending: false, nullable: false })), after));
        }
        const select = keys.map((key, index) => `${key} AS ${columns[index]}`).join(", ");
        return { sql: `SELECT ${select} FROM ${joins.join(" ")}${this.whereClause(conditions)}`, columns };
    }
    /** One relationship hop from `previous`, in the edge's direction. */
    hopStep(alias, edge, previous) {
        const names = edge.names.length > 0 ? ` AND ${this.nameCondition(alias, edge.names)}` : "";
        switch (edge.direction) {
            case "out":
                return { on: `${alias}.source_id = ${previous}${names}`, next: `${alias}.target_id` };
            case "in":
                return { on: `${alias}.target_id = ${previous}${names}`, next: `${alias}.source_id` };
            case "any":
                return {
                    on: `(${alias}.source_id = ${previous} OR ${alias}.target_id = ${previous})${names}`,
                    next: `(CASE WHEN ${alias}.source_id = ${previous} THEN ${alias}.target_id ELSE ${alias}.source_id END)`,
                };
        }
    }
    /** The row keys of named twins and relationship variables, in pattern order. */
    matchKeys(pattern) {
        return matchCollections(pattern).map((alias) => this.rowKey(alias));
    }
    /**
     * Joins onto the bindings `k` the rows of the named twins and relationship variables that the
     * output, GROUP BY or ORDER BY read (WHERE was applied inside the bindings).
     */
    matchDocumentJoins(query, pattern, columns) {
        const read = readCollections(query);
        return matchCollections(pattern)
            .map((alias, index) => {
            if (!read.has(alias))
                return "";
            const table = alias.startsWith("n") ? "twins" : "relationships";
            return ` JOIN ${table} ${alias} ON ${this.rowKey(alias)} = k.${columns[index]}`;
        })
            .join("");
    }
    nameCondition(alias, names) {
        if (names.length === 1)
            return `${alias}.name = ${this.bind(names[0])}`;
        return `${alias}.name IN (${names.map((name) => this.bind(name)).join(", ")})`;
    }
    // ---------------------------------------------------------------- outputs
    rowOutput(query) {
        const output = query.output;
        if (output.kind === "Documents") {
            const twin = output.collection.kind === "twin";
            return { columns: [`${output.collection.sqlAlias}.doc`], shape: { kind: "document", twin } };
        }
        const columns = [];
        const described = [];
        for (const item of output.items) {
            const value = item.value;
            if (value.kind === "Collection") {
                columns.push(`${value.collection.sqlAlias}.doc`);
                described.push({ key: item.key, encoding: "json", twin: value.collection.kind === "twin" });
                continue;
            }
            if (value.kind === "Aggregate")
                throw new Error("aggregates are compiled as groups or totals");
            const ref = this.ref(value.path);
            columns.push(ref.kind === "column" ? ref.sql : this.jsonText(ref));
            described.push({ key: item.key, encoding: ref.kind === "column" ? "string" : "json" });
        }
        return { columns, shape: { kind: "object", columns: described } };
    }
    itemPath(item) {
        const value = item.value;
        if (value.kind === "Path")
            return value.path;
        if (value.kind === "Collection")
            return { kind: "Path", collection: value.collection, segments: [], loc: zeroLoc };
        throw new Error("not a grouping value");
    }
    /** Grouping keys: a collection groups by its identity, a path by its JSON value. */
    groupKeySql(path) {
        const alias = path.collection.sqlAlias;
        if (path.segments.length === 0) {
            return path.collection.kind === "twin"
                ? [{ sql: `${alias}.id`, nullable: false }]
                : [
                    { sql: `${alias}.source_id`, nullable: false },
                    { sql: `${alias}.id`, nullable: false },
                ];
        }
        const ref = this.ref(path);
        return [ref.kind === "column" ? { sql: ref.sql, nullable: false } : { sql: this.jsonText(ref), nullable: true }];
    }
    groupedColumn(item) {
        const value = item.value;
        if (value.kind === "Aggregate")
            return { sql: this.aggregateSql(value), column: { key: item.key, encoding: "value" } };
        if (value.kind === "Collection") {
            const twin = value.collection.kind === "twin";
            return { sql: `${value.collection.sqlAlias}.doc`, column: { key: item.key, encoding: "json", twin } };
        }
        const ref = this.ref(value.path);
        return ref.kind === "column"
            ? { sql: ref.sql, column: { key: item.key, encoding: "string" } }
            : { sql: this.jsonText(ref), column: { key: item.key, encoding: "json" } };
    }
    aggregateSql(value) {
        if (value.fn === "COUNT") {
            if (!value.path || value.path.segments.length === 0)
                return "COUNT(*)";
            const ref = this.ref(value.path);
            return ref.kind === "column" ? "COUNT(*)" : `COUNT(CASE WHEN ${this.defined(ref)} THEN 1 END)`;
        }
        const ref = this.ref(value.path);
        if (ref.kind === "column") {
            return value.fn === "MIN" || value.fn === "MAX" ? `${value.fn}(${ref.sql})` : value.fn === "SUM" ? "0" : "NULL";
        }
        if (value.fn === "MIN" || value.fn === "MAX") {
            return `${value.fn}(CASE WHEN ${this.typeTest(ref, ["string", "number"])} THEN ${this.orderValue(ref)} END)`;
        }
        const numbers = `CASE WHEN ${this.typeTest(ref, ["number"])} THEN ${this.scalar(ref, "number")} END`;
        return value.fn === "SUM" ? `COALESCE(SUM(${numbers}), 0)` : `AVG(${numbers})`;
    }
    orderSql(value) {
        if (value.kind === "Aggregate")
            return this.aggregateSql(value);
        if (value.segments.length === 0)
            return `${value.collection.sqlAlias}.id`;
        const ref = this.ref(value);
        return ref.kind === "column" ? ref.sql : this.orderValue(ref);
    }
    orderByAliases(sort) {
        return sort.map((term, index) => this.orderTerm(`s${index}`, term.descending)).join(", ");
    }
    // ---------------------------------------------------------------- keyset
    /** Rows strictly after `values` in the order the terms define (NULLs first ascending, last descending). */
    after(terms, values) {
        if (terms.every((term) => !term.descending && !term.nullable) && values.every((value) => value !== null)) {
            if (terms.length === 1)
                return `${terms[0].sql} > ${this.bind(values[0])}`;
            return `(${terms.map((term) => term.sql).join(", ")}) > (${values.map((value) => this.bind(value)).join(", ")})`;
        }
        const alternatives = [];
        for (let i = 0; i < terms.length; i += 1) {
            const equal = terms.slice(0, i).map((term, index) => this.sameAs(term.sql, values[index] ?? null));
            const beyond = this.beyond(terms[i], values[i] ?? null);
            if (beyond === "FALSE")
                continue;
            alternatives.push(`(${[...equal, beyond].join(" AND ")})`);
        }
        return alternatives.length === 0 ? "FALSE" : `(${alternatives.join(" OR ")})`;
    }
    sameAs(sql, value) {
        return value === null ? `${sql} IS NULL` : `${sql} = ${this.bind(value)}`;
    }
    beyond(term, value) {
        if (!term.descending)
            return value === null ? `${term.sql} IS NOT NULL` : `${term.sql} > ${this.bind(value)}`;
        if (value === null)
            return "FALSE";
        return term.nullable
            ? `(${term.sql} < ${this.bind(value)} OR ${term.sql} IS NULL)`
            : `${term.sql} < ${this.bind(value)}`;
    }
    // ---------------------------------------------------------------- WHERE (three-valued)
    /**
     * A WHERE expression as SQL that is TRUE, FALSE or NULL (ADT's undefined) exactly when the
     * ADT expression is. SQL's AND/OR/NOT then match ADT's three-valued logic, and only TRUE rows
     * survive. Missing properties and mismatched types are NULL, never errors.
     */
    predicate(expression) {
        switch (expression.kind) {
            case "Logical":
                return `(${this.predicate(expression.left)} ${expression.operator} ${this.predicate(expression.right)})`;
            case "Not":
                return `(NOT ${this.predicate(expression.operand)})`;
            case "Comparison":
                return this.comparison(expression.operator, expression.left, expression.right);
            case "In":
                return this.membership(expression.operand, expression.items, expression.negated);
            case "IsOfModel":
                return this.isOfModel(expression.collection, expression.model, expression.exact);
            case "TypeCheck":
                return this.typeCheck(expression.fn, expression.path);
            case "StringMatch":
                return this.stringFunction(expression.fn, expression.path, expression.value);
            case "ArrayContains":
                return this.arrayContainsPredicate(expression.path, expression.value);
        }
    }
    comparison(operator, left, right) {
        if (left.kind === "Literal" && right.kind === "Literal")
            return truth(compareLiterals(operator, left.value, right.value));
        if (left.kind === "Literal")
            return this.comparison(flipped[operator], right, left);
        const ref = this.ref(left);
        if (right.kind === "Path")
            return this.comparePaths(operator, ref, this.ref(right));
        const value = right.value;
        if (ref.kind === "column")
            return typeof value === "string" ? `${ref.sql} ${operator} ${this.bind(value)}` : "NULL";
        if (value === null) {
            const equalish = operator === "=" || operator === "<=" || operator === ">=";
            return `(CASE WHEN ${this.typeTest(ref, ["null"])} THEN ${equalish ? "TRUE" : "FALSE"} END)`;
        }
        const kind = typeof value === "string" ? "string" : typeof value === "number" ? "number" : "boolean";
        const kinds = kind === "boolean" ? ["true", "false"] : [kind];
        const parameter = this.bind(this.literalParam(value));
        return `(CASE WHEN ${this.typeTest(ref, kinds)} THEN ${this.scalar(ref, kind)} ${operator} ${parameter} END)`;
    }
    /** Two paths compare when both hold strings, numbers, booleans or nulls; otherwise undefined. */
    comparePaths(operator, left, right) {
        const branches = [];
        for (const kind of ["string", "number", "boolean"]) {
            const kinds = kind === "boolean" ? ["true", "false"] : [kind];
            const leftTest = left.kind === "column" ? (kind === "string" ? "TRUE" : null) : this.typeTest(left, kinds);
            const rightTest = right.kind === "column" ? (kind === "string" ? "TRUE" : null) : this.typeTest(right, kinds);
            if (leftTest === null || rightTest === null)
                continue;
            const leftValue = left.kind === "column" ? left.sql : this.scalar(left, kind);
            const rightValue = right.kind === "column" ? right.sql : this.scalar(right, kind);
            branches.push(`WHEN ${leftTest} AND ${rightTest} THEN ${leftValue} ${operator} ${rightValue}`);
        }
        if (left.kind === "json" && right.kind === "json") {
            const equalish = operator === "=" || operator === "<=" || operator === ">=";
            branches.push(`WHEN ${this.typeTest(left, ["null"])} AND ${this.typeTest(right, ["null"])} THEN ${equalish ? "TRUE" : "FALSE"}`);
        }
        return `(CASE ${branches.join(" ")} END)`;
    }
    /** IN: TRUE when the value equals an item of the same kind, FALSE otherwise, NULL when missing. */
    membership(operand, items, negated) {
        if (operand.kind === "Literal") {
            const found = items.some((item) => compareLiterals("=", operand.value, item) === true);
            return truth(found !== negated);
        }
        const ref = this.ref(operand);
        const strings = items.filter((item) => typeof item === "string");
        let sql;
        if (ref.kind === "column") {
            sql = strings.length === 0 ? "FALSE" : `${ref.sql} IN (${strings.map((item) => this.bind(item)).join(", ")})`;
        }
        else {
            const numbers = items.filter((item) => typeof item === "number");
            const branches = [];
            if (strings.length > 0) {
                branches.push(`WHEN ${this.typeTest(ref, ["string"])} THEN ${this.scalar(ref, "string")} IN (${strings.map((item) => this.bind(item)).join(", ")})`);
            }
            if (numbers.length > 0) {
                branches.push(`WHEN ${this.typeTest(ref, ["number"])} THEN ${this.scalar(ref, "number")} IN (${numbers.map((item) => this.bind(item)).join(", ")})`);
            }
            const constants = [];
            if (items.includes(true))
                constants.push("true");
            if (items.includes(false))
                constants.push("false");
            if (items.includes(null))
                constants.push("null");
            if (constants.length > 0)
                branches.push(`WHEN ${this.typeTest(ref, constants)} THEN TRUE`);
            branches.push(`WHEN ${this.defined(ref)} THEN FALSE`);
            sql = `(CASE ${branches.join(" ")} END)`;
        }
        return negated ? `(NOT ${sql})` : sql;
    }
    /**
     * Without `exact`: the twin's model, or a model it extends, has the argument's DTMI without
     * version and a version at least the argument's. With `exact`: the model id itself.
     */
    isOfModel(collection, model, exact) {
        const column = `${collection.sqlAlias}.model_id`;
        if (exact)
            return `${column} = ${this.bind(model)}`;
        const semicolon = model.lastIndexOf(";");
        const base = semicolon < 0 ? model : model.slice(0, semicolon);
        const versionText = semicolon < 0 ? null : model.slice(semicolon + 1);
        if (versionText !== null && !/^[0-9]{1,9}(?:\.[0-9]{1,6})?$/.test(versionText))
            return "FALSE";
        let ancestors = `ma.ancestor_id >= ${this.bind(`${base};`)} AND ma.ancestor_id < ${this.bind(`${base}<`)}`;
        if (versionText === null)
            ancestors = `(ma.ancestor_id = ${this.bind(base)} OR (${ancestors}))`;
        else
            ancestors += ` AND ${this.versionNumber("ma.ancestor_id", this.bind(base.length + 2))} >= ${this.bind(Number(versionText))}`;
        return `${column} IN (SELECT ma.model_id FROM model_ancestry ma WHERE ${ancestors})`;
    }
    typeCheck(fn, path) {
        const ref = this.ref(path);
        if (ref.kind === "column")
            return fn === "IS_DEFINED" || fn === "IS_STRING" || fn === "IS_PRIMITIVE" ? "TRUE" : "FALSE";
        if (fn === "IS_DEFINED")
            return this.defined(ref);
        return `COALESCE(${this.typeTest(ref, typeCheckKinds[fn])}, FALSE)`;
    }
    /** STARTSWITH / ENDSWITH / CONTAINS: case-sensitive; undefined unless the value is a string. */
    stringFunction(fn, path, value) {
        const ref = this.ref(path);
        if (ref.kind === "column") {
            if (value === "")
                return "TRUE";
            const needle = this.bind(value);
            const test = this.stringMatch(fn, ref.sql, needle);
            const upper = fn === "STARTSWITH" ? prefixUpperBound(value) : null;
            // A prefix is also a key range, so an anchored STARTSWITH on $dtId can use the index.
            return upper === null ? test : `(${ref.sql} >= ${needle} AND ${ref.sql} < ${this.bind(upper)} AND ${test})`;
        }
        const condition = value === "" ? "TRUE" : this.stringMatch(fn, this.scalar(ref, "string"), this.bind(value));
        return `(CASE WHEN ${this.typeTest(ref, ["string"])} THEN ${condition} END)`;
    }
    /** ARRAY_CONTAINS: top-level elements only; undefined unless the value is an array. */
    arrayContainsPredicate(path, value) {
        const ref = this.ref(path);
        if (ref.kind === "column")
            return "NULL";
        const needle = value === null || typeof value === "boolean" ? "" : this.bind(this.literalParam(value));
        return `(CASE WHEN ${this.typeTest(ref, ["array"])} THEN ${this.arrayContains(ref, value, needle)} END)`;
    }
    // ---------------------------------------------------------------- paths
    ref(path) {
        const alias = path.collection.sqlAlias;
        const column = columnOf(path);
        if (column)
            return { kind: "column", sql: `${alias}.${column}` };
        return { kind: "json", doc: `${alias}.doc`, path: this.bind(this.jsonPathParam(path.segments)) };
    }
    whereClause(conditions) {
        return conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
    }
}
const zeroLoc = { start: 0, end: 0, line: 1, column: 0 };
/** System properties stored as columns: `$dtId`, `$etag`, `$metadata.$model`, relationship ids and names. */
function columnOf(path) {
    const segments = path.segments;
    const columns = path.collection.kind === "twin" ? twinColumns : relationshipColumns;
    if (segments.length === 1 && Object.hasOwn(columns, segments[0]))
        return columns[segments[0]];
    if (path.collection.kind === "twin" &&
        segments.length === 2 &&
        segments[0] === "$metadata" &&
        segments[1] === "$model") {
        return "model_id";
    }
    return null;
}
/** Sort values are selected first, as `s0, s1, ...`, so ORDER BY names them instead of recomputing. */
function sortColumns(sort) {
    return sort.map((term, index) => `${term.sql} AS s${index}`);
}
function truth(value) {
    return value === undefined ? "NULL" : value ? "TRUE" : "FALSE";
}
/** ADT comparison of two literals: same JSON kind compares, different kinds are undefined. */
function compareLiterals(operator, a, b) {
    if (a === null || b === null) {
        if (a !== b)
            return undefined;
        return operator === "=" || operator === "<=" || operator === ">=";
    }
    if (typeof a !== typeof b)
        return undefined;
    const left = a;
    const right = b;
    switch (operator) {
        case "=":
            return left === right;
        case "!=":
            return left !== right;
        case "<":
            return left < right;
        case "<=":
            return left <= right;
        case ">":
            return left > right;
        case ">=":
            return left >= right;
    }
}
/** Every string starting with `prefix` sorts before the result (UTF-8 byte order = code point order). */
function prefixUpperBound(prefix) {
    const points = [...prefix];
    const last = points.pop().codePointAt(0);
    if (last >= 0xd7ff || last === 0x10ffff)
        return null;
    return points.join("") + String.fromCodePoint(last + 1);
}
/** Rows the page asks for; an integer the server computed (page size, TOP), never user text. */
function limitOf(page) {
    if (!Number.isSafeInteger(page.limit) || page.limit < 0)
        throw new Error(`invalid page limit ${page.limit}`);
    return page.limit;
}
/** The table aliases any part of the query reads: output, GROUP BY, ORDER BY and WHERE. */
function usedCollections(query) {
    const used = readCollections(query);
    const visit = (expression) => {
        switch (expression.kind) {
            case "Logical":
                visit(expression.left);
                visit(expression.right);
                return;
            case "Not":
                visit(expression.operand);
                return;
            case "Comparison":
                for (const operand of [expression.left, expression.right]) {
                    if (operand.kind === "Path")
                        used.add(operand.collection.sqlAlias);
                }
                return;
            case "In":
                if (expression.operand.kind === "Path")
                    used.add(expression.operand.collection.sqlAlias);
                return;
            case "IsOfModel":
                used.add(expression.collection.sqlAlias);
                return;
            default:
                used.add(expression.path.collection.sqlAlias);
        }
    };
    if (query.where)
        visit(query.where);
    return used;
}
/** The table aliases whose rows the output, GROUP BY and ORDER BY read. */
function readCollections(query) {
    const read = new Set();
    const note = (value) => {
        if (value.kind === "Collection")
            read.add(value.collection.sqlAlias);
        else if (value.kind === "Aggregate") {
            if (value.path)
                read.add(value.path.collection.sqlAlias);
        }
        else
            read.add(("path" in value ? value.path : value).collection.sqlAlias);
    };
    if (query.output.kind === "Documents")
        read.add(query.output.collection.sqlAlias);
    else
        for (const item of query.output.items)
            note(item.value);
    for (const key of query.groupBy)
        note(key);
    for (const key of query.orderBy)
        note(key.value);
    return read;
}
/** The table aliases of a MATCH's named twins (`n…`) and relationship variables (`e…`), in pattern order. */
function matchCollections(pattern) {
    const aliases = [];
    pattern.twins.forEach((slot, index) => {
        if (slot.collection)
            aliases.push(slot.sqlAlias);
        const edge = pattern.edges[index];
        if (edge?.collection)
            aliases.push(edge.sqlAlias);
    });
    return aliases;
}
/** Every combination of hop counts of the edges' ranges. */
function hopCombinations(edges) {
    let combinations = [[]];
    for (const edge of edges) {
        const next = [];
        for (const combination of combinations) {
            for (let hops = edge.minHops; hops <= edge.maxHops; hops += 1)
                next.push([...combination, hops]);
        }
        combinations = next;
    }
    return combinations;
}
//# sourceMappingURL=base.js.map