import { queryTickFunction } from "../../store/sqlite/sqliteQueryRunner.js";
import { BaseCompiler } from "./base.js";
const jsonTypeNames = {
    string: ["'text'"],
    number: ["'integer'", "'real'"],
    true: ["'true'"],
    false: ["'false'"],
    null: ["'null'"],
    object: ["'object'"],
    array: ["'array'"],
};
/**
 * SQLite: `?` placeholders, JSON1 functions (`json_type`, `json_extract`, `->`, `json_each`),
 * and a per-row guard that calls back into JavaScript every 1,024 rows of each table so a
 * statement past its deadline can be stopped (better-sqlite3 has no interrupt).
 */
export class SqliteCompiler extends BaseCompiler {
    finalize(sql, params) {
        const ordered = [];
        const text = this.replaceMarks(sql, (index) => {
            ordered.push(params[index]);
            return "?";
        });
        return { sql: text, params: ordered };
    }
    literalParam(value) {
        return typeof value === "boolean" ? (value ? 1 : 0) : value;
    }
    /** `$."a"."b"`: every key quoted JSON-style, so any character is safe. */
    jsonPathParam(segments) {
        return `$${segments.map((segment) => `.${JSON.stringify(segment)}`).join("")}`;
    }
    typeTest(ref, kinds) {
        const names = kinds.flatMap((kind) => jsonTypeNames[kind]);
        const type = `json_type(${ref.doc}, ${ref.path})`;
        return names.length === 1 ? `${type} = ${names[0]}` : `${type} IN (${names.join(", ")})`;
    }
    defined(ref) {
        return `json_type(${ref.doc}, ${ref.path}) IS NOT NULL`;
    }
    /** `json_extract` gives text, numbers, and 1/0 for booleans (bound as 1/0 too). */
    scalar(ref) {
        return `json_extract(${ref.doc}, ${ref.path})`;
    }
    jsonText(ref) {
        return `(${ref.doc} -> ${ref.path})`;
    }
    orderValue(ref) {
        return `json_extract(${ref.doc}, ${ref.path})`;
    }
    stringMatch(fn, value, needle) {
        switch (fn) {
            case "STARTSWITH":
                return `substr(${value}, 1, length(${needle})) = ${needle}`;
            case "ENDSWITH":
                return `substr(${value}, -length(${needle})) = ${needle}`;
            case "CONTAINS":
                return `instr(${value}, ${needle}) > 0`;
        }
    }
    arrayContains(ref, value, needle) {
        const element = value === null
            ? "je.type = 'null'"
            : typeof value === "boolean"
                ? `je.type = '${value}'`
                : typeof value === "number"
                    ? `je.type IN ('integer', 'real') AND je.value = ${needle}`
                    : `je.type = 'text' AND je.value = ${needle}`;
        return `EXISTS (SELECT 1 FROM json_each(${ref.doc}, ${ref.path}) AS je WHERE ${element})`;
    }
    versionNumber(column, offset) {
        return `CAST(substr(${column}, ${offset}) AS REAL)`;
    }
    rowKey(alias) {
        return `${alias}.rowid`;
    }
    loopGuard(alias) {
        return `((${alias}.rowid & 1023) <> 0 OR ${queryTickFunction}())`;
    }
    orderTerm(sql, descending) {
        return descending ? `${sql} DESC` : sql;
    }
}
//# sourceMappingURL=sqlite.js.map