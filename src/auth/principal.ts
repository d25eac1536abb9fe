/** Who is calling, as established by authentication. */
export type Principal =
  | {
      /** Auth mode `none`: everything is allowed (loopback only). */
      readonly kind: "anonymous";
      readonly id: "anonymous";
    }
  | {
      readonly kind: "user";
      /** `oid` when the token has one (Entra ID), else `sub`; what the audit log records. */
      readonly id: string;
      readonly subject: string | undefined;
      readonly objectId: string | undefined;
      readonly issuer: string | undefined;
      readonly groups: readonly string[];
      readonly roles: readonly string[];
    }
  | {
      readonly kind: "apiKey";
      /** `key:<keyId>` */
      readonly id: string;
      readonly keyId: string;
      readonly name: string;
    };

export const anonymousPrincipal: Principal = { kind: "anonymous", id: "anonymous" };
