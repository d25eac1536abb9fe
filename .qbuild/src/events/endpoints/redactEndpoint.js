import { secretFields } from "./endpointDefinition.js";
/**
 * The endpoint as the API shows it: every credential removed, and `secrets` naming the ones that
 * are set (secret header names included) so a client can tell what is configured.
 */
export function redactEndpoint(definition) {
    const shown = { ...definition };
    const secrets = [];
    for (const field of secretFields[definition.kind]) {
        const value = shown[field];
        delete shown[field];
        if (value === undefined)
            continue;
        if (field === "secretHeaders") {
            for (const header of Object.keys(value))
                secrets.push(`secretHeaders.${header}`);
        }
        else {
            secrets.push(field);
        }
    }
    shown.secrets = secrets;
    return shown;
}
//# sourceMappingURL=redactEndpoint.js.map