/**
 * ISO 8601 durations as DTDL accepts them: `P[nY][nM][nW][nD][T[nH][nM][nS]]` with at least one
 * component, components in that order, weeks not mixed with years or months, a `T` only when a
 * time component follows, and a decimal fraction allowed on the last component only.
 */
export declare function isIso8601Duration(text: string): boolean;
