import { lineAt } from "./lineAt.js";
import { locateDocuments } from "./locateDocuments.js";
/**
 * Maps the flat list of documents handed to the parser back to files and lines, so an error
 * can point at the `@id` of the offending element, or failing that at its document.
 */
export class ModelSources {
    spans = [];
    /** Registers a parsed file; returns its documents in order. */
    add(file, root) {
        const documents = Array.isArray(root) ? root : [root];
        const starts = Array.isArray(root) ? locateDocuments(file.text) : [locateDocuments(file.text)[0] ?? 0];
        documents.forEach((_, i) => {
            this.spans.push({ file, start: starts[i] ?? 0, end: starts[i + 1] ?? file.text.length });
        });
        return documents;
    }
    locate(error) {
        const span = error.documentIndex === undefined ? undefined : this.spans[error.documentIndex];
        const candidates = span ? [span] : this.spans;
        if (error.primaryId !== undefined) {
            for (const candidate of candidates) {
                const offset = findElement(candidate, error.primaryId);
                if (offset !== undefined)
                    return { path: candidate.file.path, line: lineAt(candidate.file.text, offset) };
            }
        }
        if (span)
            return { path: span.file.path, line: lineAt(span.file.text, span.start) };
        return undefined;
    }
}
/**
 * Where an element is written: its own `"@id"` member; for an element whose id the parser
 * generated (`dtmi:ex:I:_contents:__temp;1`), the `"name"` member that follows its nearest
 * written ancestor's `@id`.
 */
function findElement(span, id) {
    const own = findMember(span, "@id", id, span.start);
    if (own !== undefined)
        return own;
    const generated = /^(.*?)((?::_[A-Za-z0-9_]+)+)(;[0-9.]+)?$/.exec(id);
    if (!generated)
        return undefined;
    const parentId = `${generated[1]}${generated[3] ?? ""}`;
    const parent = findMember(span, "@id", parentId, span.start);
    if (parent === undefined)
        return undefined;
    const names = [...generated[2].matchAll(/:__([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    let offset = parent;
    for (const name of names)
        offset = findMember(span, "name", name, offset) ?? offset;
    return offset;
}
function findMember(span, key, value, from) {
    const pattern = new RegExp(`"${escapeRegExp(key)}"\\s*:\\s*"${escapeRegExp(value)}"`, "g");
    pattern.lastIndex = from;
    const match = pattern.exec(span.file.text);
    return match && match.index < span.end ? match.index : undefined;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
//# sourceMappingURL=modelSources.js.map