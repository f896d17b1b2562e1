package io.mlops.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook subscriptions in the metadata store, and the rules for adding one, on SQLite and PostgreSQL. */
abstract class WebhookStoreContract {
    private static final String SECRET = "a-secret-of-sixteen+";

    private Database database;
    private WebhookStore store;

    abstract StoreUrl newStore();

    @BeforeEach
    void open() {
        database = Database.open(newStore(), Migrations.suite());
        store = new WebhookStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void record(DeliveryAttempt attempt) {
        database.inTransaction(connection -> {
            WebhookStore.record(connection, attempt);
            return null;
        });
    }

    @Test
    void shouldKeepWebhooksAndShowThemWithoutTheirSecret() {
        Webhook all = store.add(
                new NewWebhook(URI.create("https://ci.example/hook"), SECRET, Set.of(WebhookEvent.ALIAS_MOVED), null));
        Webhook one = store.add(new NewWebhook(
                URI.create("http://127.0.0.1:9/x"),
                SECRET,
                Set.of(WebhookEvent.VERSION_CREATED, WebhookEvent.DEPLOYMENT_CHANGED),
                "persons"));

        assertThat(store.list()).containsExactly(all, one);
        assertThat(store.webhook(one.id()).events())
                .containsExactlyInAnyOrder(WebhookEvent.VERSION_CREATED, WebhookEvent.DEPLOYMENT_CHANGED);
        assertThat(store.list().toString()).doesNotContain(SECRET);
        assertThat(new NewWebhook(URI.create("https://h/x"), SECRET, Set.of(WebhookEvent.ALIAS_MOVED), null).toString())
                .doesNotContain(SECRET)
                .contains("https://h/x");
    }

    @Test
    void shouldQueueAChangeForTheWebhooksSubscribedToItsEventAndModel() {
        Webhook all = store.add(
                new NewWebhook(URI.create("https://ci.example/hook"), SECRET, Set.of(WebhookEvent.ALIAS_MOVED), null));
        Webhook one = store.add(new NewWebhook(
                URI.create("http://127.0.0.1:9/x"),
                SECRET,
                Set.of(WebhookEvent.VERSION_CREATED, WebhookEvent.DEPLOYMENT_CHANGED),
                "persons"));
        JdbcModelRegistry registry = new JdbcModelRegistry(database);
        for (String model : List.of("persons", "cars")) {
            registry.createModel(model, "", Map.of(), Change.by("alice"));
            registry.registerVersion(
                    new NewVersion(
                            model,
                            new SourceArtifact("/m.onnx", "a".repeat(64), 1),
                            null,
                            List.of(),
                            Map.of(),
                            ModelCardFields.none(),
                            ""),
                    Change.by("alice"));
        }
        registry.setAlias("cars", new AliasName("production"), 1, Change.by("bob"));

        assertThat(store.pending(one.id())).as("persons v1 only").isEqualTo(1);
        assertThat(store.pending(all.id())).as("the cars alias").isEqualTo(1);
    }

    @Test
    void shouldRemoveAWebhookWithItsDeliveryLog() {
        Webhook webhook = store.add(
                new NewWebhook(URI.create("https://ci.example/hook"), SECRET, Set.of(WebhookEvent.ALIAS_MOVED), null));
        record(new DeliveryAttempt(
                "d-1", webhook.id(), WebhookEvent.ALIAS_MOVED, 1, DeliveryStatus.DELIVERED, 200, null, 5));
        assertThat(store.deliveries(webhook.id())).hasSize(1);

        store.remove(webhook.id());

        assertThat(store.list()).isEmpty();
        assertThatThrownBy(() -> store.deliveries(webhook.id()))
                .isInstanceOf(UnknownRegistryEntry.class)
                .hasMessageContaining("no webhook with id " + webhook.id());
        assertThatThrownBy(() -> store.remove(webhook.id())).isInstanceOf(UnknownRegistryEntry.class);
        // An attempt that ends after its webhook was removed is dropped, not an error.
        record(new DeliveryAttempt(
                "d-2", webhook.id(), WebhookEvent.ALIAS_MOVED, 2, DeliveryStatus.FAILED, null, "gone", 6));
    }

    @Test
    void shouldRefuseBadWebhooksWithoutEchoingTheSecret() {
        Set<WebhookEvent> events = Set.of(WebhookEvent.ALIAS_MOVED);
        assertThatThrownBy(() -> new NewWebhook(URI.create("ftp://host/x"), SECRET, events, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> new NewWebhook(URI.create("/relative"), SECRET, events, null))
                .isInstanceOf(UserError.class);
        assertThatThrownBy(() -> new NewWebhook(URI.create("https://h/x"), "short-secret", events, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> new NewWebhook(URI.create("https://h/x"), SECRET, Set.of(), null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("at least one event");
        assertThatThrownBy(() -> WebhookEvent.parse("MODEL_DELETED"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("VERSION_CREATED, ALIAS_MOVED, DEPLOYMENT_CHANGED");
        assertThatThrownBy(() -> NewWebhook.url("http://bad host/")).isInstanceOf(UserError.class);
    }

    @Test
    void shouldDoubleTheWaitBeforeEachRetry() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(250));

        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
