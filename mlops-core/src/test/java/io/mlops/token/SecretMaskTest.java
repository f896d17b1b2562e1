package io.mlops.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets are replaced in log lines, wherever and however often they appear. */
class SecretMaskTest {
    @Test
    void shouldReplaceEveryOccurrenceOfEverySecret() {
        SecretMask mask = new SecretMask(List.of("tok3n", "s3cret"));

        assertThat(masked(mask, "MLFLOW_TRACKING_TOKEN=tok3n and tok3n, s3cret\n"))
                .isEqualTo("MLFLOW_TRACKING_TOKEN=**** and ****, ****\n");
    }

    @Test
    void shouldOnlyLookAtTheValidPartOfTheBuffer() {
        SecretMask mask = new SecretMask(List.of("tok3n"));
        byte[] buffer = Arrays.copyOf("abc\ntok3n".getBytes(StandardCharsets.UTF_8), 64);

        assertThat(new String(mask.mask(buffer, 4), StandardCharsets.UTF_8)).isEqualTo("abc\n");
    }

    @Test
    void shouldLeaveLinesWithoutSecretsAndIgnoreEmptySecrets() {
        SecretMask mask = new SecretMask(java.util.Arrays.asList("", null, "tok3n"));

        assertThat(masked(mask, "epoch 3 loss 0.25\n")).isEqualTo("epoch 3 loss 0.25\n");
        assertThat(masked(mask, "tok3")).isEqualTo("tok3");
    }

    private static String masked(SecretMask mask, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new String(mask.mask(bytes, bytes.length), StandardCharsets.UTF_8);
    }
}
