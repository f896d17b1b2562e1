package io.mlops.registry.webhook;

import io.mlops.error.UserError;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.store.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The webhooks made through MLflow 3's webhooks API: rows of the suite's webhook table (so the
 * suite's dispatcher delivers them, with its retries and delivery log) marked with MLflow's
 * signature scheme, an MLflow name, description, status and MLflow events. The suite's own
 * webhooks are not shown here; MLflow's client sees only the webhooks it made.
 */
public final class MlflowWebhooks {
    private static final String COLUMNS =
            "id, name, description, url, mlflow_events, status, created_at, updated_at, secret";

    private final Database database;
    private final Clock clock;
    private final WebhookAddressPolicy addresses;

    /**
     * Creates the store.
     *
     * @param database the metadata database, migrated
     * @param clock the source of times
     * @param addresses the receivers a webhook may name (checked at create, update and test)
     */
    public MlflowWebhooks(Database database, Clock clock, WebhookAddressPolicy addresses) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
    }

    /**
     * Creates the store with the system clock.
     *
     * @param database the metadata database, migrated
     * @param addresses the receivers a webhook may name (checked at create, update and test)
     */
    public MlflowWebhooks(Database database, WebhookAddressPolicy addresses) {
        this(database, Clock.systemUTC(), addresses);
    }

    /**
     * An MLflow webhook, without its secret.
     *
     * @param id its number
     * @param name its name
     * @param description its description, empty when none
     * @param url where deliveries go
     * @param events its MLflow events, e.g. {@code model_version.created}
     * @param status {@code ACTIVE} or {@code DISABLED}
     * @param createdAt creation time, ms
     * @param updatedAt last change, ms
     */
    public record Entry(
            long id,
            String name,
            String description,
            URI url,
            List<String> events,
            String status,
            long createdAt,
            long updatedAt) {}

    /**
     * The outcome of a test delivery, as MLflow reports it.
     *
     * @param success whether the receiver answered 2xx
     * @param status its HTTP status, or null when none came
     * @param body its answer, at most 1000 characters
     * @param error what went wrong, or null
     */
    public record TestResult(boolean success, Integer status, String body, String error) {}

    /**
     * Creates a webhook.
     *
     * @param name its name
     * @param url where deliveries go, http or https
     * @param events MLflow events, at least one, each raised by this registry
     * @param description a description, or null
     * @param secret the secret deliveries are signed with, at least 16 characters
     * @param status {@code ACTIVE} (the default when null) or {@code DISABLED}
     * @return the webhook
     */
    public Entry create(
            String name, String url, List<String> events, String description, String secret, String status) {
        if (name == null || name.isBlank()) {
            throw new UserError("a webhook needs a name");
        }
        if (secret == null || secret.isEmpty()) {
            throw new UserError("this registry signs every delivery: give the webhook a secret of at least "
                    + NewWebhook.MIN_SECRET + " characters");
        }
        NewWebhook checked = new NewWebhook(NewWebhook.url(url), secret, suiteEvents(events), null);
        addresses.check(checked.url());
        String state = status(status == null ? "ACTIVE" : status);
        long now = clock.millis();
        long id = database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_webhook(url, secret,"
                    + " events, model, created_at, signature_scheme, name, description, mlflow_events, status,"
                    + " updated_at) VALUES (?, ?, ?, NULL, ?, 'mlflow', ?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, checked.url().toString());
                insert.setString(2, secret);
                insert.setString(3, names(checked.events()));
                insert.setLong(4, now);
                insert.setString(5, name);
                insert.setString(6, description == null ? "" : description);
                insert.setString(7, String.join(",", new LinkedHashSet<>(events)));
                insert.setString(8, state);
                insert.setLong(9, now);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        return get(id);
    }

    /**
     * Finds a webhook.
     *
     * @param id its number
     * @return the webhook
     * @throws UnknownRegistryEntry when there is no MLflow webhook of that number
     */
    public Entry get(long id) {
        return database.read(connection -> require(connection, id)).entry();
    }

    /**
     * Lists the webhooks, by id.
     *
     * @return every MLflow webhook
     */
    public List<Entry> list() {
        return database.read(connection -> read(connection, "")).stream()
                .map(Row::entry)
                .toList();
    }

    /**
     * Changes a webhook; a null argument leaves its field as it is.
     *
     * @param id its number
     * @param name a new name
     * @param description a new description
     * @param url a new URL
     * @param events new events
     * @param secret a new secret
     * @param status a new status
     * @return the webhook
     */
    public Entry update(
            long id, String name, String description, String url, List<String> events, String secret, String status) {
        long now = clock.millis();
        database.inTransaction(connection -> {
            Row row = require(connection, id);
            Entry old = row.entry();
            List<String> newEvents = events == null || events.isEmpty() ? old.events() : events;
            String newSecret = secret == null ? row.secret() : secret;
            NewWebhook checked = new NewWebhook(
                    url == null || url.isEmpty() ? old.url() : NewWebhook.url(url),
                    newSecret,
                    suiteEvents(newEvents),
                    null);
            addresses.check(checked.url());
            try (PreparedStatement update = connection.prepareStatement("UPDATE registry_webhook SET name = ?,"
                    + " description = ?, url = ?, events = ?, mlflow_events = ?, secret = ?, status = ?,"
                    + " updated_at = ? WHERE id = ?")) {
                update.setString(1, name == null || name.isEmpty() ? old.name() : name);
                update.setString(2, description == null ? old.description() : description);
                update.setString(3, checked.url().toString());
                update.setString(4, names(checked.events()));
                update.setString(5, String.join(",", new LinkedHashSet<>(newEvents)));
                update.setString(6, newSecret);
                update.setString(7, status == null ? old.status() : status(status));
                update.setLong(8, now);
                update.setLong(9, id);
                update.executeUpdate();
            }
            return null;
        });
        return get(id);
    }

    /**
     * Deletes a webhook and its delivery log.
     *
     * @param id its number
     */
    public void delete(long id) {
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
     * Sends one test delivery now, signed as real ones are, with MLflow's example data of an event.
     *
     * @param id the webhook
     * @param event the MLflow event to send, or null for the webhook's first
     * @param client the HTTP client
     * @param timeout how long the receiver may take
     * @return what the receiver answered
     */
    public TestResult test(long id, String event, HttpClient client, Duration timeout) {
        Row row = database.read(connection -> require(connection, id));
        String sent = event == null ? row.entry().events().getFirst() : event;
        MlflowWebhookEvents.suiteEvent(sent);
        // the receiver's answer goes back to the caller: never let it be an internal service
        addresses.check(row.entry().url());
        byte[] body = MlflowWebhookPayload.example(sent, clock.millis());
        HttpRequest.Builder request = HttpRequest.newBuilder(row.entry().url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mlops-registry-webhooks");
        SignatureScheme.MLFLOW
                .headers(row.secret(), UUID.randomUUID().toString(), clock.millis(), body)
                .forEach(request::header);
        try {
            HttpResponse<String> response = client.send(
                    request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String answer = response.body().length() > 1000 ? response.body().substring(0, 1000) : response.body();
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
            return new TestResult(
                    ok,
                    response.statusCode(),
                    answer,
                    ok ? null : "the receiver answered HTTP " + response.statusCode());
        } catch (IOException e) {
            return new TestResult(false, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestResult(false, null, null, "interrupted");
        }
    }

    private static Set<WebhookEvent> suiteEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw new UserError("a webhook needs at least one event");
        }
        return events.stream().map(MlflowWebhookEvents::suiteEvent).collect(Collectors.toSet());
    }

    private static String names(Set<WebhookEvent> events) {
        return events.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String status(String status) {
        if (!status.equals("ACTIVE") && !status.equals("DISABLED")) {
            throw new UserError("a webhook status is ACTIVE or DISABLED, not '" + status + "'");
        }
        return status;
    }

    private record Row(Entry entry, String secret) {}

    private static Row require(Connection connection, long id) throws SQLException {
        List<Row> found = read(connection, " AND id = " + id);
        if (found.isEmpty()) {
            throw new UnknownRegistryEntry("Webhook with ID " + id + " not found");
        }
        return found.getFirst();
    }

    private static List<Row> read(Connection connection, String where) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM registry_webhook WHERE signature_scheme = 'mlflow'" + where + " ORDER BY id");
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                long created = result.getLong(7);
                long updated = result.getLong(8);
                rows.add(new Row(
                        new Entry(
                                result.getLong(1),
                                result.getString(2),
                                result.getString(3) == null ? "" : result.getString(3),
                                URI.create(result.getString(4)),
                                List.of(result.getString(5).split(",")),
                                result.getString(6),
                                created,
                                result.wasNull() ? created : updated),
                        result.getString(9)));
            }
        }
        return rows;
    }
}
