package io.mlops.labels.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where task images come from, what is refused, and where the token may go. */
class ImageLocationsTest {
    private final ImageLocations locations = new ImageLocations(
            URI.create("http://ls.example:8080"), Set.of("cdn.example"), Path.of("/tmp/pulled"), "result.json");

    @Test
    void shouldDownloadAnUploadFromTheServerWithTheToken() {
        ImageSource source = locations.locate(7, "/data/upload/3/5f1e2a-cat.jpg");

        assertThat(source.uri()).isEqualTo(URI.create("http://ls.example:8080/data/upload/3/5f1e2a-cat.jpg"));
        assertThat(source.path()).isEqualTo("5f1e2a-cat.jpg");
        assertThat(source.signed()).isTrue();
    }

    @Test
    void shouldKeepTheRelativePathOfLocalFiles() {
        ImageSource source = locations.locate(7, "/data/local-files/?d=images/a%20b/cat.jpg");

        assertThat(source.path()).isEqualTo("images/a b/cat.jpg");
        assertThat(source.uri().getHost()).isEqualTo("ls.example");
    }

    @Test
    void shouldSendTheTokenOnlyToTheServersOrigin() {
        assertThat(locations
                        .locate(7, "http://ls.example:8080/data/upload/3/x.png")
                        .signed())
                .isTrue();
        assertThat(locations.locate(7, "http://ls.example:9000/pictures/x.png").signed())
                .isFalse();
        assertThat(locations.locate(7, "https://cdn.example/x.png").signed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../../etc/passwd",
                "/data/local-files/?d=../../etc/passwd",
                "/data/upload/../../etc/passwd",
                "/etc/passwd",
                "http://ls.example:8080/data/upload/%2e%2e/%2e%2e/etc/passwd"
            })
    void shouldRefuseAnImageThatEscapesNamingTheTask(String reference) {
        assertThatThrownBy(() -> locations.locate(42, reference))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("task 42: image '" + reference + "'");
    }

    @Test
    void shouldRefuseAnotherHostUnlessAllowed() {
        assertThatThrownBy(() -> locations.locate(42, "http://169.254.169.254/latest/meta-data/x.png"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("task 42")
                .hasMessageContaining("host 169.254.169.254");
        assertThat(locations.locate(42, "https://CDN.example/x.png").path()).isEqualTo("x.png");
    }

    @Test
    void shouldRefuseOtherSchemesAndCredentialsInUrls() {
        assertThatThrownBy(() -> locations.locate(42, "s3://bucket/x.png"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("s3://");
        assertThatThrownBy(() -> locations.locate(42, "http://user:pw@ls.example:8080/x.png"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("credentials");
    }

    @Test
    void shouldRefuseAnImageThatWouldOverwriteTheExport() {
        assertThatThrownBy(() -> locations.locate(42, "/data/upload/3/result.json"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("overwrite");
    }
}
