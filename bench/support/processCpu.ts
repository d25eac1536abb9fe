import { readFileSync } from "node:fs";

/** User + system CPU time of a process so far (every thread), in ms (Linux /proc; 0 elsewhere). */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** User + system CPU time of a process's main (event loop) thread so far, in ms (Linux /proc). */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

/** utime + stime from a /proc stat file (fields 14 and 15, in clock ticks of 10 ms). */
function statCpuMs(file: string): number {
  try {
    const fields = readFileSync(file, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}
