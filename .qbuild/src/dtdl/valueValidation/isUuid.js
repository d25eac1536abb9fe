/** RFC 9562 UUID text form: 8-4-4-4-12 hex digits, either case, no braces. */
const uuidPattern = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
export function isUuid(text) {
    return uuidPattern.test(text);
}
//# sourceMappingURL=isUuid.js.map