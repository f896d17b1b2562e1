-- Registry events through a transactional outbox, and build tokens that survive a restart.
--
-- registry_event: every registry change appends its event here in the transaction that makes the
-- change, so an event exists exactly when its change committed, whichever host made it (mlops
-- server, mlops registry, Jenkins). position orders the stream that consumers read with a cursor,
-- event_id is the event's stable id (the X-Mlops-Event-Id header), body is the event as JSON.
CREATE TABLE registry_event (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    model       TEXT NOT NULL,
    body        TEXT NOT NULL,
    at          INTEGER NOT NULL
);

-- webhook_outbox: one row per event and subscribed webhook, written with the event. A dispatcher
-- claims due rows (claimed_by, lease_until), posts them, and records the outcome: DELIVERED and
-- FAILED are final, PENDING is retried at next_at. A claim whose lease expired (its dispatcher
-- died) may be taken over.
CREATE TABLE webhook_outbox (
    id           INTEGER PRIMARY KEY,
    position     INTEGER NOT NULL REFERENCES registry_event(position) ON DELETE CASCADE,
    webhook_id   INTEGER NOT NULL REFERENCES registry_webhook(id) ON DELETE CASCADE,
    state        TEXT NOT NULL,
    attempts     INTEGER NOT NULL,
    next_at      INTEGER NOT NULL,
    claimed_by   TEXT,
    lease_until  INTEGER,
    UNIQUE (position, webhook_id)
);

CREATE INDEX webhook_outbox_due ON webhook_outbox(state, next_at);

-- registry_event_cursor: how far each named consumer of the stream (a Jenkins trigger) has read.
CREATE TABLE registry_event_cursor (
    consumer    TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- build_token: tokens issued to a build's processes, kept by SHA-256 only (never the token), so a
-- restarted host still accepts the tokens of builds that outlive it, and never a revoked one.
CREATE TABLE build_token (
    hash        TEXT PRIMARY KEY,
    scope       TEXT NOT NULL,
    issued_at   INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
);

CREATE INDEX build_token_by_scope ON build_token(scope)
