import { adminRoutes } from "./admin.js";
import { deadLetterRoutes } from "./deadLetters.js";
import { endpointRoutes } from "./endpoints.js";
import { eventRouteRoutes } from "./eventRoutes.js";
import { metricsRoutes } from "./metrics.js";
import { modelRoutes } from "./models.js";
import { queryRoutes } from "./query.js";
import { relationshipRoutes } from "./relationships.js";
import { streamRoutes } from "./stream.js";
import { telemetryRoutes } from "./telemetry.js";
import { twinRoutes } from "./twins.js";
/** Every resource's routes, registered on each listener. */
export const allRoutes = [
    adminRoutes,
    modelRoutes,
    eventRouteRoutes,
    endpointRoutes,
    deadLetterRoutes,
    metricsRoutes,
    streamRoutes,
    twinRoutes,
    relationshipRoutes,
    telemetryRoutes,
    queryRoutes,
];
//# sourceMappingURL=index.js.map