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
/** Renders an identifier in the given style; undefined ids render as an empty subject. */
export declare function describeElement(id: string | undefined, style: IdentifierStyle): string;
/**
 * Fills a phrase template: `{key}` inserts the value as is, `{key:e|r|p|n}` inserts an identifier
 * in the corresponding style.
 */
export declare function formatPhrase(template: string, values: Readonly<Record<string, string>>): string;
