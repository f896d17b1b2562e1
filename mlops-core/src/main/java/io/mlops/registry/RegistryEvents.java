package io.mlops.registry;

import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stream of registry events, read from the outbox: every change committed by any host on this
 * store (mlops server, mlops registry, a Jenkins controller), in commit order.
 *
 * <p>A reader either keeps its own position and calls {@link #since}, or names itself and lets the
 * store keep a durable cursor: {@link #next} returns the events after the cursor, and
 * {@link #acknowledge} moves it once they are handled. A consumer's first {@link #cursor} starts at
 * the head of the stream, so a new consumer is not handed the whole history. Handling an event and
 * acknowledging it are two steps: a consumer that dies between them sees the event again (at least
 * once); {@link RecordedEvent#eventId()} tells it apart.
 */
public final class RegistryEvents {
    /** The most events one read returns when the caller names no limit. */
    public static final int DEFAULT_LIMIT = 100;

    private final Database database;
    private final Clock clock;

    /**
     * Creates the reader on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param clock the source of cursor update times
     */
    public RegistryEvents(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the reader with the system clock.
     *
     * @param database the metadata database
     */
    public RegistryEvents(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * The events after a position.
     *
     * @param position the last position already seen, 0 for the start of the stream
     * @param limit the most events to return, at least 1
     * @return the events, oldest first
     */
    public List<RecordedEvent> since(long position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a read needs limit >= 1: " + limit);
        }
        return database.read(connection -> {
            List<RecordedEvent> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT position, event_id, at, kind, body"
                    + " FROM registry_event WHERE position > ? ORDER BY position LIMIT ?")) {
                select.setLong(1, position);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(new RecordedEvent(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getLong(3),
                                RegistryEventCodec.read(rows.getString(4), rows.getString(5))));
                    }
                }
            }
            return events;
        });
    }

    /**
     * The position of the newest event.
     *
     * @return its position, 0 when the stream is empty
     */
    public long head() {
        return database.read(RegistryEvents::head);
    }

    /**
     * A consumer's cursor: the last position it acknowledged. The first call for a name registers
     * the consumer at the current head.
     *
     * @param consumer the consumer's stable name, e.g. {@code jenkins:registry-trigger}
     * @return its position
     */
    public long cursor(String consumer) {
        requireName(consumer);
        return database.inTransaction(connection -> {
            Long stored = stored(connection, consumer);
            if (stored != null) {
                return stored;
            }
            // Two hosts may register one consumer at once: the first insert wins, both read it.
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_event_cursor(consumer,"
                    + " position, updated_at) VALUES (?, ?, ?) ON CONFLICT (consumer) DO NOTHING")) {
                insert.setString(1, consumer);
                insert.setLong(2, head(connection));
                insert.setLong(3, clock.millis());
                insert.executeUpdate();
            }
            return stored(connection, consumer);
        });
    }

    /**
     * The events after a consumer's cursor (registering it at the head on first use).
     *
     * @param consumer the consumer's name
     * @param limit the most events to return
     * @return the events not yet acknowledged, oldest first
     */
    public List<RecordedEvent> next(String consumer, int limit) {
        return since(cursor(consumer), limit);
    }

    /**
     * Moves a consumer's cursor forward; a position behind the cursor leaves it where it is, so a
     * late acknowledgement cannot make a consumer read events twice.
     *
     * @param consumer the consumer's name
     * @param position the position of the last event it handled
     */
    public void acknowledge(String consumer, long position) {
        requireName(consumer);
        cursor(consumer);
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE registry_event_cursor"
                    + " SET position = ?, updated_at = ? WHERE consumer = ? AND position < ?")) {
                update.setLong(1, position);
                update.setLong(2, clock.millis());
                update.setString(3, consumer);
                update.setLong(4, position);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static Long stored(Connection connection, String consumer) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT position FROM registry_event_cursor WHERE consumer = ?")) {
            select.setString(1, consumer);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    private static long head(Connection connection) throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT COALESCE(MAX(position), 0) FROM registry_event");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void requireName(String consumer) {
        if (consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("a registry event consumer needs a name");
        }
    }
}
