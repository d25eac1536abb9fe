export const allTwins = { kind: "all" };
export const noTwins = { kind: "none" };
export function unionOfScopes(scopes) {
    if (scopes.length === 0)
        return noTwins;
    const narrow = [];
    for (const scope of scopes) {
        if (scope.kind === "instance")
            return allTwins;
        narrow.push(scope);
    }
    return { kind: "some", scopes: narrow };
}
//# sourceMappingURL=scopeFilter.js.map