package io.mlops.registry.webhook;

import io.mlops.registry.RegistryEvent;
import io.mlops.registry.RegistryEventCodec;
import io.mlops.store.Database;
import io.mlops.store.Dialect;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The webhook deliveries waiting in the outbox, and the two steps a dispatcher takes on them: claim
 * the due ones, then record each attempt's outcome.
 *
 * <p>A claim is one UPDATE that takes rows that are pending, due, and not held by a live lease. On
 * PostgreSQL the rows are picked {@code FOR UPDATE SKIP LOCKED}, so two dispatchers never wait on
 * or take the same row; a concurrent claim that committed first is seen by the re-check of the
 * WHERE clause. On SQLite the claim runs in a write (IMMEDIATE) transaction, which no other writer
 * shares.
 */
final class DeliveryQueue {
    static final String PENDING = "PENDING";

    private final Database database;

    DeliveryQueue(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Claims due deliveries for one dispatcher round.
     *
     * @param claim a new id for this claim, kept in the rows until the outcome is recorded
     * @param now the dispatcher's time
     * @param leaseUntil until when the claim holds
     * @param limit the most deliveries to claim
     * @return the claimed deliveries, with what is needed to send them
     */
    List<Claimed> claim(String claim, long now, long leaseUntil, int limit) {
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_outbox SET claimed_by = ?,"
                    + " lease_until = ? WHERE id IN (SELECT id FROM webhook_outbox WHERE state = 'PENDING'"
                    + " AND next_at <= ? AND (claimed_by IS NULL OR lease_until < ?) ORDER BY id LIMIT ?" + lock
                    + ")")) {
                update.setString(1, claim);
                update.setLong(2, leaseUntil);
                update.setLong(3, now);
                update.setLong(4, now);
                update.setInt(5, limit);
                if (update.executeUpdate() == 0) {
                    return List.of();
                }
            }
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT o.id, o.attempts, w.id, w.url,"
                    + " w.secret, e.event_id, e.kind, e.body, e.at, w.signature_scheme FROM webhook_outbox o"
                    + " JOIN registry_webhook w ON w.id = o.webhook_id"
                    + " JOIN registry_event e ON e.position = o.position WHERE o.claimed_by = ? ORDER BY o.id")) {
                select.setString(1, claim);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new Claimed(
                                rows.getLong(1),
                                claim,
                                rows.getInt(2) + 1,
                                rows.getLong(3),
                                URI.create(rows.getString(4)),
                                rows.getString(5),
                                rows.getString(6),
                                RegistryEventCodec.read(rows.getString(7), rows.getString(8)),
                                rows.getLong(9),
                                SignatureScheme.ofStored(rows.getString(10))));
                    }
                }
            }
            return claimed;
        });
    }

    /**
     * Records an attempt: the outbox row moves on (delivered, failed, or due again at
     * {@code nextAt}) and the attempt is appended to the delivery log, in one transaction.
     *
     * @param delivery the claimed delivery
     * @param attempt the attempt's outcome
     * @param nextAt when a retry is due, for {@link DeliveryStatus#RETRYING}
     * @return false when the claim was lost (its lease ran out and another dispatcher took it)
     */
    boolean finish(Claimed delivery, DeliveryAttempt attempt, long nextAt) {
        String state = attempt.status() == DeliveryStatus.RETRYING
                ? PENDING
                : attempt.status().name();
        return database.inTransaction(connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_outbox SET state = ?,"
                    + " attempts = ?, next_at = ?, claimed_by = NULL, lease_until = NULL"
                    + " WHERE id = ? AND claimed_by = ?")) {
                update.setString(1, state);
                update.setInt(2, attempt.attempt());
                update.setLong(3, nextAt);
                update.setLong(4, delivery.id());
                update.setString(5, delivery.claim());
                updated = update.executeUpdate();
            }
            WebhookStore.record(connection, attempt);
            return updated == 1;
        });
    }

    /**
     * A delivery claimed by a dispatcher; never leaves this package (it holds the secret).
     *
     * @param id the outbox row
     * @param claim the claim that holds it
     * @param attempt the number of the attempt about to be made
     * @param webhookId the webhook
     * @param url where to post
     * @param secret what signs the payload
     * @param eventId the event's stable id
     * @param event the event
     * @param at when the change was made
     * @param scheme how the delivery is signed and shaped
     */
    record Claimed(
            long id,
            String claim,
            int attempt,
            long webhookId,
            URI url,
            String secret,
            String eventId,
            RegistryEvent event,
            long at,
            SignatureScheme scheme) {
        /**
         * The delivery's id: the same for every attempt and every dispatcher, so that a receiver
         * can drop a repeat.
         *
         * @return the event id and the webhook id
         */
        String deliveryId() {
            return eventId + "-" + webhookId;
        }

        @Override
        public String toString() {
            return "Claimed[" + id + ", " + deliveryId() + ", attempt " + attempt + "]";
        }
    }
}
