package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies of MLflow 3 webhook deliveries. */
class MlflowWebhookEventTest {
    @Test
    void shouldReadAModelVersionCreatedDelivery() {
        MlflowWebhookEvent event = MlflowWebhookEvent.parse(bytes("{\"entity\": \"model_version\", \"action\":"
                + " \"created\", \"timestamp\": \"2026-11-24T07:00:00+00:00\", \"data\": {\"name\": \"persons\","
                + " \"version\": \"3\", \"source\": \"models:/m-1\", \"run_id\": \"abc\", \"tags\": {},"
                + " \"description\": null}}"));

        assertThat(event.type()).isEqualTo("model_version.created");
        assertThat(event.model()).isEqualTo("persons");
        assertThat(event.data())
                .containsEntry("version", "3")
                .containsEntry("run_id", "abc")
                .doesNotContainKeys("tags", "description");
        assertThat(event.timestamp()).isEqualTo("2026-11-24T07:00:00+00:00");
    }

    @Test
    void shouldReadAnAliasDelivery() {
        MlflowWebhookEvent event = MlflowWebhookEvent.parse(bytes("{\"entity\": \"model_version_alias\","
                + " \"action\": \"created\", \"data\": {\"name\": \"persons\", \"alias\": \"champion\","
                + " \"version\": \"2\"}}"));

        assertThat(event.type()).isEqualTo("model_version_alias.created");
        assertThat(event.data()).containsEntry("alias", "champion");
        assertThat(event.timestamp()).isEmpty();
    }

    @Test
    void shouldRejectBodiesThatAreNoWebhookEvent() {
        assertThatThrownBy(() -> MlflowWebhookEvent.parse(bytes("{oops")))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> MlflowWebhookEvent.parse(bytes("{\"entity\": 3, \"action\": \"created\"}")))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("'entity' and 'action'");
        assertThatThrownBy(() -> MlflowWebhookEvent.parse(bytes("[]"))).isInstanceOf(WebhookRejected.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
