package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLflow 3 webhook signatures: the ones MLflow's own delivery code makes are accepted, others not. */
class MlflowWebhookSignatureTest {
    private static final String SECRET = "whsec-test-secret";
    private static final String DELIVERY = "0b7f7c38-6a47-4c8e-9d6f-3f1c9a2b7e11";
    private static final String BODY = "{\"entity\": \"model_version\", \"action\": \"created\","
            + " \"timestamp\": \"2026-11-24T07:00:00+00:00\", \"data\": {\"name\": \"persons\", \"version\": \"3\"}}";
    private static final Instant NOW = Instant.ofEpochSecond(1_795_000_000L);
    private static final String STAMP = Long.toString(NOW.getEpochSecond());

    @TempDir
    Path dir;

    private final MlflowWebhookSignature verifier =
            new MlflowWebhookSignature(SECRET, MlflowWebhookSignature.DEFAULT_TOLERANCE);

    @Test
    void shouldAcceptTheSignatureMlflowItselfComputes() {
        String script = "import sys\n"
                + "from mlflow.webhooks.delivery import _generate_hmac_signature\n"
                + "print(_generate_hmac_signature(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]))\n";
        Processes.Result mlflow = Processes.run(
                dir, List.of(Peers.program("python").toString(), "-c", script, SECRET, DELIVERY, STAMP, BODY));
        assertThat(mlflow.exitCode()).as(mlflow.output()).isZero();
        String signature = mlflow.output().strip().lines().reduce((a, b) -> b).orElseThrow();

        assertThatCode(() -> verifier.verify(DELIVERY, STAMP, signature, body(), NOW))
                .doesNotThrowAnyException();
        assertThat(verifier.sign(DELIVERY, STAMP, body())).isEqualTo(signature);
    }

    @Test
    void shouldRejectAChangedBody() {
        String signature = verifier.sign(DELIVERY, STAMP, body());
        byte[] changed = BODY.replace("\"3\"", "\"4\"").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifier.verify(DELIVERY, STAMP, signature, changed, NOW))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("wrong signature");
    }

    @Test
    void shouldRejectAnotherSecret() {
        String signature = new MlflowWebhookSignature("other", Duration.ofMinutes(5)).sign(DELIVERY, STAMP, body());

        assertThatThrownBy(() -> verifier.verify(DELIVERY, STAMP, signature, body(), NOW))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("wrong signature")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldRejectADeliveryOlderThanTheTolerance() {
        String signature = verifier.sign(DELIVERY, STAMP, body());

        assertThatThrownBy(() -> verifier.verify(DELIVERY, STAMP, signature, body(), NOW.plusSeconds(301)))
                .isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("301 s from now");
        assertThatCode(() -> verifier.verify(DELIVERY, STAMP, signature, body(), NOW.plusSeconds(299)))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRejectTheSameSignatureUnderAnotherDeliveryId() {
        String signature = verifier.sign(DELIVERY, STAMP, body());

        assertThatThrownBy(() -> verifier.verify("another-id", STAMP, signature, body(), NOW))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void shouldNameTheMissingOrMalformedHeader() {
        String signature = verifier.sign(DELIVERY, STAMP, body());

        assertThatThrownBy(() -> verifier.verify(DELIVERY, STAMP, null, body(), NOW))
                .hasMessageContaining("X-MLflow-Signature")
                .hasMessageContaining("give the MLflow webhook a secret");
        assertThatThrownBy(() -> verifier.verify(null, STAMP, signature, body(), NOW))
                .hasMessageContaining("X-MLflow-Delivery-Id");
        assertThatThrownBy(() -> verifier.verify(DELIVERY, "yesterday", signature, body(), NOW))
                .hasMessageContaining("Unix seconds");
        assertThatThrownBy(() -> verifier.verify(DELIVERY, STAMP, signature.replace("v1,", "v2,"), body(), NOW))
                .hasMessageContaining("'v1,<base64>'");
        assertThatThrownBy(() -> verifier.verify(DELIVERY, STAMP, "v1,@@@", body(), NOW))
                .hasMessageContaining("not Base64");
    }

    @Test
    void shouldRefuseToVerifyWithoutASecret() {
        assertThatThrownBy(() -> new MlflowWebhookSignature("", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] body() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }
}
