import type { AccessSnapshot } from "./accessSnapshot.js";
import type { Principal } from "./principal.js";
export declare function authenticateApiKey(token: string, access: AccessSnapshot, now: number): Principal;
