package io.mlops.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryUiAssetsTest {
    private final RegistryUiAssets assets =
            new RegistryUiAssets(getClass().getClassLoader(), "io/mlops/registry/uitest");

    @Test
    void shouldServeThePageForTheRootAndIndexHtmlAndHaveItRevalidated() {
        UiAsset root = assets.find("").orElseThrow();
        assertThat(assets.find("index.html")).contains(root);
        assertThat(new String(root.bytes(), StandardCharsets.UTF_8)).contains("<div id=\"root\">");
        assertThat(root.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(root.cacheControl()).isEqualTo("no-cache");
        assertThat(assets.present()).isTrue();
    }

    @Test
    void shouldServeHashedAssetsWithTheirTypeAndCacheThemForAYear() {
        UiAsset script = assets.find("assets/app-3f2a.js").orElseThrow();
        assertThat(script.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(new String(script.bytes(), StandardCharsets.UTF_8)).isEqualTo("console.log(\"app\")\n");
        assertThat(assets.find("assets/app-3f2a.css").orElseThrow().contentType())
                .isEqualTo("text/css; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../uitest-secret.txt",
                "assets/../../uitest-secret.txt",
                "assets/..",
                "assets/..%2F..%2Fuitest-secret.txt",
                "assets/%2e%2e/%2e%2e/uitest-secret.txt",
                "assets//app-3f2a.js",
                "assets/sub/app-3f2a.js",
                "assets/.hidden",
                "assets/",
                "assets\\..\\..\\uitest-secret.txt",
                "/etc/passwd",
                "index.html/..",
                "uitest-secret.txt",
                "./index.html"
            })
    void shouldRejectPathsOutsideTheUi(String path) {
        assertThat(assets.find(path)).isEmpty();
    }

    @Test
    void shouldNotServeFilesOfTypesTheUiDoesNotUseOrThatAreMissing() {
        assertThat(assets.find("assets/notes.txt")).isEmpty();
        assertThat(assets.find("assets/missing-0000.js")).isEmpty();
    }

    @Test
    void shouldSayTheUiIsAbsentWhenTheFolderIsEmpty() {
        assertThat(new RegistryUiAssets(getClass().getClassLoader(), "io/mlops/registry/none").present())
                .isFalse();
    }
}
