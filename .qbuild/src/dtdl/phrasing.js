import { parseDtmi } from "./dtmi.js";
const USER_SEGMENT = /^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$/;
/** Splits a generated DTMI into its user-defined ancestor and the property path below it. */
function parseGenerated(id) {
    const parts = parseDtmi(id);
    if (!parts?.isReserved || parts.fragment !== "")
        return undefined;
    const labels = parts.labels;
    let i = 0;
    while (i < labels.length && USER_SEGMENT.test(labels[i]))
        i++;
    if (i === 0)
        return undefined;
    const steps = [];
    while (i < labels.length) {
        const label = labels[i];
        if (!label.startsWith("_") || label.startsWith("__"))
            return undefined;
        const property = label.slice(1);
        const next = labels[i + 1];
        if (next?.startsWith("__")) {
            steps.push({ property, name: next.slice(2) });
            i += 2;
        }
        else {
            steps.push({ property });
            i += 1;
        }
    }
    const semi = id.indexOf(";");
    const version = semi >= 0 ? id.slice(semi) : "";
    return { base: `dtmi:${labels.slice(0, labels.length - countLabels(steps)).join(":")}${version}`, steps };
}
function countLabels(steps) {
    let n = 0;
    for (const s of steps)
        n += s.name === undefined ? 1 : 2;
    return n;
}
function describePath(path) {
    return path.steps
        .map((s) => `has '${s.property}' value${s.name !== undefined ? ` with name '${s.name}'` : ""}`)
        .reduce((acc, part, i) => (i === 0 ? `${path.base} ${part}` : `${acc} which ${part}`), "");
}
/** Renders an identifier in the given style; undefined ids render as an empty subject. */
export function describeElement(id, style) {
    if (id === undefined || id === "") {
        return style === "possessive" ? "An element's" : style === "nominative" ? "An element" : "";
    }
    const isBlank = id.startsWith("_:");
    const dtmi = id.startsWith("dtmi:") ? parseDtmi(id) : undefined;
    const generated = dtmi?.isReserved ? parseGenerated(id) : undefined;
    switch (style) {
        case "elective":
            if (isBlank || generated)
                return "";
            return dtmi ? ` ${id}` : ` '${id}'`;
        case "relative": {
            if (isBlank)
                return "";
            if (generated) {
                const last = generated.steps[generated.steps.length - 1];
                return last?.name !== undefined ? ` with name '${last.name}'` : "";
            }
            return dtmi ? ` ${id}` : ` '${id}'`;
        }
        case "possessive":
            return generated ? `${describePath(generated)} whose` : `${id}'s`;
        case "nominative":
            return generated ? `${describePath(generated)} which` : id;
    }
}
const STYLE_BY_CODE = {
    e: "elective",
    r: "relative",
    p: "possessive",
    n: "nominative",
};
/**
 * Fills a phrase template: `{key}` inserts the value as is, `{key:e|r|p|n}` inserts an identifier
 * in the corresponding style.
 */
export function formatPhrase(template, values) {
    return template.replace(/\{([A-Za-z0-9_]+)(?::([erpn]))?\}/g, (_m, key, code) => {
        const value = values[key];
        if (code === undefined)
            return value ?? "";
        return describeElement(value, STYLE_BY_CODE[code]);
    });
}
//# sourceMappingURL=phrasing.js.map