import type { EndpointDefinition } from "../endpoints/endpointDefinition.js";
import type { Sink } from "./sink.js";
export declare function createSink(endpoint: EndpointDefinition): Sink;
