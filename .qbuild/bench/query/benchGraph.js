import Database from "better-sqlite3";
/**
 * A synthetic estate for the query benchmark, written straight into the store's tables in one
 * transaction: campuses → 10 buildings → 10 floors → 20 rooms → 9 sensors (3 temperature,
 * 3 humidity, 3 CO2). One campus is 20,111 twins; 5 campuses ≈ 100k, 50 ≈ 1M.
 * Ids are pseudo-random so id order says nothing about the hierarchy (as with real GUIDs).
 */
export const benchModels = {
    campus: "dtmi:bench:Campus;1",
    building: "dtmi:bench:Building;1",
    floor: "dtmi:bench:Floor;1",
    space: "dtmi:bench:Space;1",
    room: "dtmi:bench:Room;1",
    sensor: "dtmi:bench:Sensor;1",
    temperature: "dtmi:bench:TemperatureSensor;1",
    humidity: "dtmi:bench:HumiditySensor;1",
    co2: "dtmi:bench:Co2Sensor;1",
};
/** Direct parents through `extends`. */
const parents = {
    [benchModels.campus]: [],
    [benchModels.building]: [],
    [benchModels.floor]: [benchModels.space],
    [benchModels.space]: [],
    [benchModels.room]: [benchModels.space],
    [benchModels.sensor]: [],
    [benchModels.temperature]: [benchModels.sensor],
    [benchModels.humidity]: [benchModels.sensor],
    [benchModels.co2]: [benchModels.sensor],
};
export const twinsPerCampus = 1 + 10 + 10 * 10 + 10 * 10 * 20 + 10 * 10 * 20 * 9;
const time = "2025-06-01T08:00:00.0000000Z";
export function generateBenchGraph(file, campuses) {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    const insertTwin = db.prepare("INSERT INTO twins (id, model_id, etag, doc) VALUES (?, ?, ?, ?)");
    const insertRelationship = db.prepare("INSERT INTO relationships (source_id, id, name, target_id, etag, doc) VALUES (?, ?, ?, ?, ?, ?)");
    const insertAncestry = db.prepare("INSERT OR REPLACE INTO model_ancestry (model_id, ancestor_id, depth) VALUES (?, ?, ?)");
    const random = mulberry32(42);
    const ids = new Set();
    const newId = (prefix) => {
        for (;;) {
            const id = `${prefix}-${Math.floor(random() * 0xffffffff)
                .toString(16)
                .padStart(8, "0")}${Math.floor(random() * 0xffff)
                .toString(16)
                .padStart(4, "0")}`;
            if (!ids.has(id)) {
                ids.add(id);
                return id;
            }
        }
    };
    let twins = 0;
    let relationships = 0;
    const sample = { rooms: [], buildings: [], floors: [] };
    const twin = (id, model, properties) => {
        const metadata = { $model: model, $lastUpdateTime: time };
        for (const key of Object.keys(properties))
            metadata[key] = { lastUpdateTime: time };
        const etag = `W/"${id}-1"`;
        insertTwin.run(id, model, etag, JSON.stringify({ $dtId: id, $etag: etag, ...properties, $metadata: metadata }));
        twins += 1;
    };
    const relate = (source, name, target) => {
        const id = `${name}-${target}`;
        const etag = `W/"${id}-1"`;
        const doc = { $relationshipId: id, $etag: etag, $sourceId: source, $relationshipName: name, $targetId: target };
        insertRelationship.run(source, id, name, target, etag, JSON.stringify(doc));
        relationships += 1;
    };
    db.transaction(() => {
        for (const [model, direct] of Object.entries(parents)) {
            insertAncestry.run(model, model, 0);
            for (const parent of direct) {
                insertAncestry.run(model, parent, 1);
                for (const grand of parents[parent] ?? [])
                    insertAncestry.run(model, grand, 2);
            }
        }
        for (let c = 0; c < campuses; c += 1) {
            const campus = newId("campus");
            twin(campus, benchModels.campus, { name: `Campus ${c}`, city: cities[c % cities.length] });
            for (let b = 0; b < 10; b += 1) {
                const building = newId("building");
                twin(building, benchModels.building, {
                    name: `Building ${c}-${b}`,
                    yearBuilt: 1950 + Math.floor(random() * 70),
                    address: { street: `${100 + b} Main Street`, city: cities[c % cities.length], zip: `${10000 + c * 10 + b}` },
                });
                relate(campus, "contains", building);
                if (sample.buildings.length < 200)
                    sample.buildings.push(building);
                for (let f = 0; f < 10; f += 1) {
                    const floor = newId("floor");
                    twin(floor, benchModels.floor, { name: `Floor ${f}`, level: f, area: 800 + Math.floor(random() * 400) });
                    relate(building, "contains", floor);
                    if (sample.floors.length < 200)
                        sample.floors.push(floor);
                    for (let r = 0; r < 20; r += 1) {
                        const room = newId("room");
                        twin(room, benchModels.room, {
                            name: `Room ${f}.${r}`,
                            area: 10 + Math.floor(random() * 91),
                            capacity: 1 + Math.floor(random() * 30),
                            occupied: random() < 0.4,
                            tags: { usage: usages[r % usages.length], accessible: random() < 0.8 },
                        });
                        relate(floor, "contains", room);
                        if (sample.rooms.length < 1000 && random() < 0.05)
                            sample.rooms.push(room);
                        for (let s = 0; s < 9; s += 1) {
                            const kind = s % 3;
                            const sensor = newId(kind === 0 ? "temp" : kind === 1 ? "hum" : "co2");
                            const model = kind === 0 ? benchModels.temperature : kind === 1 ? benchModels.humidity : benchModels.co2;
                            twin(sensor, model, {
                                value: sensorValue(kind, random),
                                unit: kind === 0 ? "Cel" : kind === 1 ? "%RH" : "ppm",
                                status: random() < 0.97 ? "ok" : "fault",
                                serial: `SN${Math.floor(random() * 1e9)}`,
                            });
                            relate(room, "hasSensor", sensor);
                        }
                    }
                }
            }
        }
    })();
    db.exec("ANALYZE");
    db.close();
    return { twins, relationships, ...sample };
}
const cities = ["Amsterdam", "Berlin", "Lisbon", "Oslo", "Seattle", "Toronto"];
const usages = ["office", "meeting", "storage", "kitchen", "lab"];
function sensorValue(kind, random) {
    if (kind === 0)
        return Math.round((15 + random() * 15) * 10) / 10; // °C, 15–30
    if (kind === 1)
        return Math.round(20 + random() * 50); // %RH
    return Math.round(400 + random() * 800); // ppm
}
/** A small deterministic PRNG, so every run builds the same estate. */
function mulberry32(seed) {
    let state = seed;
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
//# sourceMappingURL=benchGraph.js.map