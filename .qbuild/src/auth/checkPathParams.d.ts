import type { RequestLimits } from "./requestLimits.js";
import type { RouteRule } from "./routeRules.js";
/**
 * Every path parameter of every route: bounded length, no control characters, no unpaired
 * surrogates (invalid UTF-8 in the URL decodes to those or to U+FFFD), and no `.`/`..` segments
 * that would read as path traversal if an id ever reached a file name or a URL.
 */
export declare function checkPathParams(params: unknown, rule: RouteRule | undefined, limits: RequestLimits): void;
