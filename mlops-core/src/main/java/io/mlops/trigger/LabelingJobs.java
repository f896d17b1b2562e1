package io.mlops.trigger;

import io.mlops.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Objects;

/**
 * The last known state of each job of the labeling projects whose tool reports jobs one at a time
 * (CVAT), kept in the suite's store: a project's finished count is the number of its jobs last seen
 * completed.
 */
public final class LabelingJobs {
    private final Database database;
    private final Clock clock;

    /**
     * Creates the record on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param clock the source of update times
     */
    public LabelingJobs(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a job's state (a deleted job is removed) and counts the project's finished jobs.
     *
     * @param tool the tool
     * @param project the project
     * @param job the job
     * @param finished whether the job is finished
     * @param deleted whether the job was deleted
     * @return how many of the project's known jobs are finished now
     */
    public int record(LabelingTool tool, String project, String job, boolean finished, boolean deleted) {
        long now = clock.millis();
        return database.inTransaction(connection -> {
            if (deleted) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM labeling_job WHERE tool = ? AND project = ? AND job = ?")) {
                    delete.setString(1, tool.id());
                    delete.setString(2, project);
                    delete.setString(3, job);
                    delete.executeUpdate();
                }
            } else {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO labeling_job(tool, project,"
                        + " job, finished, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tool, project, job)"
                        + " DO UPDATE SET finished = excluded.finished, updated_at = excluded.updated_at")) {
                    upsert.setString(1, tool.id());
                    upsert.setString(2, project);
                    upsert.setString(3, job);
                    upsert.setInt(4, finished ? 1 : 0);
                    upsert.setLong(5, now);
                    upsert.executeUpdate();
                }
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM labeling_job WHERE tool = ? AND project = ? AND finished = 1")) {
                count.setString(1, tool.id());
                count.setString(2, project);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }
}
