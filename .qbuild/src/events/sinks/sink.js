export const delivered = { ok: true };
export function failed(error) {
    return { ok: false, error: describeError(error) };
}
export function describeError(error) {
    if (error instanceof Error) {
        const cause = error.cause;
        const detail = cause instanceof Error ? `: ${cause.message}` : "";
        return `${error.message}${detail}`.slice(0, 1000);
    }
    return String(error).slice(0, 1000);
}
/** Rejects after `ms` unless `promise` settles first. */
export async function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    });
    try {
        return await Promise.race([promise, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
//# sourceMappingURL=sink.js.map