export interface TlsMaterial {
    readonly key: string;
    readonly cert: string;
    /** The certificate file to hand to `NODE_EXTRA_CA_CERTS`. */
    readonly certPath: string;
    readonly generated: boolean;
}
/**
 * Loads the given key pair, or generates (once) a self-signed certificate for `localhost` and
 * `127.0.0.1` into `<dir>/tls/`. The Azure SDK refuses bearer tokens over plain HTTP, so HTTPS
 * must work out of the box; trusting this file is one environment variable away.
 */
export declare function loadOrCreateTls(options: {
    certFile?: string;
    keyFile?: string;
    dir: string;
}): TlsMaterial;
export declare function generateSelfSigned(): {
    private: string;
    cert: string;
};
