package io.mlops.trigger;

import io.mlops.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The labeling webhook deliveries already recorded, by the SHA-256 of their tool and body, kept in the
 * suite's store so that a delivery sent again (the tool's retry or redelivery, or a replay) is not
 * recorded twice, even after a restart. Neither Label Studio nor CVAT sends a delivery id; their bodies
 * carry the change's own timestamps and ids, so two equal bodies are one delivery.
 */
public final class LabelingDeliveries {
    /** How long a delivery is remembered. */
    public static final Duration RETENTION = Duration.ofDays(30);

    private final Database database;
    private final Clock clock;

    /**
     * Creates the record on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param clock the source of receiving times
     */
    public LabelingDeliveries(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A delivery's key.
     *
     * @param tool the tool that sent it
     * @param body the body, exactly as received
     * @return the hex SHA-256 over the tool's name and the body
     */
    public static String digest(LabelingTool tool, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((tool.id() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * Whether a delivery was recorded before.
     *
     * @param digest its {@link #digest}
     * @return true for a delivery seen within the retention
     */
    public boolean seen(String digest) {
        return database.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT 1 FROM labeling_delivery WHERE digest = ?")) {
                select.setString(1, digest);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /**
     * Remembers a recorded delivery, and forgets those older than the retention.
     *
     * @param digest its {@link #digest}
     */
    public void remember(String digest) {
        long now = clock.millis();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO labeling_delivery(digest,"
                            + " received_at) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING");
                    PreparedStatement prune =
                            connection.prepareStatement("DELETE FROM labeling_delivery WHERE received_at < ?")) {
                insert.setString(1, digest);
                insert.setLong(2, now);
                insert.executeUpdate();
                prune.setLong(1, now - RETENTION.toMillis());
                prune.executeUpdate();
            }
            return null;
        });
    }
}
