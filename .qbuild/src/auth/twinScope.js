import { DoppelError } from "../errors/catalogue.js";
export const instanceScope = { kind: "instance" };
const maxListItems = 100;
export function parseTwinScope(value) {
    if (value === undefined || value === null)
        return instanceScope;
    if (typeof value !== "object" || Array.isArray(value))
        throw invalid("must be a JSON object with a 'kind'");
    const scope = value;
    switch (scope.kind) {
        case "instance":
            onlyKeys(scope, ["kind"]);
            return instanceScope;
        case "models":
            onlyKeys(scope, ["kind", "models"]);
            return { kind: "models", models: stringList(scope.models, "models", 1, 2048) };
        case "subgraph":
            onlyKeys(scope, ["kind", "root", "relationships"]);
            if (typeof scope.root !== "string" || scope.root === "" || scope.root.length > 1024) {
                throw invalid("'root' must be a twin id");
            }
            return {
                kind: "subgraph",
                root: scope.root,
                relationships: scope.relationships === undefined ? [] : stringList(scope.relationships, "relationships", 0, 512),
            };
        case "query":
            onlyKeys(scope, ["kind", "where"]);
            if (typeof scope.where !== "string" || scope.where.trim() === "" || scope.where.length > 8000) {
                throw invalid("'where' must be a non-empty condition of at most 8000 characters");
            }
            return { kind: "query", where: scope.where };
        default:
            throw invalid("'kind' must be one of instance, models, subgraph, query");
    }
}
function stringList(value, field, min, maxLength) {
    if (!Array.isArray(value) || value.length < min || value.length > maxListItems) {
        throw invalid(`'${field}' must be an array of ${min}-${maxListItems} strings`);
    }
    for (const item of value) {
        if (typeof item !== "string" || item === "" || item.length > maxLength) {
            throw invalid(`'${field}' must hold non-empty strings of at most ${maxLength} characters`);
        }
    }
    return [...new Set(value)];
}
function onlyKeys(scope, allowed) {
    const extra = Object.keys(scope).filter((key) => !allowed.includes(key));
    if (extra.length > 0)
        throw invalid(`unknown field(s) ${extra.map((k) => `'${k}'`).join(", ")}`);
}
function invalid(reason) {
    return new DoppelError("InvalidArgument", `The assignment scope is invalid: ${reason}.`);
}
//# sourceMappingURL=twinScope.js.map