/**
 * `--name=value` flags as every benchmark takes them. The value is everything after the first
 * `=`, so a URL with a query string (`--postgres=...?schema=x`) survives whole.
 */
export function optionText(argv: readonly string[], name: string): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export function optionNumber(argv: readonly string[], name: string, fallback: number): number {
  return Number(optionText(argv, name) ?? fallback);
}

/** A comma-separated list, e.g. `--targets=nats,mqtt`. */
export function optionList(argv: readonly string[], name: string, fallback: string): string[] {
  return (optionText(argv, name) ?? fallback).split(",");
}
