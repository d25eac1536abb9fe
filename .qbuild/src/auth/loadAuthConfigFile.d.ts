import type { AuthOptions } from "./authOptions.js";
/**
 * Reads the `--auth-config` JSON file. Only its outline is checked here; roles, assignments and
 * keys are validated when the auth service starts, with the same rules as the admin API.
 */
export declare function loadAuthConfigFile(path: string): AuthOptions;
export declare function parseAuthConfig(value: unknown, origin?: string): AuthOptions;
/** `none`, `jwt`, `apikey`, or a comma-separated / array combination of the last two. */
export declare function parseAuthMode(value: unknown, origin?: string): "none" | ("jwt" | "apikey")[];
