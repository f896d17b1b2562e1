package io.mlops.registry.webhook;

import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Webhook delivery from the outbox on SQLite, the embedded default. */
class SqliteWebhookDeliveryTest extends WebhookDeliveryContract {
    @TempDir
    Path directory;

    @Override
    StoreUrl newStore() {
        return StoreUrl.sqlite(directory.resolve("mlops.db"));
    }
}
