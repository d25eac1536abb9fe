/**
 * Benchmark dispatcher: `node dist/bench/run.js [name...]` runs the named benchmarks, or all
 * of them when none is named. Each benchmark lives in its own folder and registers here.
 */
export {};
