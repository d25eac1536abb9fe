import { isUtf8 } from "node:buffer";
import { DoppelError } from "../errors/catalogue.js";

/**
 * The text of a buffered request body, refusing bytes that are not valid UTF-8: decoding would
 * otherwise turn them into U+FFFD silently and store the damage. Every content-type parser that
 * accepts a body must read it as a Buffer (`parseAs: "buffer"`) and pass it through here; a
 * `parseAs: "string"` parser decodes before anyone can check. One pass over the buffered bytes
 * costs far less than a guard stream in every request's body pipeline.
 */
export function utf8Guard(body: Buffer): string {
  if (!isUtf8(body)) throw new DoppelError("InvalidArgument", "The request body is not valid UTF-8.");
  return body.toString("utf8");
}

const charsetPattern = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** Only UTF-8 JSON is accepted; a declared charset other than UTF-8 is refused up front. */
export function declaredCharset(contentType: string | undefined): string | null {
  if (!contentType?.includes(";")) return null;
  const match = charsetPattern.exec(contentType);
  return match ? match[1]!.toLowerCase() : null;
}
