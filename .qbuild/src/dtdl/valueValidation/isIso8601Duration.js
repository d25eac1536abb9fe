/**
 * ISO 8601 durations as DTDL accepts them: `P[nY][nM][nW][nD][T[nH][nM][nS]]` with at least one
 * component, components in that order, weeks not mixed with years or months, a `T` only when a
 * time component follows, and a decimal fraction allowed on the last component only.
 */
export function isIso8601Duration(text) {
    if (text[0] !== "P")
        return false;
    const components = readComponents(text, 1);
    if (components === undefined || components.length === 0)
        return false;
    if (components.slice(0, -1).some((c) => c.fractional))
        return false;
    return designatorsInOrder(components);
}
const componentPattern = /([0-9]+)(\.[0-9]+)?([YMWDHS])/y;
function readComponents(text, start) {
    const components = [];
    let pos = start;
    let inTime = false;
    while (pos < text.length) {
        if (text[pos] === "T") {
            if (inTime)
                return undefined;
            inTime = true;
            pos++;
            // `T` must be followed by at least one component.
            if (pos >= text.length)
                return undefined;
            continue;
        }
        componentPattern.lastIndex = pos;
        const match = componentPattern.exec(text);
        if (!match)
            return undefined;
        components.push({ designator: match[3], inTime, fractional: match[2] !== undefined });
        pos += match[0].length;
    }
    return components;
}
const dateOrder = ["Y", "M", "W", "D"];
const timeOrder = ["H", "M", "S"];
function designatorsInOrder(components) {
    let dateIndex = -1;
    let timeIndex = -1;
    let hasYearOrMonth = false;
    let hasWeek = false;
    for (const { designator, inTime } of components) {
        const order = inTime ? timeOrder : dateOrder;
        const index = order.indexOf(designator);
        const previous = inTime ? timeIndex : dateIndex;
        if (index <= previous)
            return false;
        if (inTime)
            timeIndex = index;
        else
            dateIndex = index;
        if (!inTime && (designator === "Y" || designator === "M"))
            hasYearOrMonth = true;
        if (!inTime && designator === "W")
            hasWeek = true;
    }
    return !(hasWeek && hasYearOrMonth);
}
//# sourceMappingURL=isIso8601Duration.js.map