import { join } from "node:path";
import { loadOrCreateTls } from "../../src/server/tls.js";

export interface BenchTls {
  /** The certificate (PEM), for clients to trust. */
  readonly cert: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** A self-signed certificate for `localhost` in `dir`, for the servers under test and their clients. */
export function benchTls(dir: string): BenchTls {
  const tls = loadOrCreateTls({ dir });
  return { cert: tls.cert, certPath: tls.certPath, keyPath: join(dir, "tls", "key.pem") };
}
