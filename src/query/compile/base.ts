import type { TwinColumns } from "../../auth/scopeSqlFor.js";
import type {
  AggregateValue,
  AnalyzedQuery,
  BoundExpression,
  BoundOperand,
  BoundPath,
  Collection,
  EdgeSlot,
  OutputItem,
  OutputValue,
  Pattern,
} from "../analysis/boundQuery.js";
import type { ComparisonOperator, LiteralValue, StringMatchFunction, TypeCheckFunction } from "../syntax/syntaxTree.js";

/**
 * Compiles an analysed query into one SQL statement per page. This base class owns the shape of
 * the SQL (patterns, three-valued WHERE, grouping, keyset paging); a dialect subclass supplies
 * only the differences: placeholders, JSON access, type tests, string functions, cancellation.
 *
 * Every value is a bound parameter, JSON paths included; identifiers in the SQL text are the
 * compiler's own (`t0`, `e1`, `n2`), never the user's.
 *
 * Rows are ordered by a stable key (twin ids and relationship ids, or the ORDER BY values with
 * the key as tie-breaker) and a page resumes strictly after the previous page's last key, so
 * concurrent writes never repeat or skip a row that exists throughout.
 */

export type SqlValue = string | number | null;

/**
 * Which twins a statement may read (`statementScopeFor` of the caller's scope): `condition`
 * renders a test of one twin's columns with `?` placeholders, and `ctes` the definitions it reads
 * (subgraph reachability, computed once per statement in a `WITH RECURSIVE` heading it). The
 * compiler ANDs the condition onto every twin the statement touches: the FROM twin, every JOIN
 * target, every MATCH node and every intermediate node of a hop, and both ends of a relationship
 * collection. A relationship is visible when both its twins are, so nothing a statement counts,
 * groups, orders or pages over can come from a hidden twin.
 */
export interface TwinFilter {
  readonly ctes: Fragment | null;
  readonly condition: (columns: TwinColumns) => Fragment;
}

interface Fragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A condition with `?` placeholders and its values in order (dialect SQL otherwise). */
export interface PlaceholderCondition {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

export interface PageRequest {
  /** The sort values of the previous page's last row; null for the first page. */
  readonly after: readonly SqlValue[] | null;
  /** Rows to fetch: one more than the page holds, to learn whether another page follows. */
  readonly limit: number;
}

export type OutputEncoding = "json" | "string" | "value";

export interface OutputColumn {
  readonly key: string;
  /** `json`: JSON text (SQL NULL = undefined, key omitted); `string`: a text column; `value`: a number or text, NULL omitted. */
  readonly encoding: OutputEncoding;
  /** The column is a whole twin document (older api-versions show less of its metadata). */
  readonly twin?: boolean;
}

export type OutputShape =
  | { readonly kind: "document"; readonly twin: boolean }
  | { readonly kind: "object"; readonly columns: readonly OutputColumn[] };

export interface CompiledPage {
  readonly sql: string;
  readonly params: readonly SqlValue[];
  /** Leading result columns that give a row's keyset position. */
  readonly sortColumns: number;
  /** Columns after the sort columns. */
  readonly output: OutputShape;
  /** False for single-row aggregates. */
  readonly paged: boolean;
}

/** JSON value kinds as ADT's type functions see them. */
export type JsonKind = "string" | "number" | "true" | "false" | "null" | "object" | "array";

/** A path in a document column; `path` is the placeholder of its bound path parameter. */
export interface JsonRef {
  readonly doc: string;
  readonly path: string;
}

/** What a path designates: a text column that is always present, or a JSON path in a document. */
type ValueRef = { readonly kind: "column"; readonly sql: string } | ({ readonly kind: "json" } & JsonRef);

interface SortTerm {
  readonly sql: string;
  readonly descending: boolean;
  /** The value can be NULL (missing JSON values), so keyset comparisons must be NULL-aware. */
  readonly nullable: boolean;
}

interface RowSource {
  readonly from: string;
  readonly where: readonly string[];
  readonly keys: readonly string[];
}

const twinColumns: Readonly<Record<string, string>> = { $dtId: "id", $etag: "etag" };
const relationshipColumns: Readonly<Record<string, string>> = {
  $relationshipId: "id",
  $sourceId: "source_id",
  $targetId: "target_id",
  $relationshipName: "name",
  $etag: "etag",
};

const typeCheckKinds: Readonly<Record<Exclude<TypeCheckFunction, "IS_DEFINED">, readonly JsonKind[]>> = {
  IS_BOOL: ["true", "false"],
  IS_NULL: ["null"],
  IS_NUMBER: ["number"],
  IS_OBJECT: ["object"],
  IS_PRIMITIVE: ["string", "number", "true", "false", "null"],
  IS_STRING: ["string"],
};

const flipped: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
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
const mark = (index: number) => `\uE000${index}\uE001`;
const markPattern = /\uE000(\d+)\uE001/g;

export abstract class BaseCompiler {
  private params: SqlValue[] = [];
  /** The caller's twin filter while a page compiles; null (no SQL at all) for instance-wide callers. */
  private filter: TwinFilter | null = null;

  compilePage(query: AnalyzedQuery, page: PageRequest, filter: TwinFilter | null = null): CompiledPage {
    this.params = [];
    this.filter = filter;
    try {
      const draft =
        query.aggregation === "total"
          ? this.compileTotal(query)
          : query.aggregation === "groups"
            ? this.compileGroups(query, page)
            : this.compileRows(query, page);
      const ctes = filter?.ctes ? `WITH RECURSIVE ${this.bindFragment(filter.ctes)} ` : "";
      const { sql, params } = this.finalize(ctes + draft.sql, this.params);
      return { ...draft, sql, params };
    } finally {
      this.filter = null;
    }
  }

  /**
   * A WHERE condition over one row of `twins` (its collection already carries the alias the
   * caller wants), as SQL with `?` placeholders: how predicate scopes (`{"kind":"query"}`) are
   * evaluated by the security layer, on both stores.
   */
  compileCondition(where: BoundExpression): PlaceholderCondition {
    this.params = [];
    const draft = this.predicate(where);
    const params: SqlValue[] = [];
    const sql = this.replaceMarks(draft, (index) => {
      params.push(this.params[index]!);
      return "?";
    });
    return { sql, params };
  }

  // ---------------------------------------------------------------- dialect hooks

  /** Turns parameter marks into placeholders, ordering (and, for `?`, repeating) the values. */
  protected abstract finalize(sql: string, params: readonly SqlValue[]): { sql: string; params: SqlValue[] };
  protected abstract literalParam(value: LiteralValue): SqlValue;
  protected abstract jsonPathParam(segments: readonly string[]): SqlValue;
  /** TRUE when the value has one of the kinds, FALSE for other kinds, NULL when it is missing. */
  protected abstract typeTest(ref: JsonRef, kinds: readonly JsonKind[]): string;
  /** TRUE when the path exists (with any value, null included), else FALSE. */
  protected abstract defined(ref: JsonRef): string;
  /** The value as a comparable SQL scalar, for a value known to be of this kind. */
  protected abstract scalar(ref: JsonRef, kind: "string" | "number" | "boolean"): string;
  /** The value as JSON text, NULL when missing (output and grouping). */
  protected abstract jsonText(ref: JsonRef): string;
  /** The value for ORDER BY and MIN/MAX: numbers numerically, strings by code point. */
  protected abstract orderValue(ref: JsonRef): string;
  protected abstract stringMatch(fn: StringMatchFunction, value: string, needle: string): string;
  /** EXISTS over the array's top-level elements equal to the literal (kind and value). */
  protected abstract arrayContains(ref: JsonRef, value: LiteralValue, needle: string): string;
  /** The numeric version in `column` from character `offset` (1-based) on. */
  protected abstract versionNumber(column: string, offset: string): string;
  /** The row's stable key in the table (SQLite: rowid); rows are paged in this order. */
  protected abstract rowKey(alias: string): string;
  /** A condition evaluated per row of `alias` that lets a runaway statement be cancelled, or null. */
  protected abstract loopGuard(alias: string): string | null;
  /** ORDER BY term with SQLite's NULL placement: first when ascending, last when descending. */
  protected abstract orderTerm(sql: string, descending: boolean): string;

  /**
   * A column the scope only filters on, written so the planner does not start the join from it.
   * The scope's id lists are large; a plan driven from them instead of the pattern's anchor can
   * be a hundred times slower (SQLite turns a 3-hop MATCH around). Default: the column as is.
   */
  protected filterOnly(column: string): string {
    return column;
  }

  protected bind(value: SqlValue): string {
    this.params.push(value);
    return mark(this.params.length - 1);
  }

  /** For `finalize`: replaces each mark, in text order, by what `placeholder` returns for its parameter. */
  protected replaceMarks(sql: string, placeholder: (index: number) => string): string {
    return sql.replace(markPattern, (_, index: string) => placeholder(Number(index)));
  }

  // ---------------------------------------------------------------- twin scope

  /**
   * The caller's filter on one twin, as conditions to AND into a WHERE: none at all without a
   * filter (the instance-wide path stays exactly as it was). Only a `driving` position (the
   * pattern's first) may be where the planner starts.
   */
  private scoped(columns: TwinColumns, driving = false): string[] {
    if (!this.filter) return [];
    const used = driving
      ? columns
      : {
          ...columns,
          id: this.filterOnly(columns.id),
          ...(columns.model === undefined ? {} : { model: this.filterOnly(columns.model) }),
        };
    return [`(${this.bindFragment(this.filter.condition(used))})`];
  }

  /** The fragment's `?` placeholders become parameters of this statement (the dialect numbers them like its own). */
  private bindFragment(fragment: Fragment): string {
    let next = 0;
    const sql = replaceQuestionMarks(fragment.sql, () => {
      if (next >= fragment.params.length) throw new Error("twin filter: more placeholders than values");
      return this.bind(sqlValueOf(fragment.params[next++]));
    });
    if (next !== fragment.params.length) throw new Error("twin filter: more values than placeholders");
    return sql;
  }

  /**
   * A twin read as a whole row (`twins <alias>`): the filter may use its model and document.
   * `driving`: the pattern's first twin, which the planner may start from; the scope only
   * filters every other position.
   */
  private scopedRow(alias: string, driving = false): string[] {
    return this.scoped({ id: `${alias}.id`, model: `${alias}.model_id`, row: alias }, driving);
  }

  // ---------------------------------------------------------------- the three result forms

  private compileRows(query: AnalyzedQuery, page: PageRequest): Omit<CompiledPage, "params"> {
    const pattern = query.source.kind === "twins" ? query.source.pattern : null;
    if (pattern?.kind === "match" && query.orderBy.length === 0) return this.compileMatchRows(query, pattern, page);
    const source = this.rowSource(query);
    const sort: SortTerm[] = [
      ...query.orderBy.map((key) => ({
        sql: this.orderSql(key.value),
        descending: key.descending,
        nullable: key.value.kind === "Aggregate" || columnOf(key.value) === null,
      })),
      ...source.keys.map((sql) => ({ sql, descending: false, nullable: false })),
    ];
    const { columns, shape } = this.rowOutput(query);
    const where = [...source.where];
    if (page.after) where.push(this.after(sort, page.after));
    const sql =
      `SELECT ${[...sortColumns(sort), ...columns].join(", ")} FROM ${source.from}` +
      this.whereClause(where) +
      ` ORDER BY ${this.orderByAliases(sort)} LIMIT ${limitOf(page)}`;
    return { sql, sortColumns: sort.length, output: shape, paged: true };
  }

  /**
   * MATCH rows in key order: the distinct bindings are paged first (keyset inside every path
   * shape), then only the page's rows fetch their documents.
   */
  private compileMatchRows(query: AnalyzedQuery, pattern: Pattern, page: PageRequest): Omit<CompiledPage, "params"> {
    const bindings = this.matchBindings(query, pattern, page.after);
    const keys = bindings.columns.map((column) => `k.${column}`);
    const { columns, shape } = this.rowOutput(query);
    const inner =
      `SELECT ${bindings.columns.join(", ")} FROM (${bindings.sql}) AS b` +
      ` ORDER BY ${bindings.columns.join(", ")} LIMIT ${limitOf(page)}`;
    const sql =
      `SELECT ${[...keys, ...columns].join(", ")} FROM (${inner}) AS k${this.matchDocumentJoins(query, pattern, bindings.columns)}` +
      ` ORDER BY ${keys.join(", ")}`;
    return { sql, sortColumns: keys.length, output: shape, paged: true };
  }

  private compileGroups(query: AnalyzedQuery, page: PageRequest): Omit<CompiledPage, "params"> {
    const source = this.rowSource(query);
    const output = query.output;
    if (output.kind !== "Items") throw new Error("grouping needs items");
    const groupPaths =
      query.groupBy.length > 0
        ? query.groupBy
        : output.items.flatMap((item) => (item.value.kind === "Aggregate" ? [] : [this.itemPath(item)]));
    const groupKeys = groupPaths.flatMap((path) => this.groupKeySql(path));
    const sort: SortTerm[] = [
      ...query.orderBy.map((key) => ({ sql: this.orderSql(key.value), descending: key.descending, nullable: true })),
      ...groupKeys.map((key) => ({ sql: key.sql, descending: false, nullable: key.nullable })),
    ];
    const columns = output.items.map((item) => this.groupedColumn(item));
    const having = page.after ? ` HAVING ${this.after(sort, page.after)}` : "";
    const sql =
      `SELECT ${[...sortColumns(sort), ...columns.map((column) => column.sql)].join(", ")}` +
      ` FROM ${source.from}${this.whereClause(source.where)}` +
      ` GROUP BY ${groupKeys.map((key) => key.sql).join(", ")}${having}` +
      ` ORDER BY ${this.orderByAliases(sort)} LIMIT ${limitOf(page)}`;
    const shape: OutputShape = { kind: "object", columns: columns.map((column) => column.column) };
    return { sql, sortColumns: sort.length, output: shape, paged: true };
  }

  private compileTotal(query: AnalyzedQuery): Omit<CompiledPage, "params"> {
    const output = query.output;
    if (output.kind !== "Items") throw new Error("aggregates need items");
    const onlyCounts = output.items.every((item) => item.value.kind === "Aggregate" && item.value.path === null);
    const pattern = query.source.kind === "twins" ? query.source.pattern : null;
    let from: string;
    let where: readonly string[] = [];
    if (pattern?.kind === "match" && onlyCounts) {
      // Counting bindings needs no documents.
      from = `(${this.matchBindings(query, pattern, null).sql}) AS b`;
    } else {
      const source = this.rowSource(query);
      from = source.from;
      where = source.where;
    }
    const columns = output.items.map((item) => this.aggregateSql(item.value as AggregateValue));
    const sql = `SELECT ${columns.join(", ")} FROM ${from}${this.whereClause(where)}`;
    const shape: OutputShape = {
      kind: "object",
      columns: output.items.map((item) => ({ key: item.key, encoding: "value" as const })),
    };
    return { sql, sortColumns: 0, output: shape, paged: false };
  }

  // ---------------------------------------------------------------- sources

  /** FROM, pattern conditions (WHERE included) and the row key of a query's rows. */
  private rowSource(query: AnalyzedQuery): RowSource {
    if (query.source.kind === "relationships") {
      const alias = query.source.collection.sqlAlias;
      const where = [
        ...this.withGuards([], query.where),
        ...this.scoped({ id: `${alias}.source_id` }, true),
        ...this.scoped({ id: `${alias}.target_id` }, true),
      ];
      return { from: `relationships ${alias}`, where, keys: [this.rowKey(alias)] };
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
    const root = pattern.twins[0]!.sqlAlias;
    let from = `twins ${root}`;
    const aliases: string[] = [];
    // A joined twin nothing reads is only a stepping stone: its id is the relationship's target
    // (the write path keeps relationship ends pointing at existing twins).
    const used = usedCollections(query);
    const ids = pattern.twins.map((slot) => `${slot.sqlAlias}.id`);
    const scope = this.scopedRow(root, true);
    for (const edge of pattern.edges) {
      const target = pattern.twins[edge.to]!.sqlAlias;
      from +=
        ` JOIN relationships ${edge.sqlAlias} ON ${edge.sqlAlias}.source_id = ${ids[edge.from]}` +
        ` AND ${this.nameCondition(edge.sqlAlias, edge.names)}`;
      if (used.has(target)) {
        from += ` JOIN twins ${target} ON ${target}.id = ${edge.sqlAlias}.target_id`;
        scope.push(...this.scopedRow(target));
      } else {
        ids[edge.to] = `${edge.sqlAlias}.target_id`;
        scope.push(...this.scoped({ id: ids[edge.to]! }));
      }
      aliases.push(edge.sqlAlias);
    }
    return {
      from,
      where: [...this.withGuards(aliases, query.where), ...scope],
      keys: [this.rowKey(root), ...pattern.edges.map((edge) => this.rowKey(edge.sqlAlias))],
    };
  }

  /**
   * WHERE plus a cancellation guard on every relationship hop: joins and paths are where work can
   * grow without bound. A single-collection scan is bounded by the table and pays no guard.
   */
  private withGuards(aliases: readonly string[], where: BoundExpression | null): string[] {
    const conditions = where ? [this.predicate(where)] : [];
    for (const alias of aliases) {
      const guard = this.loopGuard(alias);
      if (guard) conditions.push(guard);
    }
    return conditions;
  }

  /**
   * The distinct bindings of a MATCH: one SELECT per combination of hop counts (`*..3` is one,
   * two and three hops), united with UNION so each binding appears once. Every twin on a path,
   * named or not, is distinct from every other: a path never revisits a twin.
   */
  private matchBindings(
    query: AnalyzedQuery,
    pattern: Pattern,
    after: readonly SqlValue[] | null,
  ): { sql: string; columns: string[] } {
    const shapes = hopCombinations(pattern.edges);
    const branches = shapes.map((hops) => this.matchBranch(query, pattern, hops, after));
    const columns = branches[0]!.columns;
    const needsDistinct =
      shapes.length > 1 ||
      pattern.twins.some((slot) => !slot.collection) ||
      pattern.edges.some((edge) => !edge.collection || edge.maxHops > 1);
    if (branches.length === 1) {
      const only = branches[0]!.sql;
      return { sql: needsDistinct ? only.replace(/^SELECT /, "SELECT DISTINCT ") : only, columns };
    }
    return { sql: branches.map((branch) => branch.sql).join(" UNION "), columns };
  }

  private matchBranch(
    query: AnalyzedQuery,
    pattern: Pattern,
    hops: readonly number[],
    after: readonly SqlValue[] | null,
  ): { sql: string; columns: string[] } {
    const twinAliases = pattern.twins.map((slot) => slot.sqlAlias);
    const joins: string[] = [`twins ${twinAliases[0]}`];
    const aliases: string[] = [];
    const pathNodes: string[] = [`${twinAliases[0]}.id`];
    // Every twin on the path, named, anonymous or passed through, must be visible to the caller.
    const scope = this.scopedRow(twinAliases[0]!, true);
    pattern.edges.forEach((edge, index) => {
      let previous = `${twinAliases[edge.from]}.id`;
      const count = hops[index]!;
      for (let hop = 1; hop <= count; hop += 1) {
        const alias = count === 1 ? edge.sqlAlias : `${edge.sqlAlias}_${hop}`;
        const step = this.hopStep(alias, edge, previous);
        const last = hop === count;
        const target = twinAliases[edge.to]!;
        joins.push(`JOIN relationships ${alias} ON ${step.on}`);
        aliases.push(alias);
        if (last) {
          joins.push(`JOIN twins ${target} ON ${target}.id = ${step.next}`);
          pathNodes.push(`${target}.id`);
          scope.push(...this.scopedRow(target));
        } else {
          pathNodes.push(step.next);
          scope.push(...this.scoped({ id: step.next }));
        }
        previous = step.next;
      }
    });
    const conditions = [...this.withGuards(aliases, query.where), ...scope];
    for (let i = 0; i < pathNodes.length; i += 1) {
      for (let j = i + 1; j < pathNodes.length; j += 1) conditions.push(`${pathNodes[i]} <> ${pathNodes[j]}`);
    }
    const keys = this.matchKeys(pattern);
    const columns = keys.map((_, index) => `c${index}`);
    if (after) {
      conditions.push(
        this.after(
          keys.map((sql) => ({ sql, descending: false, nullable: false })),
          after,
        ),
      );
    }
    const select = keys.map((key, index) => `${key} AS ${columns[index]}`).join(", ");
    return { sql: `SELECT ${select} FROM ${joins.join(" ")}${this.whereClause(conditions)}`, columns };
  }

  /** One relationship hop from `previous`, in the edge's direction. */
  private hopStep(alias: string, edge: EdgeSlot, previous: string): { on: string; next: string } {
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
  private matchKeys(pattern: Pattern): string[] {
    return matchCollections(pattern).map((alias) => this.rowKey(alias));
  }

  /**
   * Joins onto the bindings `k` the rows of the named twins and relationship variables that the
   * output, GROUP BY or ORDER BY read (WHERE was applied inside the bindings).
   */
  private matchDocumentJoins(query: AnalyzedQuery, pattern: Pattern, columns: readonly string[]): string {
    const read = readCollections(query);
    return matchCollections(pattern)
      .map((alias, index) => {
        if (!read.has(alias)) return "";
        const table = alias.startsWith("n") ? "twins" : "relationships";
        return ` JOIN ${table} ${alias} ON ${this.rowKey(alias)} = k.${columns[index]}`;
      })
      .join("");
  }

  private nameCondition(alias: string, names: readonly string[]): string {
    if (names.length === 1) return `${alias}.name = ${this.bind(names[0]!)}`;
    return `${alias}.name IN (${names.map((name) => this.bind(name)).join(", ")})`;
  }

  // ---------------------------------------------------------------- outputs

  private rowOutput(query: AnalyzedQuery): { columns: string[]; shape: OutputShape } {
    const output = query.output;
    if (output.kind === "Documents") {
      const twin = output.collection.kind === "twin";
      return { columns: [`${output.collection.sqlAlias}.doc`], shape: { kind: "document", twin } };
    }
    const columns: string[] = [];
    const described: OutputColumn[] = [];
    for (const item of output.items) {
      const value = item.value;
      if (value.kind === "Collection") {
        columns.push(`${value.collection.sqlAlias}.doc`);
        described.push({ key: item.key, encoding: "json", twin: value.collection.kind === "twin" });
        continue;
      }
      if (value.kind === "Aggregate") throw new Error("aggregates are compiled as groups or totals");
      const ref = this.ref(value.path);
      columns.push(ref.kind === "column" ? ref.sql : this.jsonText(ref));
      described.push({ key: item.key, encoding: ref.kind === "column" ? "string" : "json" });
    }
    return { columns, shape: { kind: "object", columns: described } };
  }

  private itemPath(item: OutputItem): BoundPath {
    const value = item.value;
    if (value.kind === "Path") return value.path;
    if (value.kind === "Collection") return { kind: "Path", collection: value.collection, segments: [], loc: zeroLoc };
    throw new Error("not a grouping value");
  }

  /** Grouping keys: a collection groups by its identity, a path by its JSON value. */
  private groupKeySql(path: BoundPath): { sql: string; nullable: boolean }[] {
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

  private groupedColumn(item: OutputItem): { sql: string; column: OutputColumn } {
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

  private aggregateSql(value: AggregateValue): string {
    if (value.fn === "COUNT") {
      if (!value.path || value.path.segments.length === 0) return "COUNT(*)";
      const ref = this.ref(value.path);
      return ref.kind === "column" ? "COUNT(*)" : `COUNT(CASE WHEN ${this.defined(ref)} THEN 1 END)`;
    }
    const ref = this.ref(value.path!);
    if (ref.kind === "column") {
      return value.fn === "MIN" || value.fn === "MAX" ? `${value.fn}(${ref.sql})` : value.fn === "SUM" ? "0" : "NULL";
    }
    if (value.fn === "MIN" || value.fn === "MAX") {
      return `${value.fn}(CASE WHEN ${this.typeTest(ref, ["string", "number"])} THEN ${this.orderValue(ref)} END)`;
    }
    const numbers = `CASE WHEN ${this.typeTest(ref, ["number"])} THEN ${this.scalar(ref, "number")} END`;
    return value.fn === "SUM" ? `COALESCE(SUM(${numbers}), 0)` : `AVG(${numbers})`;
  }

  private orderSql(value: BoundPath | AggregateValue): string {
    if (value.kind === "Aggregate") return this.aggregateSql(value);
    if (value.segments.length === 0) return `${value.collection.sqlAlias}.id`;
    const ref = this.ref(value);
    return ref.kind === "column" ? ref.sql : this.orderValue(ref);
  }

  private orderByAliases(sort: readonly SortTerm[]): string {
    return sort.map((term, index) => this.orderTerm(`s${index}`, term.descending)).join(", ");
  }

  // ---------------------------------------------------------------- keyset

  /** Rows strictly after `values` in the order the terms define (NULLs first ascending, last descending). */
  private after(terms: readonly SortTerm[], values: readonly SqlValue[]): string {
    if (terms.every((term) => !term.descending && !term.nullable) && values.every((value) => value !== null)) {
      if (terms.length === 1) return `${terms[0]!.sql} > ${this.bind(values[0]!)}`;
      return `(${terms.map((term) => term.sql).join(", ")}) > (${values.map((value) => this.bind(value)).join(", ")})`;
    }
    const alternatives: string[] = [];
    for (let i = 0; i < terms.length; i += 1) {
      const equal = terms.slice(0, i).map((term, index) => this.sameAs(term.sql, values[index] ?? null));
      const beyond = this.beyond(terms[i]!, values[i] ?? null);
      if (beyond === "FALSE") continue;
      alternatives.push(`(${[...equal, beyond].join(" AND ")})`);
    }
    return alternatives.length === 0 ? "FALSE" : `(${alternatives.join(" OR ")})`;
  }

  private sameAs(sql: string, value: SqlValue): string {
    return value === null ? `${sql} IS NULL` : `${sql} = ${this.bind(value)}`;
  }

  private beyond(term: SortTerm, value: SqlValue): string {
    if (!term.descending) return value === null ? `${term.sql} IS NOT NULL` : `${term.sql} > ${this.bind(value)}`;
    if (value === null) return "FALSE";
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
  protected predicate(expression: BoundExpression): string {
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

  private comparison(operator: ComparisonOperator, left: BoundOperand, right: BoundOperand): string {
    if (left.kind === "Literal" && right.kind === "Literal")
      return truth(compareLiterals(operator, left.value, right.value));
    if (left.kind === "Literal") return this.comparison(flipped[operator], right, left);
    const ref = this.ref(left);
    if (right.kind === "Path") return this.comparePaths(operator, ref, this.ref(right));
    const value = right.value;
    if (ref.kind === "column") return typeof value === "string" ? `${ref.sql} ${operator} ${this.bind(value)}` : "NULL";
    if (value === null) {
      const equalish = operator === "=" || operator === "<=" || operator === ">=";
      return `(CASE WHEN ${this.typeTest(ref, ["null"])} THEN ${equalish ? "TRUE" : "FALSE"} END)`;
    }
    const kind = typeof value === "string" ? "string" : typeof value === "number" ? "number" : "boolean";
    const kinds: JsonKind[] = kind === "boolean" ? ["true", "false"] : [kind];
    const parameter = this.bind(this.literalParam(value));
    return `(CASE WHEN ${this.typeTest(ref, kinds)} THEN ${this.scalar(ref, kind)} ${operator} ${parameter} END)`;
  }

  /** Two paths compare when both hold strings, numbers, booleans or nulls; otherwise undefined. */
  private comparePaths(operator: ComparisonOperator, left: ValueRef, right: ValueRef): string {
    const branches: string[] = [];
    for (const kind of ["string", "number", "boolean"] as const) {
      const kinds: JsonKind[] = kind === "boolean" ? ["true", "false"] : [kind];
      const leftTest = left.kind === "column" ? (kind === "string" ? "TRUE" : null) : this.typeTest(left, kinds);
      const rightTest = right.kind === "column" ? (kind === "string" ? "TRUE" : null) : this.typeTest(right, kinds);
      if (leftTest === null || rightTest === null) continue;
      const leftValue = left.kind === "column" ? left.sql : this.scalar(left, kind);
      const rightValue = right.kind === "column" ? right.sql : this.scalar(right, kind);
      branches.push(`WHEN ${leftTest} AND ${rightTest} THEN ${leftValue} ${operator} ${rightValue}`);
    }
    if (left.kind === "json" && right.kind === "json") {
      const equalish = operator === "=" || operator === "<=" || operator === ">=";
      branches.push(
        `WHEN ${this.typeTest(left, ["null"])} AND ${this.typeTest(right, ["null"])} THEN ${equalish ? "TRUE" : "FALSE"}`,
      );
    }
    return `(CASE ${branches.join(" ")} END)`;
  }

  /** IN: TRUE when the value equals an item of the same kind, FALSE otherwise, NULL when missing. */
  private membership(operand: BoundOperand, items: readonly LiteralValue[], negated: boolean): string {
    if (operand.kind === "Literal") {
      const found = items.some((item) => compareLiterals("=", operand.value, item) === true);
      return truth(found !== negated);
    }
    const ref = this.ref(operand);
    const strings = items.filter((item): item is string => typeof item === "string");
    let sql: string;
    if (ref.kind === "column") {
      sql = strings.length === 0 ? "FALSE" : `${ref.sql} IN (${strings.map((item) => this.bind(item)).join(", ")})`;
    } else {
      const numbers = items.filter((item): item is number => typeof item === "number");
      const branches: string[] = [];
      if (strings.length > 0) {
        branches.push(
          `WHEN ${this.typeTest(ref, ["string"])} THEN ${this.scalar(ref, "string")} IN (${strings.map((item) => this.bind(item)).join(", ")})`,
        );
      }
      if (numbers.length > 0) {
        branches.push(
          `WHEN ${this.typeTest(ref, ["number"])} THEN ${this.scalar(ref, "number")} IN (${numbers.map((item) => this.bind(item)).join(", ")})`,
        );
      }
      const constants: JsonKind[] = [];
      if (items.includes(true)) constants.push("true");
      if (items.includes(false)) constants.push("false");
      if (items.includes(null)) constants.push("null");
      if (constants.length > 0) branches.push(`WHEN ${this.typeTest(ref, constants)} THEN TRUE`);
      branches.push(`WHEN ${this.defined(ref)} THEN FALSE`);
      sql = `(CASE ${branches.join(" ")} END)`;
    }
    return negated ? `(NOT ${sql})` : sql;
  }

  /**
   * Without `exact`: the twin's model, or a model it extends, has the argument's DTMI without
   * version and a version at least the argument's. With `exact`: the model id itself.
   */
  private isOfModel(collection: Collection, model: string, exact: boolean): string {
    const column = `${collection.sqlAlias}.model_id`;
    if (exact) return `${column} = ${this.bind(model)}`;
    const semicolon = model.lastIndexOf(";");
    const base = semicolon < 0 ? model : model.slice(0, semicolon);
    const versionText = semicolon < 0 ? null : model.slice(semicolon + 1);
    if (versionText !== null && !/^[0-9]{1,9}(?:\.[0-9]{1,6})?$/.test(versionText)) return "FALSE";
    let ancestors = `ma.ancestor_id >= ${this.bind(`${base};`)} AND ma.ancestor_id < ${this.bind(`${base}<`)}`;
    if (versionText === null) ancestors = `(ma.ancestor_id = ${this.bind(base)} OR (${ancestors}))`;
    else
      ancestors += ` AND ${this.versionNumber("ma.ancestor_id", this.bind(base.length + 2))} >= ${this.bind(Number(versionText))}`;
    return `${column} IN (SELECT ma.model_id FROM model_ancestry ma WHERE ${ancestors})`;
  }

  private typeCheck(fn: TypeCheckFunction, path: BoundPath): string {
    const ref = this.ref(path);
    if (ref.kind === "column")
      return fn === "IS_DEFINED" || fn === "IS_STRING" || fn === "IS_PRIMITIVE" ? "TRUE" : "FALSE";
    if (fn === "IS_DEFINED") return this.defined(ref);
    return `COALESCE(${this.typeTest(ref, typeCheckKinds[fn])}, FALSE)`;
  }

  /** STARTSWITH / ENDSWITH / CONTAINS: case-sensitive; undefined unless the value is a string. */
  private stringFunction(fn: StringMatchFunction, path: BoundPath, value: string): string {
    const ref = this.ref(path);
    if (ref.kind === "column") {
      if (value === "") return "TRUE";
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
  private arrayContainsPredicate(path: BoundPath, value: LiteralValue): string {
    const ref = this.ref(path);
    if (ref.kind === "column") return "NULL";
    const needle = value === null || typeof value === "boolean" ? "" : this.bind(this.literalParam(value));
    return `(CASE WHEN ${this.typeTest(ref, ["array"])} THEN ${this.arrayContains(ref, value, needle)} END)`;
  }

  // ---------------------------------------------------------------- paths

  private ref(path: BoundPath): ValueRef {
    const alias = path.collection.sqlAlias;
    const column = columnOf(path);
    if (column) return { kind: "column", sql: `${alias}.${column}` };
    return { kind: "json", doc: `${alias}.doc`, path: this.bind(this.jsonPathParam(path.segments)) };
  }

  private whereClause(conditions: readonly string[]): string {
    return conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
  }
}

const zeroLoc = { start: 0, end: 0, line: 1, column: 0 };

/** System properties stored as columns: `$dtId`, `$etag`, `$metadata.$model`, relationship ids and names. */
function columnOf(path: BoundPath): string | null {
  const segments = path.segments;
  const columns = path.collection.kind === "twin" ? twinColumns : relationshipColumns;
  if (segments.length === 1 && Object.hasOwn(columns, segments[0]!)) return columns[segments[0]!]!;
  if (
    path.collection.kind === "twin" &&
    segments.length === 2 &&
    segments[0] === "$metadata" &&
    segments[1] === "$model"
  ) {
    return "model_id";
  }
  return null;
}

/** Sort values are selected first, as `s0, s1, ...`, so ORDER BY names them instead of recomputing. */
function sortColumns(sort: readonly SortTerm[]): string[] {
  return sort.map((term, index) => `${term.sql} AS s${index}`);
}

function truth(value: boolean | undefined): string {
  return value === undefined ? "NULL" : value ? "TRUE" : "FALSE";
}

/** ADT comparison of two literals: same JSON kind compares, different kinds are undefined. */
function compareLiterals(operator: ComparisonOperator, a: LiteralValue, b: LiteralValue): boolean | undefined {
  if (a === null || b === null) {
    if (a !== b) return undefined;
    return operator === "=" || operator === "<=" || operator === ">=";
  }
  if (typeof a !== typeof b) return undefined;
  const left = a as string | number | boolean;
  const right = b as string | number | boolean;
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
function prefixUpperBound(prefix: string): string | null {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  if (last >= 0xd7ff || last === 0x10ffff) return null;
  return points.join("") + String.fromCodePoint(last + 1);
}

/** Rows the page asks for; an integer the server computed (page size, TOP), never user text. */
function limitOf(page: PageRequest): number {
  if (!Number.isSafeInteger(page.limit) || page.limit < 0) throw new Error(`invalid page limit ${page.limit}`);
  return page.limit;
}

/** The table aliases any part of the query reads: output, GROUP BY, ORDER BY and WHERE. */
function usedCollections(query: AnalyzedQuery): Set<string> {
  const used = readCollections(query);
  const visit = (expression: BoundExpression): void => {
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
          if (operand.kind === "Path") used.add(operand.collection.sqlAlias);
        }
        return;
      case "In":
        if (expression.operand.kind === "Path") used.add(expression.operand.collection.sqlAlias);
        return;
      case "IsOfModel":
        used.add(expression.collection.sqlAlias);
        return;
      default:
        used.add(expression.path.collection.sqlAlias);
    }
  };
  if (query.where) visit(query.where);
  return used;
}

/** The table aliases whose rows the output, GROUP BY and ORDER BY read. */
function readCollections(query: AnalyzedQuery): Set<string> {
  const read = new Set<string>();
  const note = (value: OutputValue | BoundPath) => {
    if (value.kind === "Collection") read.add(value.collection.sqlAlias);
    else if (value.kind === "Aggregate") {
      if (value.path) read.add(value.path.collection.sqlAlias);
    } else read.add(("path" in value ? value.path : value).collection.sqlAlias);
  };
  if (query.output.kind === "Documents") read.add(query.output.collection.sqlAlias);
  else for (const item of query.output.items) note(item.value);
  for (const key of query.groupBy) note(key);
  for (const key of query.orderBy) note(key.value);
  return read;
}

/** The table aliases of a MATCH's named twins (`n…`) and relationship variables (`e…`), in pattern order. */
function matchCollections(pattern: Pattern): string[] {
  const aliases: string[] = [];
  pattern.twins.forEach((slot, index) => {
    if (slot.collection) aliases.push(slot.sqlAlias);
    const edge = pattern.edges[index];
    if (edge?.collection) aliases.push(edge.sqlAlias);
  });
  return aliases;
}

/** Every combination of hop counts of the edges' ranges. */
function hopCombinations(edges: readonly EdgeSlot[]): number[][] {
  let combinations: number[][] = [[]];
  for (const edge of edges) {
    const next: number[][] = [];
    for (const combination of combinations) {
      for (let hops = edge.minHops; hops <= edge.maxHops; hops += 1) next.push([...combination, hops]);
    }
    combinations = next;
  }
  return combinations;
}

/**
 * Replaces each `?` placeholder of a fragment by what `placeholder` returns, in order. Question
 * marks inside quoted strings and identifiers (a dialect's regular expression, say) are text.
 */
export function replaceQuestionMarks(sql: string, placeholder: () => string): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      let end = i + 1;
      while (end < sql.length) {
        if (sql[end] === ch) {
          if (sql[end + 1] === ch) {
            end += 2;
            continue;
          }
          break;
        }
        end += 1;
      }
      out += sql.slice(i, end + 1);
      i = end + 1;
    } else if (ch === "?") {
      out += placeholder();
      i += 1;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

function sqlValueOf(value: unknown): SqlValue {
  if (value === null || typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) {
    return value;
  }
  throw new Error(`twin filter: unsupported parameter of type ${typeof value}`);
}
