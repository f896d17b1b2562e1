package io.mlops.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhooks reach public addresses only, unless the operator allows internal ones. */
class WebhookAddressPolicyTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void shouldTellInternalAddressesFromPublicOnes() throws Exception {
        for (String internal : List.of(
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "169.254.169.254",
                "0.0.0.0",
                "100.64.0.1",
                "224.0.0.1",
                "::1",
                "fe80::1",
                "fd00:ec2::254",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254")) {
            assertThat(WebhookAddressPolicy.internal(ip(internal))).as(internal).isTrue();
        }
        for (String external : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111")) {
            assertThat(WebhookAddressPolicy.internal(ip(external))).as(external).isFalse();
        }
    }

    @Test
    void shouldRefuseInternalUrlsByDefaultAfterResolvingTheirNames() {
        assertThatThrownBy(() -> WebhookAddressPolicy.PUBLIC_ONLY.check(URI.create("http://127.0.0.1:8080/hook")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("internal address (127.0.0.1)")
                .hasMessageContaining("--webhook-allow-hosts");
        assertThatThrownBy(() -> WebhookAddressPolicy.PUBLIC_ONLY.check(URI.create("http://localhost/hook")))
                .hasMessageContaining("internal address");
        assertThatThrownBy(() -> WebhookAddressPolicy.PUBLIC_ONLY.check(URI.create("http://[::1]/hook")))
                .hasMessageContaining("internal address");
        assertThatThrownBy(() -> WebhookAddressPolicy.PUBLIC_ONLY.check(URI.create("http://no-such-host.invalid/")))
                .hasMessageContaining("cannot be resolved");
        assertThatCode(() -> WebhookAddressPolicy.PUBLIC_ONLY.check(URI.create("https://8.8.8.8/hook")))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAllowWhatTheOperatorLists() throws Exception {
        WebhookAddressPolicy policy =
                WebhookAddressPolicy.allowing(List.of("10.1.0.0/16", "127.0.0.1", "hooks.internal"));
        assertThatCode(() -> policy.check("ci", ip("10.1.200.3"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://127.0.0.1:9/x"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://hooks.internal/x")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("ci", ip("10.2.0.1"))).hasMessageContaining("internal address");
        assertThatThrownBy(() -> policy.check("metadata", ip("169.254.169.254")))
                .hasMessageContaining("internal");
        assertThatCode(() -> WebhookAddressPolicy.allowing(List.of("*")).check("any", ip("169.254.169.254")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookAddressPolicy.allowing(List.of("10.0.0.0/99")))
                .hasMessageContaining("out of range");
    }
}
