import pg from "pg";
/**
 * How the store reads PostgreSQL values: 64-bit integers and numerics as numbers (sequence
 * numbers, counts and sums stay far below 2^53), JSON as its text (callers decide whether to
 * parse: documents are spliced into responses as they are).
 */
export declare const storeTypes: pg.CustomTypesConfig;
export declare const jsonbTypeId = 3802;
