import { DoppelError } from "../errors/catalogue.js";
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Every path parameter of every route: bounded length, no control characters, no unpaired
 * surrogates (invalid UTF-8 in the URL decodes to those or to U+FFFD), and no `.`/`..` segments
 * that would read as path traversal if an id ever reached a file name or a URL.
 */
export function checkPathParams(params, rule, limits) {
    if (typeof params !== "object" || params === null)
        return;
    Object.values(params).forEach((value, position) => {
        if (typeof value !== "string")
            return;
        const max = rule?.modelParam === position ? limits.modelIdBytes : limits.idBytes;
        if (Buffer.byteLength(value, "utf8") > max) {
            throw new DoppelError("InvalidArgument", `The id in the request path is longer than ${max} bytes.`);
        }
        if (controlCharacters.test(value)) {
            throw new DoppelError("InvalidArgument", "The id in the request path contains a control character.");
        }
        if (loneSurrogate.test(value) || value.includes("\ufffd")) {
            throw new DoppelError("InvalidArgument", "The id in the request path is not valid UTF-8.");
        }
        if (value.split(/[/\\]/).some((segment) => segment === "." || segment === "..")) {
            throw new DoppelError("InvalidArgument", "The id in the request path contains a '.' or '..' path segment.");
        }
    });
}
//# sourceMappingURL=checkPathParams.js.map