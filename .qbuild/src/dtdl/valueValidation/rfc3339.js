/**
 * RFC 3339 (section 5.6) `full-date`, `full-time` and `date-time`, as DTDL's date, time and
 * dateTime schemas use them. Like the official parser: `T` and `Z` upper case only, a zone
 * offset is required on times, and leap seconds (`:60`) are refused.
 */
const datePattern = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const timePattern = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:Z|[+-]([0-9]{2}):([0-9]{2}))$/;
export function isRfc3339Date(text) {
    const match = datePattern.exec(text);
    if (!match)
        return false;
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
export function isRfc3339Time(text) {
    const match = timePattern.exec(text);
    if (!match)
        return false;
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    const second = Number(match[3]);
    if (hour > 23 || minute > 59 || second > 59)
        return false;
    if (match[4] === undefined)
        return true;
    return Number(match[4]) <= 23 && Number(match[5]) <= 59;
}
export function isRfc3339DateTime(text) {
    const separator = text.indexOf("T");
    if (separator < 0)
        return false;
    return isRfc3339Date(text.slice(0, separator)) && isRfc3339Time(text.slice(separator + 1));
}
/** Proleptic Gregorian calendar, as .NET and RFC 3339 use. */
function daysInMonth(year, month) {
    if (month === 2)
        return isLeapYear(year) ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
function isLeapYear(year) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
//# sourceMappingURL=rfc3339.js.map