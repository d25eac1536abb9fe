/** What a benchmark seeds before it measures: its models, then twins `t0`..`t{twins - 1}`. */
export interface TwinSeed {
  readonly models: readonly object[];
  readonly twins: number;
  readonly twin: (i: number) => object;
  /** Sent with every seeding request (a secured server). */
  readonly authorization?: string;
}
