-- Labeling webhooks (Label Studio, CVAT) and the triggers they feed: portable to SQLite and PostgreSQL.
--
-- labeling_delivery: the SHA-256 of each accepted delivery's body, by tool, so that a delivery the
-- tool sends again (a retry, a redelivery from its UI, a replay) is not recorded twice. Neither tool
-- sends a delivery id: their bodies carry the change's own timestamps, so equal bodies are the same
-- delivery. Rows older than the retention are dropped when a new one is written.
CREATE TABLE labeling_delivery (
    digest       TEXT PRIMARY KEY,
    received_at  BIGINT NOT NULL
);

CREATE INDEX labeling_delivery_by_time ON labeling_delivery(received_at);

-- labeling_job: CVAT's job webhooks tell one job's state, not the project's count: the receiver keeps
-- each job's last state, and counts the completed ones of a project.
CREATE TABLE labeling_job (
    tool       TEXT NOT NULL,
    project    TEXT NOT NULL,
    job        TEXT NOT NULL,
    finished   INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tool, project, job)
);

-- labeling_baseline: for each subscriber (a Jenkins job's trigger) and labeling project, how many
-- tasks were finished when the subscriber last started a build: "N newly finished tasks" counts from
-- here, so the count survives a restart of the host.
CREATE TABLE labeling_baseline (
    subscriber  TEXT NOT NULL,
    tool        TEXT NOT NULL,
    project     TEXT NOT NULL,
    finished    INTEGER NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (subscriber, tool, project)
);
