-- The model registry: registered models hold numbered versions, aliases point at versions, a
-- version records where its bytes came from (and their hash), the run and data snapshots behind it,
-- its evaluation metrics and model card fields. Deployments keep the current state per backend and
-- node. Every change is appended to registry_audit, which is never updated nor deleted from.
-- Times are milliseconds since the epoch.
CREATE TABLE registered_model (
    name             TEXT PRIMARY KEY,
    description      TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    last_updated_at  INTEGER NOT NULL
);

CREATE TABLE registered_model_tag (
    model TEXT NOT NULL REFERENCES registered_model(name) ON DELETE CASCADE,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (model, key)
);

CREATE TABLE model_version (
    model         TEXT NOT NULL REFERENCES registered_model(name) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    source        TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    run_id        TEXT,
    description   TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    card_inputs   TEXT,
    card_outputs  TEXT,
    card_opset    INTEGER,
    PRIMARY KEY (model, version)
);

CREATE INDEX model_version_by_run ON model_version(run_id);

CREATE TABLE model_version_snapshot (
    model       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    snapshot_id TEXT NOT NULL,
    PRIMARY KEY (model, version, snapshot_id),
    FOREIGN KEY (model, version) REFERENCES model_version(model, version) ON DELETE CASCADE
);

CREATE TABLE model_version_metric (
    model   TEXT NOT NULL,
    version INTEGER NOT NULL,
    key     TEXT NOT NULL,
    value   REAL NOT NULL,
    PRIMARY KEY (model, version, key),
    FOREIGN KEY (model, version) REFERENCES model_version(model, version) ON DELETE CASCADE
);

CREATE TABLE model_alias (
    model   TEXT NOT NULL,
    alias   TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (model, alias),
    FOREIGN KEY (model, version) REFERENCES model_version(model, version) ON DELETE CASCADE
);

-- Every move of an alias, in order, rolled_back marks a move a rollback has undone, so that
-- successive rollbacks walk further back instead of toggling between two versions.
CREATE TABLE alias_move (
    id            INTEGER PRIMARY KEY,
    model         TEXT NOT NULL,
    alias         TEXT NOT NULL,
    from_version  INTEGER,
    to_version    INTEGER,
    rollback      INTEGER NOT NULL,
    rolled_back   INTEGER NOT NULL,
    moved_at      INTEGER NOT NULL
);

CREATE INDEX alias_move_by_alias ON alias_move(model, alias, id);

CREATE TABLE deployment (
    model      TEXT NOT NULL,
    backend    TEXT NOT NULL,
    node       TEXT NOT NULL,
    endpoint   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    status     TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (model, backend, node),
    FOREIGN KEY (model, version) REFERENCES model_version(model, version) ON DELETE CASCADE
);

-- Append-only: no foreign keys, so that the history of a deleted model stays readable.
CREATE TABLE registry_audit (
    id          INTEGER PRIMARY KEY,
    model       TEXT NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL,
    from_value  TEXT,
    to_value    TEXT,
    reason      TEXT
);

CREATE INDEX registry_audit_by_model ON registry_audit(model, id);
