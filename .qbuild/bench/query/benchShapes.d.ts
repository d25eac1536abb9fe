import type { AnalyzedQuery } from "../../src/query/analysis/boundQuery.js";
import type { SqlValue } from "../../src/query/compile/base.js";
import { type BenchGraph } from "./benchGraph.js";
/** One query shape: the ADT query (varying its anchor per iteration) and hand-written SQL for the same page. */
export interface BenchShape {
    readonly name: string;
    query(iteration: number): string;
    compile(query: AnalyzedQuery): {
        sql: string;
        params: readonly SqlValue[];
    };
    readonly baseline: {
        readonly sql: string;
        params(iteration: number): unknown[];
    };
    /** Cheap enough to warm the cache before every timed run (the slow scans are warmed once). */
    readonly repeatable?: boolean;
}
export declare function benchShapes(graph: BenchGraph): BenchShape[];
