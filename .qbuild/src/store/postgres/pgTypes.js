import pg from "pg";
const int8 = 20;
const numeric = 1700;
const json = 114;
const jsonb = 3802;
/**
 * How the store reads PostgreSQL values: 64-bit integers and numerics as numbers (sequence
 * numbers, counts and sums stay far below 2^53), JSON as its text (callers decide whether to
 * parse: documents are spliced into responses as they are).
 */
export const storeTypes = {
    getTypeParser: ((oid, format) => {
        if (format !== "binary") {
            if (oid === int8 || oid === numeric)
                return (value) => Number(value);
            if (oid === json || oid === jsonb)
                return (value) => value;
        }
        return pg.types.getTypeParser(oid, format);
    }),
};
export const jsonbTypeId = jsonb;
//# sourceMappingURL=pgTypes.js.map