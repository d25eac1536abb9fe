import { DoppelError } from "../errors/catalogue.js";
/** Every api-version ADT has published for the data plane that Doppel answers. */
export const supportedApiVersions = [
    "2020-10-31",
    "2021-06-30-preview",
    "2022-05-31",
    "2023-02-27-preview",
    "2023-06-30",
    "2023-10-31",
];
const supported = new Set(supportedApiVersions);
export function parseApiVersion(value) {
    if (value === undefined || value === "") {
        throw new DoppelError("InvalidArgument", `The api-version query parameter is required. Supported versions: ${supportedApiVersions.join(", ")}.`);
    }
    if (typeof value !== "string" || !supported.has(value)) {
        throw new DoppelError("InvalidArgument", `The api-version '${String(value)}' is not supported. Supported versions: ${supportedApiVersions.join(", ")}.`);
    }
    return value;
}
/** `$metadata.$lastUpdateTime` and writable `sourceTime` exist from 2022-05-31 on. */
export function hasTwinLastUpdateTime(version) {
    return version >= "2021-06-30-preview";
}
//# sourceMappingURL=apiVersion.js.map