import type { RouteRegistrar } from "../app.js";
/** Every resource's routes, registered on each listener. */
export declare const allRoutes: readonly RouteRegistrar[];
