package io.mlops.registry.webhook;

import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhook delivery from the outbox on a real PostgreSQL, where dispatchers claim rows with SKIP LOCKED. */
class PostgresWebhookDeliveryTest extends WebhookDeliveryContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    StoreUrl newStore() {
        return StoreUrl.parse(POSTGRES.createDatabase());
    }
}
