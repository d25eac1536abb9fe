import { type EndpointDefinition } from "./endpointDefinition.js";
/**
 * The endpoint as the API shows it: every credential removed, and `secrets` naming the ones that
 * are set (secret header names included) so a client can tell what is configured.
 */
export declare function redactEndpoint(definition: EndpointDefinition): Record<string, unknown>;
