import type { ScopePredicateCompiler } from "../auth/scopePredicateCompiler.js";
import { DoppelError, isDoppelError } from "../errors/catalogue.js";
import { analyzeQuery } from "./analysis/analyzeQuery.js";
import type { BoundExpression, BoundPath, Collection } from "./analysis/boundQuery.js";
import type { BaseCompiler, PlaceholderCondition } from "./compile/base.js";
import { semanticError } from "./queryError.js";
import { doppelQueryLimits } from "./queryLimits.js";
import { parseQuery } from "./syntax/parser.js";

const cacheSize = 1024;

/**
 * The query engine's compiler for predicate scopes (`{"kind":"query","where":"..."}`): the
 * condition is a WHERE of the query language over one twin, written without an alias
 * (`building = 'A' AND IS_OF_MODEL('dtmi:example:Room;1')`). It is parsed and analysed as the
 * WHERE of `SELECT * FROM DIGITALTWINS`, so it obeys the same rules and limits as any query, and
 * compiled by the store's dialect onto the twins row the security layer names.
 *
 * `compiler` must be an instance of its own: compiling a condition resets its statement state.
 * Results are cached by alias and text (compilation is pure).
 */
export function createScopePredicateCompiler(compiler: BaseCompiler): ScopePredicateCompiler {
  const cache = new Map<string, PlaceholderCondition>();
  return (where, twinAlias) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(twinAlias)) throw new Error(`invalid twin alias '${twinAlias}'`);
    const key = `${twinAlias}\u0000${where}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const condition = compiler.compileCondition(withAlias(bindCondition(where), twinAlias));
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(key, condition);
    return condition;
  };
}

const prefix = "SELECT * FROM DIGITALTWINS WHERE ";

/** The condition as the WHERE of a one-collection query; anything else in the text is refused. */
function bindCondition(where: string): BoundExpression {
  try {
    return bindWhere(where);
  } catch (error) {
    // Positions on the first line count from the start of the condition, not of the wrapper.
    if (!isDoppelError(error)) throw error;
    const message = error.message.replace(
      /Line=1, Position=(\d+)/,
      (_, at: string) => `Line=1, Position=${Math.max(0, Number(at) - prefix.length)}`,
    );
    throw new DoppelError(error.code, message);
  }
}

function bindWhere(where: string): BoundExpression {
  const text = prefix + where;
  const parsed = parseQuery(text);
  if (parsed.groupBy.length > 0 || parsed.orderBy.length > 0) {
    throw semanticError("a scope condition is a WHERE condition only, without GROUP BY or ORDER BY", {
      line: 1,
      column: 0,
    });
  }
  const analyzed = analyzeQuery(text, parsed, { compat: "doppel", limits: doppelQueryLimits });
  if (analyzed.where === null) throw semanticError("a scope condition must not be empty", { line: 1, column: 0 });
  return analyzed.where;
}

/** The same condition over a collection the compiler names `alias` (the analyser says `t0`). */
function withAlias(expression: BoundExpression, alias: string): BoundExpression {
  const renamed = new Map<Collection, Collection>();
  const collection = (c: Collection): Collection => {
    let r = renamed.get(c);
    if (!r) {
      r = { ...c, sqlAlias: alias };
      renamed.set(c, r);
    }
    return r;
  };
  const path = (p: BoundPath): BoundPath => ({ ...p, collection: collection(p.collection) });
  const visit = (e: BoundExpression): BoundExpression => {
    switch (e.kind) {
      case "Logical":
        return { ...e, left: visit(e.left), right: visit(e.right) };
      case "Not":
        return { ...e, operand: visit(e.operand) };
      case "Comparison":
        return {
          ...e,
          left: e.left.kind === "Path" ? path(e.left) : e.left,
          right: e.right.kind === "Path" ? path(e.right) : e.right,
        };
      case "In":
        return { ...e, operand: e.operand.kind === "Path" ? path(e.operand) : e.operand };
      case "IsOfModel":
        return { ...e, collection: collection(e.collection) };
      case "TypeCheck":
      case "StringMatch":
      case "ArrayContains":
        return { ...e, path: path(e.path) };
    }
  };
  return visit(expression);
}
