import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A certificate (PEM) and its unencrypted PKCS#8 private key (PEM). */
export interface CertifiedKey {
  readonly cert: string;
  readonly key: string;
}

/**
 * Certificates for TLS tests, none of them trusted by the process (NODE_EXTRA_CA_CERTS holds the
 * run's self-signed server certificate, not these): a private CA with a server certificate for
 * `localhost`/127.0.0.1, one for a name that is not the host's, and a client certificate; and a
 * second CA with a client certificate the first CA does not vouch for. ECDSA P-256, made by the
 * `openssl` command (selfsigned makes neither a CA-signed server certificate nor a client key
 * OpenSSL 3 accepts).
 */
export interface TestPki {
  readonly ca: CertifiedKey;
  /** `CN=localhost`, SAN `DNS:localhost, IP:127.0.0.1`, serverAuth, signed by `ca`. */
  readonly server: CertifiedKey;
  /** SAN `DNS:receiver.doppel.test` only, signed by `ca`: reached by address, verified by `servername`. */
  readonly namedServer: CertifiedKey;
  /** `CN=doppel-client`, clientAuth, signed by `ca`. */
  readonly client: CertifiedKey;
  readonly otherCa: CertifiedKey;
  /** `CN=stranger`, clientAuth, signed by `otherCa`. */
  readonly strangerClient: CertifiedKey;
}

export const namedServerName = "receiver.doppel.test";

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "doppel-pki-"));
  try {
    const ca = makeCa(dir, "ca", "Doppel Test CA");
    const otherCa = makeCa(dir, "other-ca", "Doppel Other CA");
    return {
      ca,
      otherCa,
      server: makeLeaf(dir, "server", "localhost", ca, [
        "extendedKeyUsage=serverAuth",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
      ]),
      namedServer: makeLeaf(dir, "named", namedServerName, ca, [
        "extendedKeyUsage=serverAuth",
        `subjectAltName=DNS:${namedServerName}`,
      ]),
      client: makeLeaf(dir, "client", "doppel-client", ca, ["extendedKeyUsage=clientAuth"]),
      strangerClient: makeLeaf(dir, "stranger", "stranger", otherCa, ["extendedKeyUsage=clientAuth"]),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function makeCa(dir: string, name: string, commonName: string): CertifiedKey {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  openssl([
    "req",
    "-x509",
    ...newKey,
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    "2",
    "-subj",
    `/CN=${commonName}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  return { cert: readFileSync(cert, "utf8"), key: readFileSync(key, "utf8") };
}

function makeLeaf(
  dir: string,
  name: string,
  commonName: string,
  issuer: CertifiedKey,
  extensions: string[],
): CertifiedKey {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  const issuerCert = join(dir, `${name}-issuer.crt`);
  const issuerKey = join(dir, `${name}-issuer.key`);
  writeFileSync(issuerCert, issuer.cert);
  writeFileSync(issuerKey, issuer.key);
  writeFileSync(
    ext,
    ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature", ...extensions].join("\n"),
  );
  openssl(["req", "-new", ...newKey, "-keyout", key, "-out", csr, "-subj", `/CN=${commonName}`]);
  openssl([
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    issuerCert,
    "-CAkey",
    issuerKey,
    "-days",
    "2",
    "-sha256",
    "-set_serial",
    `0x${randomBytes(8).toString("hex")}`,
    "-extfile",
    ext,
    "-out",
    cert,
  ]);
  return { cert: readFileSync(cert, "utf8"), key: readFileSync(key, "utf8") };
}

function openssl(args: string[]): void {
  try {
    execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`openssl ${args[0]} failed (the TLS tests need the openssl command): ${stderr || error}`);
  }
}
