/** Every api-version ADT has published for the data plane that Doppel answers. */
export declare const supportedApiVersions: readonly ["2020-10-31", "2021-06-30-preview", "2022-05-31", "2023-02-27-preview", "2023-06-30", "2023-10-31"];
export type ApiVersion = (typeof supportedApiVersions)[number];
export declare function parseApiVersion(value: unknown): ApiVersion;
/** `$metadata.$lastUpdateTime` and writable `sourceTime` exist from 2022-05-31 on. */
export declare function hasTwinLastUpdateTime(version: ApiVersion): boolean;
