/** The built CLI (dist/src/cli/main.js), rebuilt first when dist/ is missing or older than src/. */
export { ensureBuilt as builtCli } from "../../support/builtDist.js";
