package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTokenTest {
    @Test
    void shouldWriteTokensAsMlflowDoes() {
        // MLflow's server answered a first page of one experiment with this token.
        assertThat(PageToken.at(1)).isEqualTo("eyJvZmZzZXQiOiAxfQ==");
        assertThat(PageToken.offset("eyJvZmZzZXQiOiAxfQ==")).isEqualTo(1);
        assertThat(PageToken.offset(PageToken.at(25_000))).isEqualTo(25_000);
        assertThat(PageToken.offset(null)).isZero();
    }

    @Test
    void shouldRejectForeignTokens() {
        assertThatThrownBy(() -> PageToken.offset("not base64!"))
                .isInstanceOf(TrackingError.class)
                .hasMessageContaining("Invalid page token");
        assertThatThrownBy(() -> PageToken.offset("e30=")) // {}
                .isInstanceOf(TrackingError.class);
    }
}
