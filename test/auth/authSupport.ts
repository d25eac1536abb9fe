import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import type { AuthOptions } from "../../src/auth/authOptions.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

export const issuer = "https://idp.test/tenant";
export const audience = "https://digitaltwins.azure.net";

/** A test identity provider: one ES256 signing key, and a second one nobody trusts. */
export interface TestIdp {
  readonly publicJwk: JWK;
  /** Signs a token; defaults: valid for an hour, our issuer and audience. */
  sign(claims?: JWTPayload, options?: SignOptions): Promise<string>;
}

export interface SignOptions {
  readonly expiresIn?: number;
  readonly notBefore?: number;
  readonly issuer?: string;
  readonly audience?: string;
  readonly untrustedKey?: boolean;
  readonly kid?: string;
  readonly noExpiry?: boolean;
}

export async function createTestIdp(): Promise<TestIdp> {
  const trusted = await generateKeyPair("ES256", { extractable: true });
  const untrusted = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = { ...(await exportJWK(trusted.publicKey)), kid: "k1", alg: "ES256" };
  return {
    publicJwk,
    async sign(claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ sub: "user-1", ...claims })
        .setProtectedHeader({ alg: "ES256", kid: options.kid ?? "k1" })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt(now);
      if (!options.noExpiry) jwt.setExpirationTime(now + (options.expiresIn ?? 3600));
      if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
      return jwt.sign(options.untrustedKey ? untrusted.privateKey : trusted.privateKey);
    },
  };
}

/** Groups the test tokens use: `owners` get everything, `readers` ADT's Data Reader. */
export const standardAssignments = {
  owners: { principal: "group:owners", role: "Azure Digital Twins Data Owner" },
  admins: { principal: "group:owners", role: "Doppel Administrator" },
  readers: { principal: "group:readers", role: "Azure Digital Twins Data Reader" },
};

export function secureAuthOptions(idp: TestIdp, extra: Partial<AuthOptions> = {}): AuthOptions {
  return {
    mode: ["jwt", "apikey"],
    jwt: { issuer, audience, keys: [{ jwk: idp.publicJwk }] },
    roleAssignments: standardAssignments,
    ...extra,
  };
}

export async function startSecureServer(idp: TestIdp, extra: Partial<AuthOptions> = {}): Promise<TestServer> {
  return startTestServer({ auth: secureAuthOptions(idp, extra) });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export const unauthorizedBody = { statusCode: 401, message: "Unauthorized" };
