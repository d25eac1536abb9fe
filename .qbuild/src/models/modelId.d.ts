/** The longest DTMI the DTDL specification allows anywhere. */
export declare const maxModelIdLength = 4096;
export declare function isValidModelId(value: string): boolean;
