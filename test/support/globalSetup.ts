import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadOrCreateTls } from "../../src/server/tls.js";

/**
 * One self-signed certificate for the whole test run, trusted by every worker through
 * NODE_EXTRA_CA_CERTS (read by Node at process start, so it must be set before workers fork).
 */
export default function setup(): void {
  const dir = join(process.cwd(), "node_modules", ".cache", "doppel-test");
  mkdirSync(dir, { recursive: true });
  const tls = loadOrCreateTls({ dir });
  process.env.NODE_EXTRA_CA_CERTS = tls.certPath;
  process.env.DOPPEL_TEST_TLS_DIR = dir;
}
