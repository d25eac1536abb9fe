import { readFile } from "node:fs/promises";
import { parseDtdl } from "../dtdl/parseDtdl.js";
import { JsonSyntaxError, parseJsonLossless } from "../dtdl/valueValidation/parseJsonLossless.js";
import { collectModelFiles, MissingPathError } from "./modelsValidate/collectModelFiles.js";
import { lineAt } from "./modelsValidate/lineAt.js";
import { ModelSources } from "./modelsValidate/modelSources.js";
const processIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
};
const validateHelp = `Usage: doppel models validate [options] <file or folder>...

Validates DTDL model files offline, all of them together as one model set (so they may
reference each other in any order). Folders are searched recursively for .json and .jsonld
files; a file may hold one interface or an array of them.

Options:
  --allow-undefined-extensions  accept undefined extension contexts and co-types in DTDL v3+
  --json                        print the result as one JSON object
  -h, --help                    show this help

Exit status: 0 when the set is valid, 1 when it is not, 2 for usage errors.`;
/** `doppel models <sub-command>`. */
export async function modelsCommand(argv, io = processIo) {
    const [sub, ...rest] = argv;
    if (sub === "validate")
        return validateCommand(rest, io);
    if (sub === "--help" || sub === "-h" || sub === "help") {
        io.out(validateHelp);
        return 0;
    }
    io.err(`doppel models: unknown sub-command '${sub ?? ""}' (expected: validate)`);
    return 2;
}
function parseArgs(argv, io) {
    const paths = [];
    let json = false;
    let allowUndefinedExtensions = false;
    let optionsEnded = false;
    for (const arg of argv) {
        if (optionsEnded || !arg.startsWith("-"))
            paths.push(arg);
        else if (arg === "--")
            optionsEnded = true;
        else if (arg === "--json")
            json = true;
        else if (arg === "--allow-undefined-extensions")
            allowUndefinedExtensions = true;
        else if (arg === "--help" || arg === "-h") {
            io.out(validateHelp);
            return 0;
        }
        else {
            io.err(`doppel models validate: unknown option '${arg}'\n\n${validateHelp}`);
            return 2;
        }
    }
    if (paths.length === 0) {
        io.err(`doppel models validate: no files or folders given\n\n${validateHelp}`);
        return 2;
    }
    return { paths, json, allowUndefinedExtensions };
}
async function validateCommand(argv, io) {
    const args = parseArgs(argv, io);
    if (typeof args === "number")
        return args;
    let files;
    try {
        files = await collectModelFiles(args.paths);
    }
    catch (error) {
        if (error instanceof MissingPathError) {
            io.err(`doppel models validate: ${error.message}`);
            return 2;
        }
        throw error;
    }
    if (files.length === 0) {
        io.err(`doppel models validate: no .json or .jsonld files found in ${args.paths.join(", ")}`);
        return 2;
    }
    const sources = new ModelSources();
    const documents = [];
    const problems = [];
    for (const path of files) {
        const loaded = await loadFile(path);
        if ("problem" in loaded)
            problems.push(loaded.problem);
        else
            documents.push(...sources.add(loaded.file, loaded.root));
    }
    let interfaces;
    // A file that is not JSON would only cause cascades of unresolved references.
    if (problems.length === 0) {
        const options = args.allowUndefinedExtensions ? { allowUndefinedExtensions: true } : {};
        const result = parseDtdl(documents, options);
        if (result.ok)
            interfaces = result.model.interfaces.size;
        else
            problems.push(...result.errors.map((error) => dtdlProblem(error, sources)));
    }
    report(io, args.json, files.length, interfaces, problems);
    return problems.length === 0 ? 0 : 1;
}
async function loadFile(path) {
    let text;
    try {
        text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
    }
    catch (error) {
        return { problem: { path, message: `cannot read file: ${error.message}` } };
    }
    try {
        return { file: { path, text }, root: JSON.parse(text) };
    }
    catch {
        // JSON.parse's messages vary between Node versions; ours carry a position.
        try {
            parseJsonLossless(text);
        }
        catch (error) {
            if (error instanceof JsonSyntaxError) {
                return {
                    problem: { path, line: lineAt(text, error.position), message: `invalid JSON: ${error.message}` },
                };
            }
        }
        return { problem: { path, message: "invalid JSON" } };
    }
}
function dtdlProblem(error, sources) {
    const location = sources.locate(error);
    return {
        ...(location ? { path: location.path, line: location.line } : {}),
        message: error.message,
        validationId: error.validationId,
        ...(error.primaryId !== undefined ? { primaryId: error.primaryId } : {}),
    };
}
function report(io, json, fileCount, interfaces, problems) {
    if (json) {
        io.out(JSON.stringify({
            valid: problems.length === 0,
            files: fileCount,
            ...(interfaces !== undefined ? { interfaces } : {}),
            errors: problems,
        }, null, 2));
        return;
    }
    for (const problem of problems)
        io.out(formatProblem(problem));
    if (problems.length === 0) {
        io.out(`Valid: ${interfaces} interfaces in ${plural(fileCount, "file")}.`);
        return;
    }
    const badFiles = new Set(problems.map((p) => p.path ?? "")).size;
    io.out(`Invalid: ${plural(problems.length, "error")} in ${plural(badFiles, "file")} (${plural(fileCount, "file")} checked).`);
}
function formatProblem(problem) {
    const where = problem.path === undefined ? "(model set)" : `${problem.path}${problem.line ? `:${problem.line}` : ""}`;
    const code = problem.validationId === undefined ? "" : ` [${problem.validationId.replace(/^dtmi:dtdl:(?:parsingError:)?/, "")}]`;
    return `${where}: error: ${problem.message}${code}`;
}
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
//# sourceMappingURL=models.js.map