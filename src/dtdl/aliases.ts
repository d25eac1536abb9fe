import { metamodel } from "./generated/metamodel.js";

/**
 * Standard elements that stand for others (e.g. the v3 `double` schema is the v2 one): alias
 * identifier → identifier of the element it stands for.
 */
const aliases = new Map<string, string>();
for (const raw of metamodel.elements) {
  const id = raw["@id"];
  if (typeof id === "string" && typeof raw.aliasFor === "string") aliases.set(id, raw.aliasFor);
}

/** Follows alias links (e.g. the v3 `double` stands for the v2 element). */
export function dealias(id: string): string {
  let current = id;
  for (let i = 0; i < 4; i++) {
    const next = aliases.get(current);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}
