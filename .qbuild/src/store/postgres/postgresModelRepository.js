import { inTransaction } from "./inTransaction.js";
/**
 * Models, their direct refs and ancestry (self included at depth 0), written in one transaction
 * that also notifies the other nodes, so their registries reload (the notification is sent at
 * commit, and only then).
 */
export class PostgresModelRepository {
    pool;
    session;
    constructor(pool, session) {
        this.pool = pool;
        this.session = session;
    }
    async all() {
        const [models, refs] = await Promise.all([
            this.pool.query("SELECT seq, id, definition, display_name, description, upload_time, decommissioned FROM models ORDER BY seq"),
            this.pool.query("SELECT model_id, ref_id FROM model_refs ORDER BY model_id, ref_id"),
        ]);
        const byModel = new Map();
        for (const row of refs.rows) {
            const list = byModel.get(row.model_id);
            if (list)
                list.push(row.ref_id);
            else
                byModel.set(row.model_id, [row.ref_id]);
        }
        return models.rows.map((row) => ({
            seq: row.seq,
            id: row.id,
            definition: JSON.parse(row.definition),
            displayName: JSON.parse(row.display_name),
            description: JSON.parse(row.description),
            uploadTime: row.upload_time,
            decommissioned: row.decommissioned,
            refs: byModel.get(row.id) ?? [],
        }));
    }
    async insert(models) {
        return inTransaction(this.pool, async (client) => {
            // Uploads take turns (cluster-wide), so two nodes uploading one id cannot both pass the check.
            await client.query("LOCK TABLE models IN SHARE ROW EXCLUSIVE MODE");
            const ids = models.map((model) => model.id);
            const existing = await client.query("SELECT id FROM models WHERE id = ANY($1::text[])", [ids]);
            if (existing.rows.length > 0) {
                const found = new Set(existing.rows.map((row) => row.id));
                return { ok: false, conflicts: ids.filter((id) => found.has(id)) };
            }
            const stored = [];
            for (const model of models)
                stored.push(await this.insertOne(client, model));
            await this.notify(client);
            return { ok: true, models: stored };
        });
    }
    async decommission(id) {
        return inTransaction(this.pool, async (client) => {
            const result = await client.query("UPDATE models SET decommissioned = true WHERE id = $1", [id]);
            if ((result.rowCount ?? 0) > 0)
                await this.notify(client);
            return (result.rowCount ?? 0) > 0;
        });
    }
    async delete(id) {
        return inTransaction(this.pool, async (client) => {
            await client.query("LOCK TABLE models IN SHARE ROW EXCLUSIVE MODE");
            const found = await client.query("SELECT 1 FROM models WHERE id = $1", [id]);
            if (found.rows.length === 0)
                return { outcome: "notFound" };
            const referencers = await client.query("SELECT model_id FROM model_refs WHERE ref_id = $1 AND model_id <> $1 ORDER BY model_id", [id]);
            if (referencers.rows.length > 0) {
                return { outcome: "referenced", referencedBy: referencers.rows.map((row) => row.model_id) };
            }
            await client.query("DELETE FROM models WHERE id = $1", [id]);
            await client.query("DELETE FROM model_refs WHERE model_id = $1", [id]);
            await client.query("DELETE FROM model_ancestry WHERE model_id = $1 OR ancestor_id = $1", [id]);
            await this.notify(client);
            return { outcome: "deleted" };
        });
    }
    async insertOne(client, model) {
        const { rows } = await client.query(`INSERT INTO models (id, definition, display_name, description, upload_time)
       VALUES ($1, $2, $3, $4, $5) RETURNING seq`, [
            model.id,
            JSON.stringify(model.definition),
            JSON.stringify(model.displayName),
            JSON.stringify(model.description),
            model.uploadTime,
        ]);
        if (model.refs.length > 0) {
            await client.query(`INSERT INTO model_refs (model_id, ref_id) SELECT $1, r FROM unnest($2::text[]) AS r
         ON CONFLICT DO NOTHING`, [model.id, model.refs]);
        }
        const ancestors = [{ id: model.id, depth: 0 }, ...model.ancestors];
        await client.query(`INSERT INTO model_ancestry (model_id, ancestor_id, depth)
       SELECT $1, a, d FROM unnest($2::text[], $3::integer[]) AS x(a, d) ON CONFLICT DO NOTHING`, [model.id, ancestors.map((a) => a.id), ancestors.map((a) => a.depth)]);
        return {
            seq: rows[0].seq,
            id: model.id,
            definition: model.definition,
            displayName: model.displayName,
            description: model.description,
            uploadTime: model.uploadTime,
            decommissioned: false,
            refs: model.refs,
        };
    }
    async notify(client) {
        await client.query("SELECT pg_notify($1, $2)", [this.session.channel, this.session.payload("models")]);
    }
}
//# sourceMappingURL=postgresModelRepository.js.map