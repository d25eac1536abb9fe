import type { SecureContextOptions } from "node:tls";
/** The TLS settings every HTTPS listener uses: TLS 1.2 or newer, never anything older. */
export declare const tlsPolicy: Pick<SecureContextOptions, "minVersion">;
/**
 * Applies the policy to a listening HTTPS server and returns a reload function: it re-reads
 * the certificate and key (e.g. on SIGHUP, after a renewal) and swaps them in for new
 * connections; on failure the old certificate stays and the error is returned.
 */
export declare function secureTlsServer(server: unknown, load: () => {
    readonly key: string | Buffer;
    readonly cert: string | Buffer;
}): () => Error | null;
