/**
 * A synthetic estate for the query benchmark, written straight into the store's tables in one
 * transaction: campuses → 10 buildings → 10 floors → 20 rooms → 9 sensors (3 temperature,
 * 3 humidity, 3 CO2). One campus is 20,111 twins; 5 campuses ≈ 100k, 50 ≈ 1M.
 * Ids are pseudo-random so id order says nothing about the hierarchy (as with real GUIDs).
 */
export declare const benchModels: {
    readonly campus: "dtmi:bench:Campus;1";
    readonly building: "dtmi:bench:Building;1";
    readonly floor: "dtmi:bench:Floor;1";
    readonly space: "dtmi:bench:Space;1";
    readonly room: "dtmi:bench:Room;1";
    readonly sensor: "dtmi:bench:Sensor;1";
    readonly temperature: "dtmi:bench:TemperatureSensor;1";
    readonly humidity: "dtmi:bench:HumiditySensor;1";
    readonly co2: "dtmi:bench:Co2Sensor;1";
};
export declare const twinsPerCampus: number;
export interface BenchGraph {
    readonly twins: number;
    readonly relationships: number;
    /** Sample ids for point lookups and anchors. */
    readonly rooms: readonly string[];
    readonly buildings: readonly string[];
    readonly floors: readonly string[];
}
export declare function generateBenchGraph(file: string, campuses: number): BenchGraph;
