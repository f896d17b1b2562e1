package io.mlops.trigger;

import io.mlops.registry.RegistryEvent;
import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * Where each subscriber (a Jenkins job's labeling trigger) counts newly finished tasks from: the
 * project's finished count when the subscriber last started a build, kept in the suite's store so that
 * the count survives a restart of the host. A subscriber that never built counts from 0: every finished
 * task is new to it. When tasks are deleted or reopened below the baseline, the baseline follows the
 * count down, so that only tasks finished afterwards count.
 */
public final class LabelingBaselines {
    private final Database database;
    private final Clock clock;

    /**
     * Creates the record on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param clock the source of update times
     */
    public LabelingBaselines(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether labeling progress meets a subscriber's condition, counted from its last build. Call
     * {@link #built} once the build is started.
     *
     * @param subscriber the subscriber's stable name, e.g. {@code jenkins:<instance>:<job>}
     * @param condition its condition
     * @param event the progress
     * @return true to start a build
     */
    public boolean reached(
            String subscriber, RegistryCondition.LabelingDone condition, RegistryEvent.LabelingProgressed event) {
        requireName(subscriber);
        if (!condition.about(event)) {
            return false;
        }
        int baseline = database.inTransaction(connection -> {
            Integer stored = stored(connection, subscriber, event);
            if (stored != null && event.finishedTasks() < stored) {
                store(connection, subscriber, event);
                return event.finishedTasks();
            }
            return stored == null ? 0 : stored;
        });
        return condition.reached(event, baseline);
    }

    /**
     * Records that a subscriber started a build on this progress: later tasks count from its count.
     *
     * @param subscriber the subscriber's name
     * @param event the progress that started the build
     */
    public void built(String subscriber, RegistryEvent.LabelingProgressed event) {
        requireName(subscriber);
        database.inTransaction(connection -> {
            store(connection, subscriber, event);
            return null;
        });
    }

    /**
     * The count a subscriber counts from.
     *
     * @param subscriber the subscriber's name
     * @param tool the tool
     * @param project the project
     * @return the finished count at its last build, or 0 when it never built
     */
    public int baseline(String subscriber, String tool, String project) {
        return database.read(connection -> {
            Integer stored = stored(connection, subscriber, tool, project);
            return stored == null ? 0 : stored;
        });
    }

    private void store(Connection connection, String subscriber, RegistryEvent.LabelingProgressed event)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO labeling_baseline(subscriber,"
                + " tool, project, finished, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (subscriber, tool,"
                + " project) DO UPDATE SET finished = excluded.finished, updated_at = excluded.updated_at")) {
            upsert.setString(1, subscriber);
            upsert.setString(2, event.tool());
            upsert.setString(3, event.project());
            upsert.setInt(4, Math.max(0, event.finishedTasks()));
            upsert.setLong(5, clock.millis());
            upsert.executeUpdate();
        }
    }

    private static Integer stored(Connection connection, String subscriber, RegistryEvent.LabelingProgressed event)
            throws SQLException {
        return stored(connection, subscriber, event.tool(), event.project());
    }

    private static Integer stored(Connection connection, String subscriber, String tool, String project)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT finished FROM labeling_baseline" + " WHERE subscriber = ? AND tool = ? AND project = ?")) {
            select.setString(1, subscriber);
            select.setString(2, tool);
            select.setString(3, project);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getInt(1) : null;
            }
        }
    }

    private static void requireName(String subscriber) {
        if (subscriber == null || subscriber.isBlank()) {
            throw new IllegalArgumentException("a labeling trigger subscriber needs a name");
        }
    }
}
