import { Transform } from "node:stream";
/**
 * Passes a request body through unchanged while checking it is valid UTF-8; the JSON parser
 * would otherwise turn invalid bytes into U+FFFD silently and store the damage.
 */
export declare function utf8Guard(): Transform;
/** Only UTF-8 JSON is accepted; a declared charset other than UTF-8 is refused up front. */
export declare function declaredCharset(contentType: string | undefined): string | null;
