import { loadavg } from "node:os";

/**
 * The machine's load average, printed with each run: on a shared machine it says how far the
 * figures can be trusted. `only: 1` gives the one-minute figure alone.
 */
export function loadAverage({ digits = 2, separator = ", ", only = 3 } = {}): string {
  return loadavg()
    .slice(0, only)
    .map((n) => n.toFixed(digits))
    .join(separator);
}
