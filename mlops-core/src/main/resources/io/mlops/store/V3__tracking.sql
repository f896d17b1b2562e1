-- Experiment tracking in the shape of the MLflow REST protocol: experiments hold runs, and a run logs
-- params (immutable), metric series, tags, dataset inputs and artifacts (blobs named by digest).
-- Times are milliseconds since the epoch, as MLflow sends them.
CREATE TABLE experiment (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    artifact_location TEXT NOT NULL,
    lifecycle_stage   TEXT NOT NULL,
    creation_time     INTEGER NOT NULL,
    last_update_time  INTEGER NOT NULL
);

-- MLflow clients expect experiment 0, named Default, to exist.
INSERT INTO experiment(id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active',
        CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);

CREATE TABLE experiment_tag (
    experiment_id INTEGER NOT NULL REFERENCES experiment(id),
    key           TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (experiment_id, key)
) WITHOUT ROWID;

CREATE TABLE run (
    id              TEXT PRIMARY KEY,
    experiment_id   INTEGER NOT NULL REFERENCES experiment(id),
    name            TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    status          TEXT NOT NULL,
    start_time      INTEGER NOT NULL,
    end_time        INTEGER,
    lifecycle_stage TEXT NOT NULL,
    deleted_time    INTEGER,
    artifact_uri    TEXT NOT NULL
);

CREATE INDEX run_by_experiment ON run(experiment_id, start_time);

CREATE TABLE run_param (
    run_id TEXT NOT NULL REFERENCES run(id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

CREATE TABLE run_tag (
    run_id TEXT NOT NULL REFERENCES run(id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

-- Every logged point: the key makes logging the same point twice (a retried request) a no-op,
-- as in MLflow. NaN is stored as value 0 with is_nan = 1 because SQLite reads NaN back as NULL.
CREATE TABLE metric (
    run_id    TEXT NOT NULL REFERENCES run(id),
    key       TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    value     REAL NOT NULL,
    is_nan    INTEGER NOT NULL,
    PRIMARY KEY (run_id, key, timestamp, step, value, is_nan)
) WITHOUT ROWID;

-- The point with the highest (step, timestamp, value) of each metric: what a run shows.
CREATE TABLE latest_metric (
    run_id    TEXT NOT NULL REFERENCES run(id),
    key       TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    step      INTEGER NOT NULL,
    value     REAL NOT NULL,
    is_nan    INTEGER NOT NULL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;

-- Datasets a run used (MLflow's log-inputs), data snapshots among them, with tags as a JSON object.
CREATE TABLE run_dataset (
    run_id      TEXT NOT NULL REFERENCES run(id),
    name        TEXT NOT NULL,
    digest      TEXT NOT NULL,
    source_type TEXT NOT NULL,
    source      TEXT NOT NULL,
    schema      TEXT,
    profile     TEXT,
    tags        TEXT NOT NULL,
    PRIMARY KEY (run_id, name, digest)
) WITHOUT ROWID;

CREATE INDEX run_dataset_by_digest ON run_dataset(digest);

-- A run's artifact files: a path under the run's artifact root and the blob holding its bytes.
CREATE TABLE run_artifact (
    run_id     TEXT NOT NULL REFERENCES run(id),
    path       TEXT NOT NULL,
    blob       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, path)
) WITHOUT ROWID
