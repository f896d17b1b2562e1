package io.mlops.registry;

import io.mlops.registry.webhook.MlflowWebhookEvents;
import io.mlops.registry.webhook.WebhookEvent;
import io.mlops.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Appends a registry event to the outbox inside the transaction of the change that caused it, and
 * queues one webhook delivery per subscribed webhook in the same transaction: the change, its
 * event and its deliveries commit together or not at all.
 */
final class RegistryOutbox {
    // Names the PostgreSQL lock that makes positions commit in order (any constant works).
    private static final long APPEND_LOCK = 0x6d6c6f7073_6576L;

    private RegistryOutbox() {}

    static void append(Connection connection, Dialect dialect, RegistryEvent event, long at) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            // An identity value is taken at INSERT but becomes visible at COMMIT: two transactions
            // could commit positions out of order, and a consumer whose cursor passed the higher one
            // would never see the lower. Holding this lock until commit keeps positions in commit
            // order. SQLite has one writer at a time already.
            try (Statement lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
            }
        }
        long position;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_event(event_id, kind, model,"
                + " body, at) VALUES (?, ?, ?, ?, ?) RETURNING position")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, RegistryEventCodec.kind(event));
            insert.setString(3, event.model());
            insert.setString(4, RegistryEventCodec.write(event));
            insert.setLong(5, at);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                position = rows.getLong(1);
            }
        }
        // A webhook's events column is a comma-separated list of WebhookEvent names, and a webhook made
        // through MLflow's API also lists the MLflow events it wants (and may be disabled); the names hold
        // no LIKE wildcards other than '_', which matches itself here.
        String mlflowEvent = MlflowWebhookEvents.of(event);
        try (PreparedStatement queue = connection.prepareStatement("INSERT INTO webhook_outbox(position, webhook_id,"
                + " state, attempts, next_at) SELECT ?, id, 'PENDING', 0, ? FROM registry_webhook"
                + " WHERE (model IS NULL OR model = ?) AND (',' || events || ',') LIKE ? AND status = 'ACTIVE'"
                + " AND (signature_scheme = 'mlops' OR (',' || mlflow_events || ',') LIKE ?)")) {
            queue.setLong(1, position);
            queue.setLong(2, at);
            queue.setString(3, event.model());
            queue.setString(4, "%," + WebhookEvent.of(event).name() + ",%");
            // an event MLflow has no name for matches no MLflow webhook
            queue.setString(5, mlflowEvent == null ? "" : "%," + mlflowEvent + ",%");
            queue.executeUpdate();
        }
    }
}
