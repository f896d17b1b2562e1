package io.mlops.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Host and Origin headers a server answers. */
class HostCheckTest {
    private final HostCheck loopback = HostCheck.of("127.0.0.1", List.of(), List.of());

    @Test
    void shouldAnswerLoopbackNamesAndAddressLiteralsWithAnyPort() {
        assertThat(loopback.allowsHost("localhost:5000")).isTrue();
        assertThat(loopback.allowsHost("LOCALHOST")).isTrue();
        assertThat(loopback.allowsHost("127.0.0.1:5000")).isTrue();
        assertThat(loopback.allowsHost("[::1]:5000")).isTrue();
        assertThat(loopback.allowsHost("10.1.2.3")).isTrue();
        assertThat(loopback.allowsHost("app.localhost:80")).isTrue();
    }

    @Test
    void shouldTellAddressLiteralsFromNames() {
        assertThat(HostCheck.isAddressLiteral("127.0.0.1")).isTrue();
        assertThat(HostCheck.isAddressLiteral("255.255.255.255")).isTrue();
        assertThat(HostCheck.isAddressLiteral("::1")).isTrue();
        assertThat(HostCheck.isAddressLiteral("fe80::1:2")).isTrue();
        assertThat(HostCheck.isAddressLiteral("256.0.0.1")).isFalse();
        assertThat(HostCheck.isAddressLiteral("1.2.3")).isFalse();
        assertThat(HostCheck.isAddressLiteral("1.2.3.4.5")).isFalse();
        assertThat(HostCheck.isAddressLiteral("1..3.4")).isFalse();
        assertThat(HostCheck.isAddressLiteral("1.2.3.")).isFalse();
        assertThat(HostCheck.isAddressLiteral("0001.2.3.4")).isFalse();
        assertThat(HostCheck.isAddressLiteral("127.0.0.1x")).isFalse();
        assertThat(HostCheck.isAddressLiteral("10.0.0.evil")).isFalse();
        assertThat(HostCheck.isAddressLiteral("")).isFalse();
        assertThat(HostCheck.isAddressLiteral("evil.example")).isFalse();
        assertThat(HostCheck.isAddressLiteral("::g")).isFalse();
    }

    @Test
    void shouldRefuseOtherNamesUnlessAllowed() {
        assertThat(loopback.allowsHost("evil.example")).isFalse();
        assertThat(loopback.allowsHost("evil.example:5000")).isFalse();
        assertThat(loopback.allowsHost("localhost.evil.example")).isFalse();
        assertThat(loopback.allowsHost("127.0.0.1.evil.example")).isFalse();
        assertThat(loopback.allowsHost("[::1")).isFalse();
        HostCheck named = HostCheck.of("0.0.0.0", List.of("mlflow.example.com", "*.corp.example"), List.of());
        assertThat(named.allowsHost("mlflow.example.com:443")).isTrue();
        assertThat(named.allowsHost("mlflow.example.com.")).isTrue();
        assertThat(named.allowsHost("a.corp.example")).isTrue();
        assertThat(named.allowsHost("corp.example.evil")).isFalse();
        assertThat(HostCheck.of("127.0.0.1", List.of("*"), List.of()).allowsHost("anything"))
                .isTrue();
        assertThat(HostCheck.of("tracking.internal", List.of(), List.of()).allowsHost("tracking.internal:5000"))
                .isTrue();
    }

    @Test
    void shouldRefuseWritesFromOtherOriginsOnly() {
        assertThat(loopback.refusal("POST", "127.0.0.1:5000", "http://evil.example"))
                .contains(HostCheck.CROSS_ORIGIN);
        assertThat(loopback.refusal("DELETE", "127.0.0.1:5000", "null")).contains(HostCheck.CROSS_ORIGIN);
        assertThat(loopback.refusal("GET", "127.0.0.1:5000", "http://evil.example"))
                .isEmpty();
        assertThat(loopback.refusal("POST", "127.0.0.1:5000", "http://127.0.0.1:5000"))
                .isEmpty();
        assertThat(loopback.refusal("POST", "127.0.0.1:5000", "http://localhost:3000"))
                .isEmpty();
        assertThat(loopback.refusal("POST", "127.0.0.1:5000", null)).isEmpty();
        assertThat(loopback.refusal("POST", "evil.example", null)).contains(HostCheck.INVALID_HOST);
        HostCheck ui = HostCheck.of("127.0.0.1", List.of(), List.of("https://ui.example.com/"));
        assertThat(ui.refusal("PUT", "127.0.0.1", "https://ui.example.com")).isEmpty();
        assertThat(ui.refusal("PUT", "127.0.0.1", "https://other.example.com")).isPresent();
    }
}
