package io.mlops.labels.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tells Label Studio's two token kinds apart by form, as label-studio-sdk does, and never shows one. */
class LabelStudioTokenTest {
    private static final String LEGACY = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void shouldTakeAPlainTokenAsALegacyOne() {
        LabelStudioToken token = LabelStudioToken.of(LEGACY + "\n", "test");

        assertThat(token.personal()).isFalse();
        assertThat(token.secret()).isEqualTo(LEGACY);
    }

    @Test
    void shouldTakeAJsonWebTokenAsAPersonalAccessToken() {
        String jwt = jwt("{\"token_type\":\"refresh\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}");

        assertThat(LabelStudioToken.of(jwt, "test").personal()).isTrue();
    }

    @Test
    void shouldRefuseAnExpiredPersonalAccessTokenBeforeAskingTheServer() {
        String jwt = jwt("{\"token_type\":\"refresh\",\"exp\":1000}");

        assertThatThrownBy(() -> LabelStudioToken.of(jwt, "the file t"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("expired")
                .hasMessageContaining("the file t")
                .hasMessageNotContaining(jwt);
    }

    @Test
    void shouldRefuseAPersonalAccessTokenWithoutExpiry() {
        assertThatThrownBy(() -> LabelStudioToken.of(jwt("{\"token_type\":\"refresh\"}"), "test"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no expiry");
    }

    @Test
    void shouldRefuseAnEmptyTokenOrOneWithSpaces() {
        assertThatThrownBy(() -> LabelStudioToken.of("  \n", "the file t"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("the file t");
        assertThatThrownBy(() -> LabelStudioToken.of("Token " + LEGACY, "test"))
                .isInstanceOf(UserError.class)
                .hasMessageNotContaining(LEGACY);
    }

    @Test
    void shouldReadATokenFileAndNameAMissingOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), LEGACY + "\n");

        assertThat(LabelStudioToken.read(file).secret()).isEqualTo(LEGACY);
        assertThatThrownBy(() -> LabelStudioToken.read(dir.resolve("missing")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("missing");
    }

    @Test
    void shouldNeverShowTheSecret() {
        assertThat(LabelStudioToken.of(LEGACY, "test").toString())
                .doesNotContain(LEGACY)
                .contains("****");
    }

    private static String jwt(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
