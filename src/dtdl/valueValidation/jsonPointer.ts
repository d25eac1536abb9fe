/** Appends one reference token to a JSON Pointer (RFC 6901 escaping of `~` and `/`). */
export function appendPointer(pointer: string, token: string | number): string {
  const text = typeof token === "number" ? String(token) : token.replaceAll("~", "~0").replaceAll("/", "~1");
  return `${pointer}/${text}`;
}
