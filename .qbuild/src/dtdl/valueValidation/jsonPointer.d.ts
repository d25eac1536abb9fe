/** Appends one reference token to a JSON Pointer (RFC 6901 escaping of `~` and `/`). */
export declare function appendPointer(pointer: string, token: string | number): string;
