/** RFC 4648 base64 (standard alphabet, `=` padding to a multiple of four); empty is valid. */
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export function isBase64(text) {
    return base64Pattern.test(text);
}
//# sourceMappingURL=isBase64.js.map