import type { EndpointDefinition } from "../endpoints/endpointDefinition.js";
import type { Sink } from "../sinks/sink.js";
/** One sink per endpoint, opened on first use and replaced when the definition changes. */
export declare class SinkRegistry {
    private readonly factory;
    private readonly entries;
    constructor(factory?: (definition: EndpointDefinition) => Sink);
    get(name: string): {
        definition: EndpointDefinition;
        sink: Sink;
    } | undefined;
    definition(name: string): EndpointDefinition | undefined;
    set(definition: EndpointDefinition): void;
    delete(name: string): void;
    closeAll(): Promise<void>;
}
