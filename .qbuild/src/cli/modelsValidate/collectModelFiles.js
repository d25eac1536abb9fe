import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
const modelExtensions = [".json", ".jsonld"];
/** Thrown when a named path does not exist; the CLI turns it into a usage error. */
export class MissingPathError extends Error {
    path;
    constructor(path) {
        super(`no such file or folder: ${path}`);
        this.path = path;
    }
}
/**
 * Expands the paths given on the command line: files are taken as named (whatever their
 * extension), folders are walked recursively for `.json`/`.jsonld` files in name order, so
 * the same tree always yields the same order (and so the same error order).
 */
export async function collectModelFiles(paths) {
    const files = [];
    const seen = new Set();
    const add = (file) => {
        if (!seen.has(file)) {
            seen.add(file);
            files.push(file);
        }
    };
    for (const path of paths) {
        const info = await stat(path).catch(() => undefined);
        if (info === undefined)
            throw new MissingPathError(path);
        if (info.isDirectory())
            for (const file of await walk(path))
                add(file);
        else
            add(path);
    }
    return files;
}
async function walk(folder) {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files = [];
    for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory())
            files.push(...(await walk(path)));
        else if (entry.isFile() && modelExtensions.some((ext) => entry.name.toLowerCase().endsWith(ext)))
            files.push(path);
    }
    return files;
}
//# sourceMappingURL=collectModelFiles.js.map