import { applyEventsConfigFile } from "./applyEventsConfigFile.js";
import { EventService } from "./eventService.js";
import { defaultEventsConfig } from "./eventsConfig.js";
/** Builds the event service, applies the config file (if any) and starts delivery. */
export async function createEventService(store, config = {}) {
    const merged = { ...defaultEventsConfig, ...config };
    const service = new EventService(store, merged);
    if (merged.configFile !== undefined)
        await applyEventsConfigFile(service, merged.configFile);
    await service.start();
    return service;
}
//# sourceMappingURL=createEventService.js.map