/** A short JSON rendering of a value for error messages. */
export declare function describeValue(value: unknown): string;
