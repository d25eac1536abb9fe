export { startServer } from "./server/startServer.js";
//# sourceMappingURL=index.js.map