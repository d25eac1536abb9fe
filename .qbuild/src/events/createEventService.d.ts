import type { EventStore } from "../store/ports/eventStore.js";
import { EventService } from "./eventService.js";
import { type EventsConfig } from "./eventsConfig.js";
/** Builds the event service, applies the config file (if any) and starts delivery. */
export declare function createEventService(store: EventStore, config?: Partial<EventsConfig>): Promise<EventService>;
