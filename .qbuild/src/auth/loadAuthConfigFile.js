import { readFileSync } from "node:fs";
const topLevelKeys = new Set([
    "mode",
    "jwt",
    "roles",
    "roleAssignments",
    "limits",
    "rateLimits",
    "audit",
    "cacheTtlMs",
]);
/**
 * Reads the `--auth-config` JSON file. Only its outline is checked here; roles, assignments and
 * keys are validated when the auth service starts, with the same rules as the admin API.
 */
export function loadAuthConfigFile(path) {
    let parsed;
    try {
        parsed = JSON.parse(readFileSync(path, "utf8"));
    }
    catch (error) {
        throw new Error(`cannot read the auth config ${path}: ${error.message}`);
    }
    return parseAuthConfig(parsed, path);
}
export function parseAuthConfig(value, origin = "auth config") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new Error(`${origin}: expected a JSON object`);
    }
    const unknown = Object.keys(value).filter((key) => !topLevelKeys.has(key));
    if (unknown.length > 0)
        throw new Error(`${origin}: unknown setting(s) ${unknown.join(", ")}`);
    const config = value;
    if (config.mode !== undefined)
        parseAuthMode(config.mode, origin);
    return config;
}
/** `none`, `jwt`, `apikey`, or a comma-separated / array combination of the last two. */
export function parseAuthMode(value, origin = "--auth") {
    const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
    const methods = parts.map((part) => String(part).trim().toLowerCase());
    if (methods.length === 1 && methods[0] === "none")
        return "none";
    if (methods.length === 0 || methods.some((m) => m !== "jwt" && m !== "apikey")) {
        throw new Error(`${origin}: mode must be 'none', 'jwt', 'apikey' or 'jwt,apikey', got ${JSON.stringify(value)}`);
    }
    return [...new Set(methods)];
}
//# sourceMappingURL=loadAuthConfigFile.js.map