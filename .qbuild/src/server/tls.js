import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import selfsigned from "selfsigned";
/**
 * Loads the given key pair, or generates (once) a self-signed certificate for `localhost` and
 * `127.0.0.1` into `<dir>/tls/`. The Azure SDK refuses bearer tokens over plain HTTP, so HTTPS
 * must work out of the box; trusting this file is one environment variable away.
 */
export function loadOrCreateTls(options) {
    if (options.certFile && options.keyFile) {
        return {
            key: readFileSync(options.keyFile, "utf8"),
            cert: readFileSync(options.certFile, "utf8"),
            certPath: options.certFile,
            generated: false,
        };
    }
    const tlsDir = join(options.dir, "tls");
    const certPath = join(tlsDir, "cert.pem");
    const keyPath = join(tlsDir, "key.pem");
    if (existsSync(certPath) && existsSync(keyPath)) {
        return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8"), certPath, generated: false };
    }
    const pems = generateSelfSigned();
    mkdirSync(tlsDir, { recursive: true });
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    writeFileSync(certPath, pems.cert);
    return { key: pems.private, cert: pems.cert, certPath, generated: true };
}
export function generateSelfSigned() {
    return selfsigned.generate([{ name: "commonName", value: "localhost" }], {
        keySize: 2048,
        days: 825,
        algorithm: "sha256",
        extensions: [
            { name: "basicConstraints", cA: true },
            { name: "keyUsage", keyCertSign: true, digitalSignature: true, keyEncipherment: true },
            { name: "extKeyUsage", serverAuth: true },
            {
                name: "subjectAltName",
                altNames: [
                    { type: 2, value: "localhost" },
                    { type: 7, ip: "127.0.0.1" },
                    { type: 7, ip: "::1" },
                ],
            },
        ],
    });
}
//# sourceMappingURL=tls.js.map