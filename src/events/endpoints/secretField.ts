/**
 * Moves the members `secretFields` names in and out of a definition: a top-level field
 * (`password`) or, when the name is dotted, a member one object down (`tls.key`), so a credential
 * can sit beside settings that are not secret. Never changes the object it is given.
 */

/** The definition without the field, and the field's value (undefined when absent). */
export function takeSecretField(
  definition: Readonly<Record<string, unknown>>,
  field: string,
): { rest: Record<string, unknown>; value: unknown } {
  const [outer, inner] = splitPath(field);
  if (inner === undefined) {
    const { [outer]: value, ...rest } = definition;
    return { rest, value };
  }
  const parent = definition[outer];
  if (!isPlainObject(parent) || parent[inner] === undefined) return { rest: { ...definition }, value: undefined };
  const { [inner]: value, ...parentRest } = parent;
  return { rest: { ...definition, [outer]: parentRest }, value };
}

/** The definition with the field set (its parent object created when missing). */
export function putSecretField(
  definition: Readonly<Record<string, unknown>>,
  field: string,
  value: unknown,
): Record<string, unknown> {
  const [outer, inner] = splitPath(field);
  if (inner === undefined) return { ...definition, [outer]: value };
  const parent = definition[outer];
  return { ...definition, [outer]: { ...(isPlainObject(parent) ? parent : {}), [inner]: value } };
}

function splitPath(field: string): [string, string | undefined] {
  const dot = field.indexOf(".");
  return dot < 0 ? [field, undefined] : [field.slice(0, dot), field.slice(dot + 1)];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
