/**
 * RFC 3339 (section 5.6) `full-date`, `full-time` and `date-time`, as DTDL's date, time and
 * dateTime schemas use them. Like the official parser: `T` and `Z` upper case only, a zone
 * offset is required on times, and leap seconds (`:60`) are refused.
 */
export declare function isRfc3339Date(text: string): boolean;
export declare function isRfc3339Time(text: string): boolean;
export declare function isRfc3339DateTime(text: string): boolean;
