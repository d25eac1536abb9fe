import { SqliteCompiler } from "../../src/query/compile/sqlite.js";
import { benchModels } from "./benchGraph.js";
const compiler = new SqliteCompiler();
/** The first page as the service asks for it: 1,000 rows and one more to detect a next page. */
const firstPage = (query) => compiler.compilePage(query, { after: null, limit: query.top ?? 1001 });
const pick = (ids, iteration) => ids[iteration % ids.length];
export function benchShapes(graph) {
    return [
        {
            name: "point lookup",
            repeatable: true,
            query: (i) => `SELECT * FROM DIGITALTWINS T WHERE T.$dtId = '${pick(graph.rooms, i)}'`,
            compile: firstPage,
            baseline: { sql: "SELECT rowid, doc FROM twins WHERE id = ?", params: (i) => [pick(graph.rooms, i)] },
        },
        {
            name: "model + property filter",
            query: () => `SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '${benchModels.room}') AND T.area >= 10`,
            compile: firstPage,
            baseline: {
                sql: "SELECT rowid, doc FROM twins WHERE model_id IN (SELECT model_id FROM model_ancestry WHERE ancestor_id = ?)" +
                    " AND json_extract(doc, '$.area') >= 10 ORDER BY rowid LIMIT 1001",
                params: () => [benchModels.room],
            },
        },
        {
            name: "anchored 2-hop JOIN",
            repeatable: true,
            query: (i) => `SELECT R FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains WHERE B.$dtId = '${pick(graph.buildings, i)}'`,
            compile: firstPage,
            baseline: {
                sql: "SELECT b.rowid, e1.rowid, e2.rowid, r.doc FROM twins b" +
                    " JOIN relationships e1 ON e1.source_id = b.id AND e1.name = 'contains'" +
                    " JOIN relationships e2 ON e2.source_id = e1.target_id AND e2.name = 'contains'" +
                    " JOIN twins r ON r.id = e2.target_id WHERE b.id = ? ORDER BY b.rowid, e1.rowid, e2.rowid LIMIT 1001",
                params: (i) => [pick(graph.buildings, i)],
            },
        },
        {
            name: "anchored MATCH *..3",
            repeatable: true,
            query: (i) => `SELECT x FROM DIGITALTWINS MATCH (f)-[*..3]->(x) WHERE f.$dtId = '${pick(graph.floors, i)}'`,
            compile: firstPage,
            baseline: {
                sql: "WITH RECURSIVE below(id, depth) AS (SELECT ?, 0 UNION ALL" +
                    " SELECT r.target_id, below.depth + 1 FROM relationships r JOIN below ON r.source_id = below.id WHERE below.depth < 3)" +
                    " SELECT t.rowid, t.doc FROM twins t WHERE t.id IN (SELECT id FROM below WHERE depth >= 1) ORDER BY t.rowid LIMIT 1001",
                params: (i) => [pick(graph.floors, i)],
            },
        },
        {
            name: "COUNT by model",
            query: () => `SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('${benchModels.sensor}')`,
            compile: firstPage,
            baseline: {
                sql: "SELECT COUNT(*) FROM twins WHERE model_id IN (SELECT model_id FROM model_ancestry WHERE ancestor_id = ?)",
                params: () => [benchModels.sensor],
            },
        },
        {
            name: "unanchored aggregate per floor",
            query: () => "SELECT F.$dtId AS floor, AVG(S.value) AS avgTemperature, COUNT() AS sensors FROM DIGITALTWINS F" +
                " JOIN R RELATED F.contains JOIN S RELATED R.hasSensor" +
                ` WHERE IS_OF_MODEL(F, '${benchModels.floor}') AND IS_OF_MODEL(S, '${benchModels.temperature}') GROUP BY F.$dtId`,
            compile: firstPage,
            baseline: {
                sql: "SELECT f.id, AVG(json_extract(s.doc, '$.value')), COUNT(*) FROM twins f" +
                    " JOIN relationships e1 ON e1.source_id = f.id AND e1.name = 'contains'" +
                    " JOIN relationships e2 ON e2.source_id = e1.target_id AND e2.name = 'hasSensor'" +
                    " JOIN twins s ON s.id = e2.target_id" +
                    " WHERE f.model_id IN (SELECT model_id FROM model_ancestry WHERE ancestor_id = ?)" +
                    " AND s.model_id IN (SELECT model_id FROM model_ancestry WHERE ancestor_id = ?)" +
                    " GROUP BY f.id ORDER BY f.id LIMIT 1001",
                params: () => [benchModels.floor, benchModels.temperature],
            },
        },
        {
            name: "ORDER BY with TOP",
            query: () => `SELECT TOP(10) T.$dtId, T.value FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '${benchModels.temperature}') ORDER BY T.value DESC`,
            compile: firstPage,
            baseline: {
                sql: "SELECT id, json_extract(doc, '$.value') AS v FROM twins" +
                    " WHERE model_id IN (SELECT model_id FROM model_ancestry WHERE ancestor_id = ?) ORDER BY v DESC, rowid LIMIT 10",
                params: () => [benchModels.temperature],
            },
        },
    ];
}
//# sourceMappingURL=benchShapes.js.map