/** The TLS settings every HTTPS listener uses: TLS 1.2 or newer, never anything older. */
export const tlsPolicy = { minVersion: "TLSv1.2" };
/**
 * Applies the policy to a listening HTTPS server and returns a reload function: it re-reads
 * the certificate and key (e.g. on SIGHUP, after a renewal) and swaps them in for new
 * connections; on failure the old certificate stays and the error is returned.
 */
export function secureTlsServer(server, load) {
    const secure = server;
    if (typeof secure.setSecureContext !== "function")
        throw new Error("not a TLS server");
    const apply = () => {
        const { key, cert } = load();
        secure.setSecureContext({ key, cert, ...tlsPolicy });
    };
    apply();
    return () => {
        try {
            apply();
            return null;
        }
        catch (error) {
            return error;
        }
    };
}
//# sourceMappingURL=tlsPolicy.js.map