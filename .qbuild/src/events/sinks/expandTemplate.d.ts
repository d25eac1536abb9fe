import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
/** Variables a topic / subject / routing-key template may use. */
export declare const templateVariables: readonly ["type", "twinId", "subject", "source", "id", "seq"];
type Variable = (typeof templateVariables)[number];
export type TemplatePart = {
    readonly text: string;
} | {
    readonly variable: Variable;
};
/** `doppel/{type}/{twinId}` → literal and variable parts; unknown variables are errors. */
export declare function parseTemplate(template: string): TemplatePart[];
/**
 * A compiled template. `sanitize` rewrites characters a broker gives meaning to (NATS `.`,
 * wildcards) inside substituted values, so a twin id can never change the topic's structure.
 */
export declare function compileTemplate(template: string, sanitize: (value: string) => string): (e: DeliveryEvent) => string;
export declare const sanitizeMqttLevel: (value: string) => string;
export declare const sanitizeNatsToken: (value: string) => string;
export declare const sanitizeAmqpKey: (value: string) => string;
export {};
