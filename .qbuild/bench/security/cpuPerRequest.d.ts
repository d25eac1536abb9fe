export declare function cpuPerRequest(rounds: number, perRound?: number): Promise<Map<string, number>>;
