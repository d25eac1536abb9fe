/**
 * The security set-up both security measurements use: an ES256 signing key, the auth options of
 * a server that trusts it (JWT and API keys on, rate limits off: they would cap one principal at
 * 10,000 reads/s by design), and bearer tokens for its two groups: `owners` (instance-wide Data
 * Owner) and `scoped` (Data Owner limited to one model, one extra scope query per request).
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { AuthOptions } from "../../src/auth/authOptions.js";

export interface BenchAuth {
  readonly options: AuthOptions;
  /** `Bearer <JWT>` for a member of `group`. */
  bearer(group: "owners" | "scoped"): Promise<string>;
}

const issuer = "https://idp.bench/tenant";
const audience = "https://digitaltwins.azure.net";

export async function benchAuth(scopedModel: string): Promise<BenchAuth> {
  const keys = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "bench", alg: "ES256" };
  return {
    options: {
      mode: ["jwt", "apikey"],
      jwt: { issuer, audience, keys: [{ jwk }] },
      roleAssignments: {
        owners: { principal: "group:owners", role: "Azure Digital Twins Data Owner" },
        scoped: {
          principal: "group:scoped",
          role: "Azure Digital Twins Data Owner",
          scope: { kind: "models", models: [scopedModel] },
        },
      },
      rateLimits: { enabled: false },
    },
    async bearer(group) {
      const token = await new SignJWT({ sub: `bench-${group}`, groups: [group] })
        .setProtectedHeader({ alg: "ES256", kid: "bench" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime("2h")
        .sign(keys.privateKey);
      return `Bearer ${token}`;
    },
  };
}
