/** 1-based line number of a UTF-16 offset in `text`. */
export declare function lineAt(text: string, offset: number): number;
