-- Dataset cards recorded with snapshots by mlops data snapshot --labels: the card's JSON (also
-- stored as an object in the snapshot's cache, named by its MD5) and the labels it describes.
-- A snapshot may get cards again later, and the latest recording is the one used.
CREATE TABLE snapshot_card (
    snapshot_id  TEXT NOT NULL REFERENCES snapshot(id),
    card_md5     TEXT NOT NULL,
    label_format TEXT NOT NULL,
    label_path   TEXT NOT NULL,
    card_json    TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, card_md5)
);

CREATE INDEX snapshot_card_by_time ON snapshot_card(snapshot_id, recorded_at);
