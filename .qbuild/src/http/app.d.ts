import { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { type ApiVersion } from "./apiVersion.js";
import type { Services } from "./services.js";
declare module "fastify" {
    interface FastifyRequest {
        /** Set on every ADT route by the api-version hook. */
        apiVersion: ApiVersion;
    }
    interface FastifyContextConfig {
        /** Routes of our own (health, metrics, admin) that do not take an api-version. */
        skipApiVersion?: boolean;
    }
}
export interface AppOptions {
    /** Largest accepted request body in bytes. */
    readonly bodyLimit?: number;
    readonly logger?: FastifyServerOptions["logger"];
    readonly https?: {
        key: string | Buffer;
        cert: string | Buffer;
    } | null;
}
export type RouteRegistrar = (app: FastifyInstance, services: Services) => void;
/**
 * Builds the HTTP application over a set of services. One instance per listener (HTTPS and
 * plain HTTP share the services, not the Fastify instance).
 */
export declare function buildApp(services: Services, registrars: readonly RouteRegistrar[], options?: AppOptions): FastifyInstance;
