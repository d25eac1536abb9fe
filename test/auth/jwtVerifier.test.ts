import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AuthenticationError } from "../../src/auth/authenticationError.js";
import { createJwtVerifier } from "../../src/auth/jwtVerifier.js";
import { audience, createTestIdp, issuer, type TestIdp } from "./authSupport.js";

let idp: TestIdp;
let idpServer: Server;
let idpUrl: string;
let discoveryHits = 0;
let jwksHits = 0;

beforeAll(async () => {
  idp = await createTestIdp();
  // A loopback identity provider: discovery document + JWKS.
  idpServer = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/tenant/.well-known/openid-configuration") {
      discoveryHits++;
      res.end(JSON.stringify({ issuer: `${idpUrl}/tenant`, jwks_uri: `${idpUrl}/tenant/keys` }));
    } else if (req.url === "/wrong/.well-known/openid-configuration") {
      res.end(JSON.stringify({ issuer: "https://someone-else", jwks_uri: `${idpUrl}/tenant/keys` }));
    } else if (req.url === "/tenant/keys") {
      jwksHits++;
      res.end(JSON.stringify({ keys: [idp.publicJwk] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => idpServer.listen(0, "127.0.0.1", resolve));
  idpUrl = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => idpServer.close(() => resolve())));

const staticOptions = () => ({ issuer, audience, keys: [{ jwk: idp.publicJwk }] });

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return (error as Error).message;
}

describe("JWT verification", () => {
  it("accepts a valid token and names the principal by oid, else sub, with groups and roles", async () => {
    const verifier = createJwtVerifier(staticOptions());
    const withOid = await verifier.verify(
      await idp.sign({ sub: "s1", oid: "o1", groups: ["g1", 7], roles: ["Twins.Read"] }),
    );
    expect(withOid).toEqual({
      kind: "user",
      id: "o1",
      subject: "s1",
      objectId: "o1",
      issuer,
      groups: ["g1"],
      roles: ["Twins.Read"],
    });
    const subOnly = await verifier.verify(await idp.sign({ sub: "s2" }));
    expect(subOnly).toMatchObject({ id: "s2", objectId: undefined, groups: [], roles: [] });
  });

  it("reads nested claims for the principal and roles (Keycloak's realm_access.roles)", async () => {
    const verifier = createJwtVerifier({
      ...staticOptions(),
      principalClaim: "preferred_username",
      rolesClaim: "realm_access.roles",
    });
    const principal = await verifier.verify(
      await idp.sign({ preferred_username: "alice", realm_access: { roles: ["twins-admin"] } }),
    );
    expect(principal).toMatchObject({ id: "alice", roles: ["twins-admin"] });
    expect(await rejection(verifier.verify(await idp.sign({})))).toBe("JWT has no preferred_username claim");
  });

  it("checks expiry with the configured clock skew", async () => {
    const strict = createJwtVerifier({ ...staticOptions(), clockSkewSeconds: 0 });
    const lenient = createJwtVerifier({ ...staticOptions(), clockSkewSeconds: 120 });
    const justExpired = await idp.sign({}, { expiresIn: -30 });
    expect(await rejection(strict.verify(justExpired))).toMatch(/"exp" claim timestamp check failed/);
    await expect(lenient.verify(justExpired)).resolves.toMatchObject({ id: "user-1" });
    const longExpired = await idp.sign({}, { expiresIn: -600 });
    expect(await rejection(lenient.verify(longExpired))).toMatch(/"exp"/);
  });

  it("remembers a verified token, but never past its expiry", async () => {
    const verifier = createJwtVerifier({ ...staticOptions(), clockSkewSeconds: 0 });
    const token = await idp.sign({}, { expiresIn: 60 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ id: "user-1" });
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    try {
      expect(await rejection(verifier.verify(token))).toMatch(/"exp" claim timestamp check failed/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("checks not-before with the clock skew", async () => {
    const verifier = createJwtVerifier({ ...staticOptions(), clockSkewSeconds: 60 });
    await expect(verifier.verify(await idp.sign({}, { notBefore: 30 }))).resolves.toMatchObject({ id: "user-1" });
    expect(await rejection(verifier.verify(await idp.sign({}, { notBefore: 600 })))).toMatch(/"nbf"/);
  });

  it("checks issuer and audience, accepting any of several", async () => {
    const verifier = createJwtVerifier({
      issuer: [issuer, "https://other"],
      audience: ["api://a", audience],
      keys: [{ jwk: idp.publicJwk }],
    });
    await expect(verifier.verify(await idp.sign({}, { issuer: "https://other" }))).resolves.toBeTruthy();
    expect(await rejection(verifier.verify(await idp.sign({}, { issuer: "https://evil" })))).toMatch(/"iss"/);
    expect(await rejection(verifier.verify(await idp.sign({}, { audience: "api://b" })))).toMatch(/"aud"/);
  });

  it("requires exp, and refuses unsigned (alg none) and wrongly signed tokens", async () => {
    const verifier = createJwtVerifier(staticOptions());
    const noExp = await idp.sign({}, { noExpiry: true });
    expect(await rejection(verifier.verify(noExp))).toBe('JWT rejected: missing required "exp" claim');
    const unsigned = new UnsecuredJWT({ sub: "x" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("1h")
      .encode();
    expect(await rejection(verifier.verify(unsigned))).toMatch(/JWT rejected/);
    expect(await rejection(verifier.verify(await idp.sign({}, { untrustedKey: true })))).toMatch(/signature/);
  });

  it("verifies with a PEM public key and with an HS256 shared secret", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    const pem = await exportSPKI(publicKey);
    const rsa = createJwtVerifier({ issuer, audience, keys: [{ pem, alg: "RS256" }] });
    const rsaToken = await new SignJWT({ sub: "rsa" })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("5m")
      .sign(privateKey);
    await expect(rsa.verify(rsaToken)).resolves.toMatchObject({ id: "rsa" });

    const secret = "a shared secret of at least thirty-two bytes!!";
    const hs = createJwtVerifier({ issuer, audience, keys: [{ secret }] });
    const hsToken = await new SignJWT({ sub: "hs" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(secret));
    await expect(hs.verify(hsToken)).resolves.toMatchObject({ id: "hs" });
    // An HS256 token signed with the *public* key text must not pass an RSA verifier (alg confusion).
    const confused = await new SignJWT({ sub: "evil" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(pem));
    expect(await rejection(rsa.verify(confused))).toMatch(/JWT rejected/);
  });

  it("fetches keys from a JWKS URL", async () => {
    const verifier = createJwtVerifier({ issuer, audience, jwksUri: `${idpUrl}/tenant/keys` });
    const before = jwksHits;
    await expect(verifier.verify(await idp.sign())).resolves.toMatchObject({ id: "user-1" });
    await expect(verifier.verify(await idp.sign())).resolves.toMatchObject({ id: "user-1" });
    expect(jwksHits - before).toBe(1); // cached
  });

  it("finds the JWKS by OIDC discovery from the issuer, once", async () => {
    const tenant = `${idpUrl}/tenant`;
    const verifier = createJwtVerifier({ issuer: tenant, audience });
    const before = discoveryHits;
    await expect(verifier.verify(await idp.sign({}, { issuer: tenant }))).resolves.toMatchObject({ issuer: tenant });
    await expect(verifier.verify(await idp.sign({}, { issuer: tenant }))).resolves.toBeTruthy();
    expect(discoveryHits - before).toBe(1);
  });

  it("refuses a discovery document that speaks for another issuer, and retries discovery after a failure", async () => {
    const wrong = createJwtVerifier({ issuer: `${idpUrl}/wrong`, audience });
    expect(await rejection(wrong.verify(await idp.sign({}, { issuer: `${idpUrl}/wrong` })))).toMatch(
      /is for issuer "https:\/\/someone-else"/,
    );
    const missing = createJwtVerifier({ issuer: `${idpUrl}/missing`, audience });
    expect(await rejection(missing.verify(await idp.sign({}, { issuer: `${idpUrl}/missing` })))).toMatch(
      /answered 404/,
    );
    expect(await rejection(missing.verify(await idp.sign({}, { issuer: `${idpUrl}/missing` })))).toMatch(
      /answered 404/,
    );
  });

  it("refuses to build without issuer or audience", () => {
    expect(() => createJwtVerifier({ issuer: "", audience, keys: [] })).toThrow("jwt.issuer is required");
    expect(() => createJwtVerifier({ issuer, audience: [], keys: [] })).toThrow("jwt.audience is required");
  });

  it("accepts a JWK exported from a key pair generated elsewhere (RS256 kid rotation: picks by kid)", async () => {
    const a = await generateKeyPair("RS256", { extractable: true });
    const b = await generateKeyPair("RS256", { extractable: true });
    const verifier = createJwtVerifier({
      issuer,
      audience,
      keys: [
        { jwk: { ...(await exportJWK(a.publicKey)), kid: "a", alg: "RS256" } },
        { jwk: { ...(await exportJWK(b.publicKey)), kid: "b", alg: "RS256" } },
      ],
    });
    const token = await new SignJWT({ sub: "rotated" })
      .setProtectedHeader({ alg: "RS256", kid: "b" })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime("5m")
      .sign(b.privateKey);
    await expect(verifier.verify(token)).resolves.toMatchObject({ id: "rotated" });
  });
});
