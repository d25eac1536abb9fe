/**
 * The baseline of the twins benchmark: a bare Fastify HTTPS server that runs the same SQLite
 * statements as Doppel's write path (same pragmas, same upsert), with nothing else: no model
 * validation, no JSON Patch, no outbox, no security hooks, no group commit.
 *
 *   node dist/bench/twins/baselineServer.js <db file> <cert.pem> <key.pem>
 *
 * Prints `listening <port>` when ready.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import Fastify from "fastify";
const [file, certFile, keyFile] = process.argv.slice(2);
if (!file || !certFile || !keyFile)
    throw new Error("usage: baselineServer <db> <cert> <key>");
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec(`CREATE TABLE IF NOT EXISTS twins (
  id TEXT NOT NULL PRIMARY KEY, model_id TEXT NOT NULL, etag TEXT NOT NULL, doc TEXT NOT NULL,
  updated_seq INTEGER NOT NULL DEFAULT 0)`);
const getTwin = db.prepare("SELECT id, model_id, etag, doc FROM twins WHERE id = ?");
const putTwin = db.prepare(`INSERT INTO twins (id, model_id, etag, doc, updated_seq) VALUES (?, ?, ?, ?, ?)
   ON CONFLICT (id) DO UPDATE SET model_id = excluded.model_id, etag = excluded.etag, doc = excluded.doc,
     updated_seq = excluded.updated_seq`);
const app = Fastify({ logger: false, https: { cert: readFileSync(certFile), key: readFileSync(keyFile) } });
app.addContentTypeParser("application/json-patch+json", { parseAs: "string" }, (_request, body, done) => {
    try {
        done(null, JSON.parse(body));
    }
    catch (error) {
        done(error);
    }
});
app.get("/digitaltwins/:id", async (request, reply) => {
    const row = getTwin.get(request.params.id);
    if (row === undefined)
        return reply.code(404).send();
    return reply.header("content-type", "application/json; charset=utf-8").header("etag", row.etag).send(row.doc);
});
app.put("/digitaltwins/:id", async (request, reply) => {
    const etag = `W/"${randomUUID()}"`;
    const body = request.body;
    const doc = JSON.stringify({ $dtId: request.params.id, $etag: etag, ...body });
    putTwin.run(request.params.id, body.$metadata.$model, etag, doc, 0);
    return reply.header("content-type", "application/json; charset=utf-8").header("etag", etag).send(doc);
});
app.patch("/digitaltwins/:id", async (request, reply) => {
    const row = getTwin.get(request.params.id);
    if (row === undefined)
        return reply.code(404).send();
    const etag = `W/"${randomUUID()}"`;
    putTwin.run(row.id, row.model_id, etag, row.doc, 0);
    return reply.code(204).header("etag", etag).send();
});
app.listen({ host: "127.0.0.1", port: 0 }).then((address) => {
    console.log(`listening ${new URL(address).port}`);
});
//# sourceMappingURL=baselineServer.js.map