package io.mlops.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.tracking.TrackingError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathTest {
    private static final String RUN = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0/run/artifacts/../../x",
                "../x",
                "/etc/passwd",
                "%2e%2e/x",
                "%252e%252e/x",
                "%25252e%25252e/x",
                "a%2f..%2f..%2fx",
                "a\\..\\x",
                "a%5cx",
                "C:/x",
                "a/x%00.png",
                "a/x\u0001",
                "a//b",
                "a/./b",
                "a#b"
            })
    void shouldRefuseUnsafePaths(String raw) {
        assertThatThrownBy(() -> ArtifactPath.safe(raw))
                .isInstanceOf(TrackingError.class)
                .hasMessage("Invalid path");
    }

    @Test
    void shouldDecodeAndReadRunPaths() {
        String safe = ArtifactPath.safe("0/" + RUN + "/artifacts/reports/summary%20v1.txt");

        assertThat(safe).isEqualTo("0/" + RUN + "/artifacts/reports/summary v1.txt");
        assertThat(ArtifactPath.ofRun(safe)).isEqualTo(new ArtifactPath("0", RUN, "reports/summary v1.txt"));
        assertThat(ArtifactPath.ofRun("0/" + RUN + "/artifacts")).isEqualTo(new ArtifactPath("0", RUN, ""));
        assertThat(ArtifactPath.ofRun("0/models/m-1/artifacts/x")).isNull();
        assertThat(ArtifactPath.safe("a+b/c")).isEqualTo("a+b/c");
        assertThat(ArtifactPath.safe("")).isEmpty();
    }

    @Test
    void shouldKeepAPercentSignThatStartsNoEscapeAsMlflowDoes() {
        assertThat(ArtifactPath.safe("0/" + RUN + "/artifacts/100%.txt")).endsWith("/artifacts/100%.txt");
        assertThat(ArtifactPath.safe("0/" + RUN + "/artifacts/100%25.txt")).endsWith("/artifacts/100%.txt");
        assertThat(ArtifactPath.safe("a%zz%2")).isEqualTo("a%zz%2");
        assertThat(ArtifactPath.unquote("%C3%A9t%C3%A9 %")).isEqualTo("\u00e9t\u00e9 %");
    }
}
