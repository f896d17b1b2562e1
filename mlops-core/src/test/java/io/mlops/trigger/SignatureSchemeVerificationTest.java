package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.registry.webhook.SignatureScheme;
import io.mlops.registry.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry signs MLflow-made webhooks as MLflow does: the suite's own verifier of MLflow's
 * scheme (used for MLflow webhooks received by triggers) accepts them, and refuses a changed body.
 */
class SignatureSchemeVerificationTest {
    private static final String SECRET = "a-secret-of-enough-length";
    private static final byte[] BODY = "{\"entity\":\"model_version\"}".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_765_000_000_123L;

    @Test
    void shouldSignMlflowWebhooksSoThatMlflowsSchemeVerifiesThem() {
        Map<String, String> headers = SignatureScheme.MLFLOW.headers(SECRET, "delivery-1", NOW, BODY);
        MlflowWebhookSignature verifier = new MlflowWebhookSignature(SECRET, Duration.ofMinutes(5));
        Instant now = Instant.ofEpochMilli(NOW);

        assertThat(headers)
                .containsEntry("X-MLflow-Delivery-Id", "delivery-1")
                .containsEntry("X-MLflow-Timestamp", "1765000000");
        verifier.verify("delivery-1", headers.get("X-MLflow-Timestamp"), headers.get("X-MLflow-Signature"), BODY, now);
        assertThatThrownBy(() -> verifier.verify(
                        "delivery-1",
                        headers.get("X-MLflow-Timestamp"),
                        headers.get("X-MLflow-Signature"),
                        "{}".getBytes(StandardCharsets.UTF_8),
                        now))
                .hasMessageContaining("wrong signature");
    }

    @Test
    void shouldKeepTheSuitesOwnSchemeForItsWebhooks() {
        Map<String, String> headers = SignatureScheme.MLOPS.headers(SECRET, "delivery-2", NOW, BODY);

        assertThat(headers).containsKeys("X-Mlops-Delivery", "X-Mlops-Timestamp", "X-Mlops-Signature");
        assertThat(WebhookSignature.verify(
                        SECRET, headers.get("X-Mlops-Timestamp"), BODY, headers.get("X-Mlops-Signature")))
                .isTrue();
    }
}
