import { type EndpointDefinition } from "./endpointDefinition.js";
export declare function checkEndpointName(name: string): void;
/**
 * Validates an endpoint definition from the API or the config file (strict: unknown fields are
 * rejected so a typo never silently drops a setting) and fills in defaults.
 */
export declare function parseEndpointDefinition(name: string, body: unknown): EndpointDefinition;
