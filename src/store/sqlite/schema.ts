/**
 * The SQLite schema, as ordered migrations. Each entry runs once, in a transaction, and is
 * recorded in `schema_migrations`. Never edit a released entry; append a new one.
 *
 * Documents are stored as the JSON ADT returns (`twins.doc`, `relationships.doc`) so reads are
 * a single row fetch and the query compiler can address any path with `json_extract`.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE models (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT, -- upload order, used for paging
    id             TEXT NOT NULL UNIQUE,              -- the interface DTMI
    definition     TEXT NOT NULL,                     -- the DTDL document as uploaded (JSON)
    display_name   TEXT NOT NULL,                     -- language map (JSON)
    description    TEXT NOT NULL,                     -- language map (JSON)
    upload_time    TEXT NOT NULL,
    decommissioned INTEGER NOT NULL DEFAULT 0
  );
  -- Direct dependencies of a model (extends, component schemas, referenced interfaces).
  CREATE TABLE model_refs (
    model_id TEXT NOT NULL,
    ref_id   TEXT NOT NULL,
    PRIMARY KEY (model_id, ref_id)
  );
  CREATE INDEX model_refs_ref ON model_refs (ref_id);
  -- Every model with each of its ancestors through extends, itself included (depth 0).
  -- IS_OF_MODEL and relationship target checks read it.
  CREATE TABLE model_ancestry (
    model_id    TEXT NOT NULL,
    ancestor_id TEXT NOT NULL,
    depth       INTEGER NOT NULL,
    PRIMARY KEY (model_id, ancestor_id)
  );
  CREATE INDEX model_ancestry_ancestor ON model_ancestry (ancestor_id, model_id);

  CREATE TABLE twins (
    id          TEXT NOT NULL PRIMARY KEY,
    model_id    TEXT NOT NULL,
    etag        TEXT NOT NULL,
    doc         TEXT NOT NULL,                         -- the twin JSON as returned by GET
    updated_seq INTEGER NOT NULL DEFAULT 0             -- outbox seq of the last change
  );
  CREATE INDEX twins_model ON twins (model_id);

  CREATE TABLE relationships (
    source_id TEXT NOT NULL,
    id        TEXT NOT NULL,
    name      TEXT NOT NULL,
    target_id TEXT NOT NULL,
    etag      TEXT NOT NULL,
    doc       TEXT NOT NULL,                           -- the relationship JSON as returned by GET
    PRIMARY KEY (source_id, id)
  );
  CREATE INDEX relationships_source_name ON relationships (source_id, name);
  CREATE INDEX relationships_target_name ON relationships (target_id, name);

  -- The transactional outbox: every committed change appends its event(s) here in the same
  -- transaction. Consumers (delivery, live streams) read by seq.
  CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    twin_id    TEXT,                                   -- ordering key (source twin for relationships)
    type       TEXT NOT NULL,                          -- CloudEvents type
    event      TEXT NOT NULL,                          -- the CloudEvent (JSON)
    created_at INTEGER NOT NULL                        -- epoch ms
  );
  `,
];
