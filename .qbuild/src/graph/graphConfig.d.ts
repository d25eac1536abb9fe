/** The limits and settings of the twin graph (defaults are ADT's service limits). */
export interface GraphConfig {
    /** Largest twin content (properties and components, without `$metadata`), UTF-8 bytes. */
    readonly maxTwinBytes: number;
    /** Largest string value anywhere in a twin or relationship, UTF-8 bytes. */
    readonly maxStringBytes: number;
    /** Longest property name (at any depth), UTF-8 bytes. */
    readonly maxPropertyNameBytes: number;
    /** Longest twin or relationship id, in characters. */
    readonly maxIdLength: number;
    /** Relationships per page of the relationship lists. */
    readonly relationshipPageSize: number;
    /** The `source` of events; when unset, the Host the request was sent to. */
    readonly eventSource?: string;
}
export declare const defaultGraphConfig: GraphConfig;
