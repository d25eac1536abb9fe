export declare function isUuid(text: string): boolean;
