/** Models, their direct refs and their ancestry (self included at depth 0), written in one transaction. */
export class SqliteModelRepository {
    db;
    selectAll;
    selectAllRefs;
    selectExists;
    insertModel;
    insertRef;
    insertAncestor;
    updateDecommissioned;
    selectReferencers;
    deleteModel;
    deleteRefs;
    deleteAncestry;
    constructor(db) {
        this.db = db;
        this.selectAll = db.prepare("SELECT seq, id, definition, display_name, description, upload_time, decommissioned FROM models ORDER BY seq");
        this.selectAllRefs = db.prepare("SELECT model_id, ref_id FROM model_refs ORDER BY model_id, ref_id");
        this.selectExists = db.prepare("SELECT seq FROM models WHERE id = ?");
        this.insertModel = db.prepare("INSERT INTO models (id, definition, display_name, description, upload_time) VALUES (?, ?, ?, ?, ?)");
        this.insertRef = db.prepare("INSERT OR IGNORE INTO model_refs (model_id, ref_id) VALUES (?, ?)");
        this.insertAncestor = db.prepare("INSERT OR IGNORE INTO model_ancestry (model_id, ancestor_id, depth) VALUES (?, ?, ?)");
        this.updateDecommissioned = db.prepare("UPDATE models SET decommissioned = 1 WHERE id = ?");
        this.selectReferencers = db.prepare("SELECT model_id FROM model_refs WHERE ref_id = ? AND model_id <> ? ORDER BY model_id");
        this.deleteModel = db.prepare("DELETE FROM models WHERE id = ?");
        this.deleteRefs = db.prepare("DELETE FROM model_refs WHERE model_id = ?");
        this.deleteAncestry = db.prepare("DELETE FROM model_ancestry WHERE model_id = ? OR ancestor_id = ?");
    }
    async all() {
        const refs = new Map();
        for (const row of this.selectAllRefs.all()) {
            const list = refs.get(row.model_id);
            if (list)
                list.push(row.ref_id);
            else
                refs.set(row.model_id, [row.ref_id]);
        }
        return this.selectAll.all().map((row) => ({
            seq: row.seq,
            id: row.id,
            definition: JSON.parse(row.definition),
            displayName: JSON.parse(row.display_name),
            description: JSON.parse(row.description),
            uploadTime: row.upload_time,
            decommissioned: row.decommissioned !== 0,
            refs: refs.get(row.id) ?? [],
        }));
    }
    async insert(models) {
        return this.db.transaction(() => {
            const conflicts = models.filter((m) => this.selectExists.get(m.id) !== undefined).map((m) => m.id);
            if (conflicts.length > 0)
                return { ok: false, conflicts };
            const stored = models.map((model) => this.insertOne(model));
            return { ok: true, models: stored };
        })();
    }
    async decommission(id) {
        return this.updateDecommissioned.run(id).changes > 0;
    }
    async delete(id) {
        return this.db.transaction(() => {
            if (this.selectExists.get(id) === undefined)
                return { outcome: "notFound" };
            const referencedBy = this.selectReferencers.all(id, id).map((row) => row.model_id);
            if (referencedBy.length > 0)
                return { outcome: "referenced", referencedBy };
            this.deleteModel.run(id);
            this.deleteRefs.run(id);
            this.deleteAncestry.run(id, id);
            return { outcome: "deleted" };
        })();
    }
    insertOne(model) {
        const result = this.insertModel.run(model.id, JSON.stringify(model.definition), JSON.stringify(model.displayName), JSON.stringify(model.description), model.uploadTime);
        for (const ref of model.refs)
            this.insertRef.run(model.id, ref);
        this.insertAncestor.run(model.id, model.id, 0);
        for (const ancestor of model.ancestors)
            this.insertAncestor.run(model.id, ancestor.id, ancestor.depth);
        return {
            seq: Number(result.lastInsertRowid),
            id: model.id,
            definition: model.definition,
            displayName: model.displayName,
            description: model.description,
            uploadTime: model.uploadTime,
            decommissioned: false,
            refs: model.refs,
        };
    }
}
//# sourceMappingURL=sqliteModelRepository.js.map