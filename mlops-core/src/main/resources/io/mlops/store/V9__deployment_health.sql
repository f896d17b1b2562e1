-- Production view (issue 19): each deployment's health as the server's poller reads it from the
-- agent, a bounded time series (retention by age and a row cap per endpoint, both enforced on each
-- append). A NULL measure is one the interval could not give (no requests, no percentiles), and a row
-- whose requests_per_second is NULL is a gap: the agent could not be read. input_psi is a JSON
-- object {input: psi}. Times are milliseconds since the epoch. The key makes a repeated append of
-- the same reading a no-op.
CREATE TABLE deployment_health (
    model               TEXT NOT NULL,
    version             INTEGER NOT NULL,
    endpoint            TEXT NOT NULL,
    at                  INTEGER NOT NULL,
    requests_per_second REAL,
    error_rate          REAL,
    p50_ms              REAL,
    p95_ms              REAL,
    p99_ms              REAL,
    input_psi           TEXT NOT NULL,
    PRIMARY KEY (model, endpoint, at)
);

CREATE INDEX deployment_health_at ON deployment_health(at);

-- Which server polls the agents: one holder at a time per name, until expires_at (a lease renewed
-- on each poll), so two servers on one PostgreSQL do not read the agents twice.
CREATE TABLE monitor_lease (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
