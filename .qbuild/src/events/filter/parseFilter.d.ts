import type { FilterNode } from "./filterSyntax.js";
/**
 * Parses an event route filter (ADT's language plus `CHANGED(...)`, see docs/events.md):
 *
 *   filter     := or END
 *   or         := and ( OR and )*
 *   and        := not ( AND not )*
 *   not        := NOT not | comparison
 *   comparison := operand ( compareOp operand )?
 *   operand    := literal | attribute | body | call | '(' or ')'
 *   body       := '$body' ( '.' name )*
 *   call       := name '(' ( or ( ',' or )* )? ')'
 *
 * Keywords (AND, OR, NOT, true, false, null) and function names are not case-sensitive — the
 * live service accepts `or` — while attribute names and values are. Throws
 * EventRouteFilterInvalid with ADT's Line/Position message.
 */
export declare function parseFilter(text: string): FilterNode;
export declare const maxFilterLength = 4096;
export declare const contextAttributes: ReadonlySet<string>;
