/**
 * DTMI syntax (Digital Twin Model Identifier), per the DTMI specification: scheme `dtmi:`,
 * colon-separated segments, optional `;major[.minor]` version and optional `#fragment`.
 * Segments starting with `_` are system segments, which only generated identifiers use.
 */
export interface DtmiParts {
    readonly majorVersion: number;
    readonly minorVersion: number;
    /** The DTMI without its version (fragment kept). */
    readonly versionless: string;
    /** The DTMI without its fragment. */
    readonly fragmentless: string;
    readonly labels: readonly string[];
    /** True when any segment or the fragment is a system segment (starts with `_`). */
    readonly isReserved: boolean;
    /** `#frag`, `#` or the empty string. */
    readonly fragment: string;
}
/** Parses any syntactically valid DTMI (system segments and fragments allowed); undefined if invalid. */
export declare function parseDtmi(text: string): DtmiParts | undefined;
/** The DTMI without version and fragment, e.g. `dtmi:dtdl:context`. */
export declare function dtmiVersionlessBase(text: string): string;
/**
 * The identifier the spec assigns to an element defined without `@id`: the parent's DTMI with
 * `:_<property>` (and `:__<name>` for plural properties) inserted before its version.
 */
export declare function childId(parentId: string, propName: string, secondSegment: string): string;
/** True when the identifier contains a system segment, i.e. it was generated rather than written. */
export declare function isGeneratedId(id: string): boolean;
