/**
 * Why a credential was refused. Never shown to the caller (every 401 has ADT's one body); it goes
 * to the audit log and the request log.
 */
export declare class AuthenticationError extends Error {
    constructor(reason: string);
}
