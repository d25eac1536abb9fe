/** `doppel models <sub-command>`. */
export async function modelsCommand(argv: string[]): Promise<number> {
  const [sub] = argv;
  console.error(`doppel models: unknown sub-command '${sub ?? ""}' (expected: validate)`);
  return 2;
}
