-- Registry webhooks: subscriptions to registry events, and the log of every delivery attempt.
-- The secret signs each payload (HMAC-SHA256), it is kept because signing needs it, and is never
-- returned by the API nor printed. events is a comma-separated list of event names, a null model
-- means every model. Times are milliseconds since the epoch.
CREATE TABLE registry_webhook (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    events      TEXT NOT NULL,
    model       TEXT,
    created_at  INTEGER NOT NULL
);

-- One row per attempt, attempts of one delivery share delivery_id (the X-Mlops-Delivery header).
CREATE TABLE webhook_delivery (
    id           INTEGER PRIMARY KEY,
    webhook_id   INTEGER NOT NULL REFERENCES registry_webhook(id) ON DELETE CASCADE,
    delivery_id  TEXT NOT NULL,
    event        TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    status       TEXT NOT NULL,
    http_status  INTEGER,
    error        TEXT,
    at           INTEGER NOT NULL
);

CREATE INDEX webhook_delivery_by_webhook ON webhook_delivery(webhook_id, id)
