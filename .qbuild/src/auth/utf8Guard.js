import { Transform } from "node:stream";
import { DoppelError } from "../errors/catalogue.js";
/**
 * Passes a request body through unchanged while checking it is valid UTF-8; the JSON parser
 * would otherwise turn invalid bytes into U+FFFD silently and store the damage.
 */
export function utf8Guard() {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    return new Transform({
        transform(chunk, _encoding, callback) {
            try {
                decoder.decode(chunk, { stream: true });
            }
            catch {
                callback(invalidUtf8());
                return;
            }
            callback(null, chunk);
        },
        flush(callback) {
            try {
                decoder.decode();
            }
            catch {
                callback(invalidUtf8());
                return;
            }
            callback();
        },
    });
}
function invalidUtf8() {
    return new DoppelError("InvalidArgument", "The request body is not valid UTF-8.");
}
/** Only UTF-8 JSON is accepted; a declared charset other than UTF-8 is refused up front. */
export function declaredCharset(contentType) {
    if (!contentType)
        return null;
    const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
    return match ? match[1].toLowerCase() : null;
}
//# sourceMappingURL=utf8Guard.js.map