package io.mlops.registry.webhook;

import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.store.Database;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Webhook subscriptions and their delivery log in the metadata store. Secrets go in and are read
 * back only by the {@link WebhookDispatcher} to sign payloads; every read here leaves them out.
 * Deliveries wait in the registry's outbox ({@code webhook_outbox}), queued in the transaction of
 * the change they announce.
 */
public final class WebhookStore {
    private final Database database;
    private final Clock clock;

    /**
     * Creates the store on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param clock the source of creation and attempt times
     */
    public WebhookStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the store with the system clock.
     *
     * @param database the metadata database
     */
    public WebhookStore(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * Adds a webhook.
     *
     * @param webhook what to add
     * @return the webhook, without its secret
     */
    public Webhook add(NewWebhook webhook) {
        long now = clock.millis();
        String events = webhook.events().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        long id = database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_webhook(url, secret,"
                    + " events, model, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, webhook.url().toString());
                insert.setString(2, webhook.secret());
                insert.setString(3, events);
                insert.setString(4, webhook.model());
                insert.setLong(5, now);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        return new Webhook(id, webhook.url(), webhook.events(), webhook.model(), now);
    }

    /**
     * Lists the webhooks.
     *
     * @return every webhook, by id, without secrets
     */
    public List<Webhook> list() {
        return database.read(connection -> {
            List<Webhook> webhooks = new ArrayList<>();
            for (Subscriber subscriber : read(connection, "")) {
                webhooks.add(subscriber.webhook());
            }
            return webhooks;
        });
    }

    /**
     * Finds a webhook.
     *
     * @param id its number
     * @return the webhook, without its secret
     * @throws UnknownRegistryEntry when there is none of that number
     */
    public Webhook webhook(long id) {
        return database.read(connection -> require(connection, id).webhook());
    }

    /**
     * Removes a webhook and its delivery log.
     *
     * @param id its number
     * @throws UnknownRegistryEntry when there is none of that number
     */
    public void remove(long id) {
        database.inTransaction(connection -> {
            require(connection, id);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM registry_webhook WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Appends an attempt to the delivery log, inside the caller's transaction; an attempt for a
     * webhook removed meanwhile is dropped.
     *
     * @param connection the transaction's connection
     * @param attempt the attempt
     * @throws SQLException on a database failure
     */
    static void record(Connection connection, DeliveryAttempt attempt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_delivery(webhook_id,"
                + " delivery_id, event, attempt, status, http_status, error, at)"
                + " SELECT id, ?, ?, ?, ?, ?, ?, ? FROM registry_webhook WHERE id = ?")) {
            insert.setString(1, attempt.deliveryId());
            insert.setString(2, attempt.event().name());
            insert.setInt(3, attempt.attempt());
            insert.setString(4, attempt.status().name());
            insert.setObject(5, attempt.httpStatus(), Types.INTEGER);
            insert.setString(6, attempt.error());
            insert.setLong(7, attempt.at());
            insert.setLong(8, attempt.webhookId());
            insert.executeUpdate();
        }
    }

    /**
     * The deliveries of a webhook still to be made or retried.
     *
     * @param webhookId the webhook
     * @return how many events wait for it
     */
    public int pending(long webhookId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM webhook_outbox WHERE webhook_id = ? AND state = 'PENDING'")) {
                select.setLong(1, webhookId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    Database database() {
        return database;
    }

    /**
     * The delivery log of a webhook.
     *
     * @param webhookId the webhook
     * @return its attempts, newest first
     * @throws UnknownRegistryEntry when there is no such webhook
     */
    public List<DeliveryAttempt> deliveries(long webhookId) {
        return database.read(connection -> {
            require(connection, webhookId);
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT delivery_id, event, attempt, status,"
                    + " http_status, error, at FROM webhook_delivery WHERE webhook_id = ? ORDER BY id DESC")) {
                select.setLong(1, webhookId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int status = rows.getInt(5);
                        Integer httpStatus = rows.wasNull() ? null : status;
                        attempts.add(new DeliveryAttempt(
                                rows.getString(1),
                                webhookId,
                                WebhookEvent.valueOf(rows.getString(2)),
                                rows.getInt(3),
                                DeliveryStatus.valueOf(rows.getString(4)),
                                httpStatus,
                                rows.getString(6),
                                rows.getLong(7)));
                    }
                }
            }
            return attempts;
        });
    }

    private static Subscriber require(Connection connection, long id) throws SQLException {
        List<Subscriber> found = read(connection, " WHERE id = " + id);
        if (found.isEmpty()) {
            throw new UnknownRegistryEntry("no webhook with id " + id);
        }
        return found.getFirst();
    }

    private static List<Subscriber> read(Connection connection, String where) throws SQLException {
        List<Subscriber> subscribers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, url, secret, events, model, created_at, signature_scheme, status, mlflow_events"
                                + " FROM registry_webhook" + where + " ORDER BY id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
                for (String name : rows.getString(4).split(",")) {
                    events.add(WebhookEvent.valueOf(name));
                }
                subscribers.add(new Subscriber(
                        new Webhook(
                                rows.getLong(1),
                                URI.create(rows.getString(2)),
                                events,
                                rows.getString(5),
                                rows.getLong(6)),
                        rows.getString(3),
                        SignatureScheme.ofStored(rows.getString(7)),
                        "ACTIVE".equals(rows.getString(8)),
                        rows.getString(9) == null
                                ? Set.of()
                                : Set.of(rows.getString(9).split(","))));
            }
        }
        return subscribers;
    }

    /**
     * A webhook with the secret that signs its payloads; never leaves this package.
     *
     * @param webhook the webhook
     * @param secret its secret
     * @param scheme how its deliveries are signed and shaped
     * @param active false for an MLflow webhook set DISABLED
     * @param mlflowEvents the MLflow events of a webhook made through MLflow's API, empty otherwise
     */
    record Subscriber(
            Webhook webhook, String secret, SignatureScheme scheme, boolean active, Set<String> mlflowEvents) {
        /** Whether the webhook wants a registry event, beyond the suite event it subscribes to. */
        boolean wants(io.mlops.registry.RegistryEvent event) {
            return active && (scheme == SignatureScheme.MLOPS || mlflowEvents.contains(MlflowWebhookEvents.of(event)));
        }

        @Override
        public String toString() {
            return "Subscriber[" + webhook + "]";
        }
    }
}
