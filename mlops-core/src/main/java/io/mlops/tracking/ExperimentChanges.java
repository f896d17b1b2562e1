package io.mlops.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The SQL of changes to an existing experiment, as MLflow's SQL store makes them: deleting an
 * experiment marks it and all its runs deleted, restoring marks them active again; only an
 * active experiment can be renamed or have its tags changed.
 */
final class ExperimentChanges {
    private ExperimentChanges() {}

    /**
     * Moves an experiment and all its runs to a lifecycle stage.
     *
     * @param connection the transaction
     * @param id the experiment
     * @param stage the new stage
     * @param now the time of the change
     * @throws SQLException on a database failure
     */
    static void setLifecycle(Connection connection, long id, LifecycleStage stage, long now) throws SQLException {
        try (PreparedStatement experiment = connection.prepareStatement(
                "UPDATE experiment SET lifecycle_stage = ?, last_update_time = ? WHERE id = ?")) {
            experiment.setString(1, stage.wireName());
            experiment.setLong(2, now);
            experiment.setLong(3, id);
            experiment.executeUpdate();
        }
        try (PreparedStatement runs = connection.prepareStatement(
                "UPDATE run SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ?")) {
            runs.setString(1, stage.wireName());
            if (stage == LifecycleStage.DELETED) {
                runs.setLong(2, now);
            } else {
                runs.setNull(2, Types.BIGINT);
            }
            runs.setLong(3, id);
            runs.executeUpdate();
        }
    }

    /**
     * Renames an experiment.
     *
     * @param connection the transaction
     * @param id the experiment
     * @param name the new name, not taken
     * @param now the time of the change
     * @throws SQLException on a database failure, a unique violation when the name is taken
     */
    static void rename(Connection connection, long id, String name, long now) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE experiment SET name = ?, last_update_time = ? WHERE id = ?")) {
            update.setString(1, name);
            update.setLong(2, now);
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    /**
     * Deletes an experiment tag.
     *
     * @param connection the transaction
     * @param id the experiment
     * @param key the tag
     * @return whether the tag existed
     * @throws SQLException on a database failure
     */
    static boolean deleteTag(Connection connection, long id, String key) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM experiment_tag WHERE experiment_id = ? AND key = ?")) {
            delete.setLong(1, id);
            delete.setString(2, key);
            return delete.executeUpdate() > 0;
        }
    }

    /**
     * Fails unless an experiment is active, with MLflow's message.
     *
     * @param experiment the experiment
     */
    static void checkActive(Experiment experiment) {
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw TrackingError.invalid("The experiment " + experiment.id() + " must be in the 'active' state."
                    + " Current state is " + experiment.lifecycleStage().wireName() + ".");
        }
    }
}
