package io.mlops.labels.card;

import io.mlops.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The card catalog in the suite's metadata database, in SQL that SQLite and PostgreSQL share. */
public final class JdbcCardCatalog implements CardCatalog {
    private final Database database;

    /**
     * Creates the catalog over a migrated database.
     *
     * @param database the suite's metadata database
     */
    public JdbcCardCatalog(Database database) {
        this.database = database;
    }

    @Override
    public void record(RecordedCard card) {
        database.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO snapshot_card(snapshot_id, card_md5, label_format, label_path, card_json,"
                            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (snapshot_id, card_md5) DO UPDATE"
                            + " SET label_format = excluded.label_format, label_path = excluded.label_path,"
                            + " recorded_at = excluded.recorded_at")) {
                upsert.setString(1, card.snapshotId());
                upsert.setString(2, card.cardObject());
                upsert.setString(3, card.labelFormat());
                upsert.setString(4, card.labelPath());
                upsert.setString(5, new String(CardJson.write(card.card()), StandardCharsets.UTF_8));
                upsert.setString(6, card.recordedAt().toString());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<RecordedCard> latest(String snapshotId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT card_md5, label_format, label_path, card_json, recorded_at FROM snapshot_card"
                            + " WHERE snapshot_id = ? ORDER BY recorded_at DESC, card_md5 LIMIT 1")) {
                query.setString(1, snapshotId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RecordedCard(
                            snapshotId,
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            Instant.parse(row.getString(5)),
                            CardJson.read(row.getString(4), "of snapshot " + snapshotId)));
                }
            }
        });
    }
}
