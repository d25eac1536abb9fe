import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type PeerCertificate, type SecureVersion } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../src/auth/isLoopbackHost.js";
import { generateSelfSigned } from "../../src/server/tls.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

describe("auth modes at start-up", () => {
  it("defaults to mode none on loopback, with a loud warning", async () => {
    const t = await startTestServer();
    try {
      expect(t.server.services.auth.mode).toBe("none");
      expect(t.server.warnings).toEqual([
        "AUTHENTICATION IS OFF (auth mode 'none'): every caller that can reach this server may read and change everything. This mode is only allowed while bound to loopback; use --auth jwt and/or apikey otherwise.",
      ]);
    } finally {
      await t.close();
    }
  });

  it("refuses to start on a non-loopback address without a mode, or with mode none", async () => {
    await expect(startTestServer({ host: "0.0.0.0" })).rejects.toThrow(
      "refusing to start: the server is bound to a non-loopback address and no authentication mode is set (use --auth jwt, --auth apikey or --auth jwt,apikey)",
    );
    await expect(startTestServer({ host: "0.0.0.0", auth: { mode: "none" } })).rejects.toThrow(
      "refusing to start: auth mode 'none' is only allowed while bound to loopback (127.0.0.1 or ::1)",
    );
  });

  it("refuses jwt mode without issuer, audience and keys", async () => {
    await expect(startTestServer({ auth: { mode: ["jwt"] } })).rejects.toThrow("auth mode 'jwt' needs jwt settings");
    await expect(
      startTestServer({ auth: { mode: ["jwt"], jwt: { issuer: "https://i", audience: "" } } }),
    ).rejects.toThrow("jwt.audience is required");
  });

  it("refuses an invalid role or assignment in the configuration", async () => {
    await expect(
      startTestServer({ auth: { mode: ["apikey"], roles: { Bad: { dataActions: ["nope/*"] } } } }),
    ).rejects.toThrow('The dataActions entry "nope/*" matches no known action');
  });

  it("knows which hosts are loopback", () => {
    for (const host of ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["0.0.0.0", "::", "10.0.0.1", "192.168.1.2", "example.com", "::ffff:10.0.0.1"]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it("rejects a JWT when only API keys are enabled", async () => {
    const keysOnly = await startTestServer({ auth: { mode: ["apikey"] } });
    try {
      const res = await keysOnly.request("GET", "/models?api-version=2023-10-31", {
        headers: { authorization: "Bearer a.b.c" },
      });
      expect(res.status).toBe(401);
    } finally {
      await keysOnly.close();
    }
  });
});

describe("TLS", () => {
  let dir: string;
  let t: TestServer;
  const certFile = () => join(dir, "cert.pem");
  const keyFile = () => join(dir, "key.pem");

  function writePair(): string {
    const pems = generateSelfSigned();
    writeFileSync(certFile(), pems.cert);
    writeFileSync(keyFile(), pems.private);
    return pems.cert;
  }

  function handshake(maxVersion: SecureVersion, minVersion: SecureVersion = "TLSv1"): Promise<PeerCertificate> {
    const { port } = new URL(t.url);
    return new Promise((resolve, reject) => {
      const socket = connect({
        host: "127.0.0.1",
        port: Number(port),
        servername: "localhost",
        rejectUnauthorized: false,
        minVersion,
        maxVersion,
        ciphers: "DEFAULT:@SECLEVEL=0",
      });
      socket.once("secureConnect", () => {
        const cert = socket.getPeerCertificate();
        socket.end();
        resolve(cert);
      });
      socket.once("error", reject);
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "doppel-tls-"));
    writePair();
    t = await startTestServer({ tlsCert: certFile(), tlsKey: keyFile() });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses TLS 1.1 and older, accepts 1.2 and 1.3", async () => {
    await expect(handshake("TLSv1.1")).rejects.toThrow();
    await expect(handshake("TLSv1.2", "TLSv1.2")).resolves.toBeTruthy();
    await expect(handshake("TLSv1.3", "TLSv1.3")).resolves.toBeTruthy();
  });

  it("reloads the certificate from its files (SIGHUP), keeping the old one when the new files are bad", async () => {
    const before = (await handshake("TLSv1.3")).fingerprint256;
    writePair();
    expect(t.server.reloadTls()).toBeNull();
    const after = (await handshake("TLSv1.3")).fingerprint256;
    expect(after).not.toBe(before);
    writeFileSync(keyFile(), "not a key");
    expect(t.server.reloadTls()).toBeInstanceOf(Error);
    expect((await handshake("TLSv1.3")).fingerprint256).toBe(after);
    // The reloaded certificate still enforces the minimum version.
    await expect(handshake("TLSv1.1")).rejects.toThrow();
  });
});
