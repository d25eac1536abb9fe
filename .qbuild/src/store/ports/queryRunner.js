/** Runs compiled, parameterised read statements for the query engine. Owned by `src/query`. */
/** The statement ran past its deadline and was stopped. */
export class QueryTimeoutError extends Error {
    constructor() {
        super("The query ran past its deadline and was cancelled.");
        this.name = "QueryTimeoutError";
    }
}
//# sourceMappingURL=queryRunner.js.map