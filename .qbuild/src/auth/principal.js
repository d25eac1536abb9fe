export const anonymousPrincipal = { kind: "anonymous", id: "anonymous" };
/** The label the audit log and error messages use. */
export function describePrincipal(principal) {
    return principal.id;
}
//# sourceMappingURL=principal.js.map