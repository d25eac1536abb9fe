import { invalidId } from "./graphErrors.js";

/**
 * Twin and relationship ids: case-sensitive, 1 to `maxLength` UTF-16 code units, any printable
 * Unicode (spaces, `/`, `%`, quotes and emoji included), but no control characters (C0, DEL, C1)
 * and no unpaired surrogates, which could not round-trip through UTF-8 URLs and JSON.
 */
export function checkId(kind: "digital twin" | "relationship", id: string, maxLength: number): void {
  if (id.length === 0 || id.length > maxLength || !isPrintable(id)) throw invalidId(kind, id, maxLength);
}

/** A plain loop: this runs on every request, and ids are short. */
function isPrintable(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = id.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}
