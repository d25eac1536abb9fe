#!/usr/bin/env node
import { serveCommand } from "./serve.js";
/** Sub-commands by name; `models` has its own sub-commands. */
const commands = {
    serve: serveCommand,
    models: async (argv) => {
        const { modelsCommand } = await import("./models.js");
        return modelsCommand(argv);
    },
    keys: async (argv) => (await import("./keys.js")).keysCommand(argv),
};
const help = `Usage: doppel <command> [options]

Commands:
  serve              run the platform (see doppel serve --help)
  models validate    validate DTDL model files offline
  keys               API keys and role assignments (see doppel keys --help)`;
async function main(argv) {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
        console.log(help);
        return name === undefined ? 2 : 0;
    }
    const command = commands[name];
    if (!command) {
        console.error(`doppel: unknown command '${name}'\n\n${help}`);
        return 2;
    }
    return command(rest);
}
main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
}, (error) => {
    console.error(`doppel: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
//# sourceMappingURL=main.js.map