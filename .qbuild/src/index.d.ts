export type { RunningServer, ServeOptions } from "./server/startServer.js";
export { startServer } from "./server/startServer.js";
