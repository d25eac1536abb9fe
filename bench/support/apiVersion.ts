/** The query string every benchmark request carries. */
export const api = "api-version=2023-10-31";
