import type { Store } from "../store/store.js";

/**
 * The services the HTTP layer calls. Built once by `server/createServices.ts`; each resource's
 * routes use only what they need. Data flows one way: http → services → store.
 */
export interface Services {
  readonly store: Store;
  readonly config: ServerConfig;
}

export interface ServerConfig {
  /** Max models per POST /models. */
  readonly maxModelsPerUpload: number;
  /** Default and maximum page size for list operations. */
  readonly pageSize: number;
}

export const defaultServerConfig: ServerConfig = {
  maxModelsPerUpload: 250,
  pageSize: 100,
};
