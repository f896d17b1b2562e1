-- Alert rules per model and the durable state of each alert (issue 19).
--
-- alert_rule: what the server's monitor watches on a model's deployments. kind is drift,
-- error_rate or latency, and input names the one input a drift rule watches (NULL: the largest PSI of
-- any input), and threshold is the limit the measured value must exceed on every sample of the last
-- minutes for the alert to fire.
CREATE TABLE alert_rule (
    model       TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    input       TEXT,
    threshold   REAL NOT NULL,
    minutes     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (model, name)
);

-- alert_state: whether a rule fires on one endpoint, since when, and what was measured then, so a
-- restarted server neither fires an alert again nor forgets one. announce_mark is set while the
-- change is not yet confirmed in the registry's event stream: the stream's head before the
-- announcement, from where a restarted monitor looks for it before announcing it again.
CREATE TABLE alert_state (
    model          TEXT NOT NULL,
    rule           TEXT NOT NULL,
    endpoint       TEXT NOT NULL,
    version        INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    firing         INTEGER NOT NULL,
    threshold      REAL NOT NULL,
    value          REAL NOT NULL,
    detail         TEXT NOT NULL,
    since          INTEGER NOT NULL,
    announce_mark  INTEGER,
    PRIMARY KEY (model, rule, endpoint)
)
