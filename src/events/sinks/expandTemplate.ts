import type { DeliveryEvent } from "../delivery/deliveryEvent.js";

/** Variables a topic / subject / routing-key template may use. */
export const templateVariables = ["type", "twinId", "subject", "source", "id", "seq"] as const;
type Variable = (typeof templateVariables)[number];

export type TemplatePart = { readonly text: string } | { readonly variable: Variable };

/** `doppel/{type}/{twinId}` → literal and variable parts; unknown variables are errors. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const pattern = /\{([^{}]*)\}/g;
  let last = 0;
  for (const match of template.matchAll(pattern)) {
    const name = match[1]!;
    if (!(templateVariables as readonly string[]).includes(name)) {
      throw new Error(
        `unknown template variable '{${name}}' (use ${templateVariables.map((v) => `{${v}}`).join(", ")})`,
      );
    }
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ variable: name as Variable });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  if (parts.some((part) => "text" in part && /[{}]/.test(part.text))) throw new Error("unbalanced '{' or '}'");
  return parts;
}

/**
 * A compiled template. `sanitize` rewrites characters a broker gives meaning to (NATS `.`,
 * wildcards) inside substituted values, so a twin id can never change the topic's structure.
 */
export function compileTemplate(template: string, sanitize: (value: string) => string): (e: DeliveryEvent) => string {
  const parts = parseTemplate(template);
  if (parts.every((part) => "text" in part)) return () => template;
  // Types and twin ids repeat: remember their sanitised forms (bounded).
  const memo = new Map<string, string>();
  const clean = (value: string): string => {
    let out = memo.get(value);
    if (out === undefined) {
      if (memo.size >= 10_000) memo.clear();
      out = sanitize(value);
      memo.set(value, out);
    }
    return out;
  };
  return (e) => {
    let out = "";
    for (const part of parts) out += "text" in part ? part.text : clean(variableValue(e, part.variable));
    return out;
  };
}

function variableValue(e: DeliveryEvent, variable: Variable): string {
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

export const sanitizeMqttLevel = (value: string): string => value.replace(/[+#\0]/g, "_") || "_";
export const sanitizeNatsToken = (value: string): string => value.replace(/[\s.*>]/g, "_") || "_";
export const sanitizeAmqpKey = (value: string): string => value;
