import { type EndpointDefinition, secretFields } from "./endpointDefinition.js";
import { takeSecretField } from "./secretField.js";

/**
 * The endpoint as the API shows it: every credential removed, and `secrets` naming the ones that
 * are set (secret header names included, nested ones by their dotted name such as `tls.key`) so
 * a client can tell what is configured.
 */
export function redactEndpoint(definition: EndpointDefinition): Record<string, unknown> {
  let shown: Record<string, unknown> = { ...definition };
  const secrets: string[] = [];
  for (const field of secretFields[definition.kind]) {
    const { rest, value } = takeSecretField(shown, field);
    shown = rest;
    if (value === undefined) continue;
    if (field === "secretHeaders") {
      for (const header of Object.keys(value as Record<string, string>)) secrets.push(`secretHeaders.${header}`);
    } else {
      secrets.push(field);
    }
  }
  shown.secrets = secrets;
  return shown;
}
