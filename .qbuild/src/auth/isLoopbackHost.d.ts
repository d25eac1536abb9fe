/** Whether binding `host` keeps the server reachable from this machine only. */
export declare function isLoopbackHost(host: string): boolean;
