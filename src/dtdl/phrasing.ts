import { parseDtmi } from "./dtmi.js";

/**
 * How an element is named in an error message. Generated identifiers are unhelpful to a model
 * author, so they are described by the path that leads to them ("dtmi:ex:I;1 has 'contents' value
 * with name 'temp'") instead of being printed.
 *
 * Styles (as in the placeholders `{id:e}`, `{id:r}`, `{id:p}`, `{id:n}` of a phrase template):
 * - `elective` (e): an optional appositive after a noun; empty for generated or blank-node ids.
 * - `relative` (r): like elective, but a generated id contributes its name if it has one.
 * - `possessive` (p): the subject of "… property 'x'".
 * - `nominative` (n): the subject of a sentence.
 */
export type IdentifierStyle = "elective" | "relative" | "possessive" | "nominative";

interface GeneratedPath {
  readonly base: string;
  readonly steps: readonly { readonly property: string; readonly name?: string }[];
}

const USER_SEGMENT = /^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$/;

/** Splits a generated DTMI into its user-defined ancestor and the property path below it. */
function parseGenerated(id: string): GeneratedPath | undefined {
  const parts = parseDtmi(id);
  if (!parts?.isReserved || parts.fragment !== "") return undefined;
  const labels = parts.labels;
  let i = 0;
  while (i < labels.length && USER_SEGMENT.test(labels[i]!)) i++;
  if (i === 0) return undefined;
  const steps: { property: string; name?: string }[] = [];
  while (i < labels.length) {
    const label = labels[i]!;
    if (!label.startsWith("_") || label.startsWith("__")) return undefined;
    const property = label.slice(1);
    const next = labels[i + 1];
    if (next?.startsWith("__")) {
      steps.push({ property, name: next.slice(2) });
      i += 2;
    } else {
      steps.push({ property });
      i += 1;
    }
  }
  const semi = id.indexOf(";");
  const version = semi >= 0 ? id.slice(semi) : "";
  return { base: `dtmi:${labels.slice(0, labels.length - countLabels(steps)).join(":")}${version}`, steps };
}

function countLabels(steps: GeneratedPath["steps"]): number {
  let n = 0;
  for (const s of steps) n += s.name === undefined ? 1 : 2;
  return n;
}

function describePath(path: GeneratedPath): string {
  return path.steps
    .map((s) => `has '${s.property}' value${s.name !== undefined ? ` with name '${s.name}'` : ""}`)
    .reduce((acc, part, i) => (i === 0 ? `${path.base} ${part}` : `${acc} which ${part}`), "");
}

/** Renders an identifier in the given style; undefined ids render as an empty subject. */
export function describeElement(id: string | undefined, style: IdentifierStyle): string {
  if (id === undefined || id === "") {
    return style === "possessive" ? "An element's" : style === "nominative" ? "An element" : "";
  }
  const isBlank = id.startsWith("_:");
  const dtmi = id.startsWith("dtmi:") ? parseDtmi(id) : undefined;
  const generated = dtmi?.isReserved ? parseGenerated(id) : undefined;
  switch (style) {
    case "elective":
      if (isBlank || generated) return "";
      return dtmi ? ` ${id}` : ` '${id}'`;
    case "relative": {
      if (isBlank) return "";
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

const STYLE_BY_CODE: Readonly<Record<string, IdentifierStyle>> = {
  e: "elective",
  r: "relative",
  p: "possessive",
  n: "nominative",
};

/**
 * Fills a phrase template: `{key}` inserts the value as is, `{key:e|r|p|n}` inserts an identifier
 * in the corresponding style.
 */
export function formatPhrase(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)(?::([erpn]))?\}/g, (_m, key: string, code: string | undefined) => {
    const value = values[key];
    if (code === undefined) return value ?? "";
    return describeElement(value, STYLE_BY_CODE[code]!);
  });
}
