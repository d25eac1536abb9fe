/** Variables a topic / subject / routing-key template may use. */
export const templateVariables = ["type", "twinId", "subject", "source", "id", "seq"];
/** `doppel/{type}/{twinId}` → literal and variable parts; unknown variables are errors. */
export function parseTemplate(template) {
    const parts = [];
    const pattern = /\{([^{}]*)\}/g;
    let last = 0;
    for (const match of template.matchAll(pattern)) {
        const name = match[1];
        if (!templateVariables.includes(name)) {
            throw new Error(`unknown template variable '{${name}}' (use ${templateVariables.map((v) => `{${v}}`).join(", ")})`);
        }
        if (match.index > last)
            parts.push({ text: template.slice(last, match.index) });
        parts.push({ variable: name });
        last = match.index + match[0].length;
    }
    if (last < template.length)
        parts.push({ text: template.slice(last) });
    if (parts.some((part) => "text" in part && /[{}]/.test(part.text)))
        throw new Error("unbalanced '{' or '}'");
    return parts;
}
/**
 * A compiled template. `sanitize` rewrites characters a broker gives meaning to (NATS `.`,
 * wildcards) inside substituted values, so a twin id can never change the topic's structure.
 */
export function compileTemplate(template, sanitize) {
    const parts = parseTemplate(template);
    if (parts.every((part) => "text" in part))
        return () => template;
    // Types and twin ids repeat: remember their sanitised forms (bounded).
    const memo = new Map();
    const clean = (value) => {
        let out = memo.get(value);
        if (out === undefined) {
            if (memo.size >= 10_000)
                memo.clear();
            out = sanitize(value);
            memo.set(value, out);
        }
        return out;
    };
    return (e) => {
        let out = "";
        for (const part of parts)
            out += "text" in part ? part.text : clean(variableValue(e, part.variable));
        return out;
    };
}
function variableValue(e, variable) {
    switch (variable) {
        case "type":
            return e.type;
        case "twinId":
            return e.twinId ?? "";
        case "seq":
            return String(e.seq);
        default: {
            const value = e.event()[variable];
            return typeof value === "string" ? value : "";
        }
    }
}
export const sanitizeMqttLevel = (value) => value.replace(/[+#\0]/g, "_") || "_";
export const sanitizeNatsToken = (value) => value.replace(/[\s.*>]/g, "_") || "_";
export const sanitizeAmqpKey = (value) => value;
//# sourceMappingURL=expandTemplate.js.map