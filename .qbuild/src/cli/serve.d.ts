export declare function serveCommand(argv: string[]): Promise<number>;
