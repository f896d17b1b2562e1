package io.mlops.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
    @Test
    void shouldReadTheStandardAwsVariablesAndUsePathStyleWithAnEndpoint() {
        S3Settings settings = S3Settings.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL_S3",
                "http://127.0.0.1:9000",
                "AWS_ENDPOINT_URL",
                "http://other",
                "AWS_REGION",
                "eu-west-1"));

        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.region()).contains("eu-west-1");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.credentials()).isEmpty();
    }

    @Test
    void shouldUseVirtualHostsForAwsItselfUnlessToldOtherwise() {
        assertThat(S3Settings.fromEnvironment(Map.of()).pathStyle()).isFalse();
        assertThat(S3Settings.fromEnvironment(Map.of(S3Settings.PATH_STYLE, "true"))
                        .pathStyle())
                .isTrue();
        assertThat(S3Settings.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "us-west-2"))
                        .region())
                .contains("us-west-2");
    }

    @Test
    void shouldRefuseAnEndpointThatIsNotHttp() {
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "ftp://host")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("ftp://host");
    }

    @Test
    void shouldNeverPrintTheSecret() {
        S3Credentials credentials = new S3Credentials("AKIAEXAMPLE", "very-secret", Optional.of("token"));
        S3Settings settings = S3Settings.fromEnvironment(Map.of()).withCredentials(credentials);

        assertThat(settings.toString())
                .contains("AKIAEXAMPLE")
                .doesNotContain("very-secret")
                .doesNotContain("token");
    }
}
