import { isIP } from "node:net";
/** Whether binding `host` keeps the server reachable from this machine only. */
export function isLoopbackHost(host) {
    const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
    if (bare === "localhost")
        return true;
    if (isIP(bare) === 4)
        return bare.startsWith("127.");
    if (isIP(bare) === 6)
        return bare === "::1" || bare.startsWith("::ffff:127.");
    return false;
}
//# sourceMappingURL=isLoopbackHost.js.map