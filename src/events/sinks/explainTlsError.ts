/** Verification failures a private CA causes: the fix is the endpoint's `tls.ca`. */
const untrustedIssuer = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
]);

/**
 * A TLS failure as an operator reads it in an endpoint's `lastError`: OpenSSL's own errors
 * (`8060…:error:0A00045C:SSL routines:…:tlsv13 alert certificate required:../deps/…`, which vary
 * per thread) shortened to their reason, and an untrusted server certificate pointed at `tls.ca`.
 * Anything else is answered unchanged.
 */
export function explainTlsError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { code, reason, library } = error as { code?: unknown; reason?: unknown; library?: unknown };
  if (typeof code === "string" && untrustedIssuer.has(code)) {
    return new Error(
      `${error.message} (${code}: the server's certificate is not issued by a trusted CA; give its CA as 'tls.ca')`,
    );
  }
  if (library === "SSL routines" && typeof reason === "string") return new Error(`TLS: ${reason}`);
  return error;
}
