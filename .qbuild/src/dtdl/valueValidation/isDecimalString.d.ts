export declare function isDecimalString(text: string): boolean;
