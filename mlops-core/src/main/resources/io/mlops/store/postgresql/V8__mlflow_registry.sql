-- PostgreSQL: 64-bit times, otherwise the portable V8.
-- What the MLflow registry protocol keeps beyond the registry of the suite: tags of model versions,
-- the stage of a version (None, Staging, Production, Archived: the older MLflow workflow, kept beside
-- aliases), and the numbers of deleted versions, which MLflow never hands out again.
-- Times are milliseconds since the epoch.
CREATE TABLE model_version_tag (
    model   TEXT NOT NULL,
    version INTEGER NOT NULL,
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (model, version, key),
    FOREIGN KEY (model, version) REFERENCES model_version(model, version) ON DELETE CASCADE
);

CREATE TABLE model_version_stage (
    model      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    stage      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (model, version),
    FOREIGN KEY (model, version) REFERENCES model_version(model, version) ON DELETE CASCADE
);

-- No foreign key: the version is gone, its number stays taken until the model is deleted.
CREATE TABLE model_version_deleted (
    model      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    deleted_at BIGINT NOT NULL,
    PRIMARY KEY (model, version)
);

-- Webhooks created through the MLflow webhooks API sign with the X-MLflow-Signature scheme, those
-- of the suite with X-Mlops-Signature. MLflow webhooks carry a name, a description, a status and
-- their MLflow events (comma-separated entity.action names, delivered from the events column).
ALTER TABLE registry_webhook ADD COLUMN signature_scheme TEXT NOT NULL DEFAULT 'mlops';
ALTER TABLE registry_webhook ADD COLUMN name TEXT;
ALTER TABLE registry_webhook ADD COLUMN description TEXT;
ALTER TABLE registry_webhook ADD COLUMN mlflow_events TEXT;
ALTER TABLE registry_webhook ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE registry_webhook ADD COLUMN updated_at BIGINT;
