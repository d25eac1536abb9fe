/** What an error message may mention. */
export interface MessageDetails {
    readonly primaryId?: string | undefined;
    readonly secondaryId?: string | undefined;
    readonly property?: string | undefined;
    readonly value?: string | undefined;
    readonly restriction?: string | undefined;
    readonly type?: string | undefined;
}
/** The message for a validation id (the part after `dtmi:dtdl:parsingError:`, or `resolution:…`). */
export declare function describeError(key: string, details: MessageDetails): string;
