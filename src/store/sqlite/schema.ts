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
  -- Incoming-relationship pages are ordered by (source_id, id).
  CREATE INDEX relationships_target ON relationships (target_id, source_id, id);

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
  // Event delivery (src/events): endpoints, routes, one cursor per route, dead letters.
  `
  CREATE TABLE event_endpoints (
    name       TEXT NOT NULL PRIMARY KEY,
    kind       TEXT NOT NULL,                          -- webhook | mqtt | nats | amqp
    definition TEXT NOT NULL,                          -- the full definition incl. credentials (JSON)
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE event_routes (
    id            TEXT NOT NULL PRIMARY KEY,
    endpoint_name TEXT NOT NULL,
    filter        TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  );
  -- The last outbox seq a route has fully handled (delivered, filtered out or dead-lettered).
  CREATE TABLE event_cursors (
    route_id TEXT NOT NULL PRIMARY KEY,
    seq      INTEGER NOT NULL
  );
  CREATE TABLE event_dead_letters (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    route_id      TEXT NOT NULL,
    endpoint_name TEXT NOT NULL,
    seq           INTEGER NOT NULL,                    -- the outbox seq of the event
    twin_id       TEXT,
    type          TEXT NOT NULL,
    event         TEXT NOT NULL,                       -- the CloudEvent (JSON)
    attempts      INTEGER NOT NULL,
    last_error    TEXT NOT NULL,
    first_attempt_at INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
  );
  CREATE INDEX event_dead_letters_endpoint ON event_dead_letters (endpoint_name, id);
  `,
  // Access control (src/auth): API keys (hashed), custom roles, role assignments, the audit log.
  `
  CREATE TABLE auth_api_keys (
    id         TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL,                          -- SHA-256 of the secret (hex)
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  );
  CREATE TABLE auth_roles (
    name       TEXT NOT NULL PRIMARY KEY,
    definition TEXT NOT NULL,                          -- {name, description, dataActions, notDataActions} (JSON)
    updated_at TEXT NOT NULL
  );
  CREATE TABLE auth_role_assignments (
    id             TEXT NOT NULL PRIMARY KEY,
    principal_type TEXT NOT NULL,                      -- user | group | appRole | apiKey
    principal_id   TEXT NOT NULL,
    role           TEXT NOT NULL,                      -- role name or id
    scope          TEXT NOT NULL,                      -- twin scope (JSON)
    updated_at     TEXT NOT NULL
  );
  -- Bumped by every change above so servers notice changes made by the CLI.
  CREATE TABLE auth_version (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO auth_version (id, version) VALUES (1, 0);
  CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    principal TEXT NOT NULL,
    action    TEXT,
    method    TEXT NOT NULL,
    path      TEXT NOT NULL,
    route     TEXT,
    twin_id   TEXT,
    status    INTEGER NOT NULL,
    outcome   TEXT NOT NULL,                           -- success | denied | failed
    detail    TEXT
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  `,
  // Query engine (src/query): the per-store key that signs continuation tokens.
  `
  CREATE TABLE query_secrets (
    name   TEXT NOT NULL PRIMARY KEY,
    secret BLOB NOT NULL
  );
  `,
  // The instance key's check value (src/server/instanceKeyCheck.ts): a node started with another
  // key is refused at start. An HMAC under a key derived for the purpose; it reveals no key.
  `
  CREATE TABLE instance_key_check (
    id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    value TEXT NOT NULL
  );
  `,
  // The audit log records where a request came from: the client the per-address limits count
  // (the TCP peer, or the client a trusted proxy forwards), in full. Null on older entries.
  `
  ALTER TABLE audit_log ADD COLUMN client_address TEXT;
  `,
];
