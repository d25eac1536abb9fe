/**
 * Twin and relationship ids: case-sensitive, 1 to `maxLength` UTF-16 code units, any printable
 * Unicode (spaces, `/`, `%`, quotes and emoji included), but no control characters (C0, DEL, C1)
 * and no unpaired surrogates, which could not round-trip through UTF-8 URLs and JSON.
 */
export declare function checkId(kind: "digital twin" | "relationship", id: string, maxLength: number): void;
