import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import WebSocket from "ws";
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

/** Starts a server, runs `body` against it, and closes it whatever happens. */
export async function withServer(
  options: Parameters<typeof startTestServer>[0],
  body: (t: TestServer) => Promise<void>,
): Promise<void> {
  const t = await startTestServer(options);
  try {
    await body(t);
  } finally {
    await t.close();
  }
}

/** A whole answer read off a socket: status, headers and body text. */
export interface SocketAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface SocketRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Sent as JSON (with its content type). */
  readonly body?: unknown;
  /** The local address the connection comes from (default 127.0.0.1). */
  readonly from?: string;
}

/**
 * One request on a fresh HTTPS connection from a chosen local address, with exactly the headers
 * given: the per-address limits and the audit log see that address as the TCP peer.
 */
export function sendFrom(t: TestServer, sent: SocketRequest): Promise<SocketAnswer> {
  const url = new URL(t.url);
  const body = sent.body === undefined ? undefined : JSON.stringify(sent.body);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: "127.0.0.1",
        port: Number(url.port),
        path: sent.path,
        method: sent.method ?? "GET",
        headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...sent.headers },
        localAddress: sent.from ?? "127.0.0.1",
        agent: false,
        rejectUnauthorized: false,
      },
      (response) => readAnswer(response).then(resolve, reject),
    );
    request.once("error", reject);
    request.end(body);
  });
}

/**
 * Attempts the WebSocket stream upgrade (`/events/ws`) from a chosen local address; answers the
 * refusal, or status 101 (no headers, no text) when the stream opened.
 */
export function upgradeFrom(
  t: TestServer,
  headers: Record<string, string>,
  localAddress = "127.0.0.1",
): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${t.url.replace("https:", "wss:")}/events/ws`, {
      headers,
      localAddress,
      rejectUnauthorized: false,
    });
    ws.once("open", () => {
      ws.close();
      resolve({ status: 101, headers: {}, text: "" });
    });
    ws.once("unexpected-response", (_request, response: IncomingMessage) => {
      readAnswer(response).then((answer) => {
        resolve(answer);
        ws.terminate();
      }, reject);
    });
    ws.once("error", (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

function readAnswer(response: IncomingMessage): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.once("end", () =>
      resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }),
    );
    response.once("error", reject);
  });
}
