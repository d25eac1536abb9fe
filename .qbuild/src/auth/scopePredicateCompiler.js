let registered = null;
export function setScopePredicateCompiler(compiler) {
    registered = compiler;
}
export function scopePredicateCompiler() {
    return registered;
}
//# sourceMappingURL=scopePredicateCompiler.js.map