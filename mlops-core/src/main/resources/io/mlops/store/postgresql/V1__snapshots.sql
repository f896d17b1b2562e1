-- PostgreSQL: sizes are BIGINT (its INTEGER has 32 bits), otherwise the portable V1.
-- Data snapshots: one immutable row per distinct content (the id is the content hash),
-- the manifest of its files, and the names given to it over time.
CREATE TABLE snapshot (
    id          TEXT PRIMARY KEY,
    object_id   TEXT NOT NULL,
    directory   INTEGER NOT NULL,
    source_path TEXT NOT NULL,
    cache_root  TEXT NOT NULL,
    file_count  INTEGER NOT NULL,
    total_size  BIGINT NOT NULL,
    created_at  TEXT NOT NULL,
    git_commit  TEXT,
    git_dirty   INTEGER,
    message     TEXT
);

CREATE TABLE snapshot_file (
    snapshot_id TEXT NOT NULL REFERENCES snapshot(id),
    path        TEXT NOT NULL,
    md5         TEXT NOT NULL,
    size        BIGINT NOT NULL,
    PRIMARY KEY (snapshot_id, path)
);

CREATE TABLE snapshot_name (
    name        TEXT NOT NULL,
    snapshot_id TEXT NOT NULL REFERENCES snapshot(id),
    named_at    TEXT NOT NULL,
    PRIMARY KEY (name, snapshot_id)
);

CREATE INDEX snapshot_name_by_time ON snapshot_name(name, named_at);
