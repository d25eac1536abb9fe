import type { EventService } from "./eventService.js";
/**
 * Applies a JSON file of endpoints and routes at start-up, as if each were PUT through the API
 * (same validation): `{"endpoints": {"<name>": {...}}, "routes": {"<id>": {"endpointName", "filter"}}}`.
 * What the file names is created or replaced; anything else already stored is left alone.
 * A bad file stops the start-up with a message naming the entry.
 */
export declare function applyEventsConfigFile(service: EventService, file: string): Promise<void>;
