export declare function isBase64(text: string): boolean;
