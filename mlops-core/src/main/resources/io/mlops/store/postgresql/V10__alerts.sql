-- PostgreSQL: 64-bit times and double precision values, otherwise the portable V10.
CREATE TABLE alert_rule (
    model       TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    input       TEXT,
    threshold   DOUBLE PRECISION NOT NULL,
    minutes     INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (model, name)
);

CREATE TABLE alert_state (
    model          TEXT NOT NULL,
    rule           TEXT NOT NULL,
    endpoint       TEXT NOT NULL,
    version        INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    firing         INTEGER NOT NULL,
    threshold      DOUBLE PRECISION NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    detail         TEXT NOT NULL,
    since          BIGINT NOT NULL,
    announce_mark  BIGINT,
    PRIMARY KEY (model, rule, endpoint)
)
