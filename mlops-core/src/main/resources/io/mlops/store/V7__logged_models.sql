-- MLflow 3's logged models: a model logged by a run (or on its own) with its own id (m-<hex>), status,
-- tags, params, metrics linked to it, and artifact files (blobs named by digest) under
-- <experiment artifact location>/models/<id>/artifacts. Runs record the models they produced
-- (log-outputs). Registry versions that are MLflow model directories list their files here too.
CREATE TABLE logged_model (
    id                TEXT PRIMARY KEY,
    experiment_id     INTEGER NOT NULL REFERENCES experiment(id),
    name              TEXT NOT NULL,
    artifact_location TEXT NOT NULL,
    creation_time     INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    status            TEXT NOT NULL,
    status_message    TEXT,
    lifecycle_stage   TEXT NOT NULL,
    model_type        TEXT,
    source_run_id     TEXT
);

CREATE INDEX logged_model_by_experiment ON logged_model(experiment_id, creation_time);

CREATE TABLE logged_model_tag (
    model_id TEXT NOT NULL REFERENCES logged_model(id),
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
) WITHOUT ROWID;

CREATE TABLE logged_model_param (
    model_id TEXT NOT NULL REFERENCES logged_model(id),
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
) WITHOUT ROWID;

-- Metric points linked to a model (log-metric or log-batch with model_id), dataset fields are empty
-- when the point names no dataset, so that the key can hold them.
CREATE TABLE logged_model_metric (
    model_id       TEXT NOT NULL REFERENCES logged_model(id),
    key            TEXT NOT NULL,
    timestamp      INTEGER NOT NULL,
    step           INTEGER NOT NULL,
    value          REAL NOT NULL,
    is_nan         INTEGER NOT NULL,
    run_id         TEXT NOT NULL,
    dataset_name   TEXT NOT NULL,
    dataset_digest TEXT NOT NULL,
    PRIMARY KEY (model_id, key, timestamp, step, run_id, dataset_name, dataset_digest)
) WITHOUT ROWID;

CREATE TABLE logged_model_artifact (
    model_id   TEXT NOT NULL REFERENCES logged_model(id),
    path       TEXT NOT NULL,
    blob       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (model_id, path)
) WITHOUT ROWID;

CREATE TABLE run_output (
    run_id   TEXT NOT NULL REFERENCES run(id),
    model_id TEXT NOT NULL,
    step     INTEGER NOT NULL,
    PRIMARY KEY (run_id, model_id)
) WITHOUT ROWID;

-- The files of a registry version that is an MLflow model directory, fixed when it was registered.
CREATE TABLE model_version_file (
    model   TEXT NOT NULL,
    version INTEGER NOT NULL,
    path    TEXT NOT NULL,
    blob    TEXT NOT NULL,
    size    INTEGER NOT NULL,
    PRIMARY KEY (model, version, path),
    FOREIGN KEY (model, version) REFERENCES model_version(model, version) ON DELETE CASCADE
);
