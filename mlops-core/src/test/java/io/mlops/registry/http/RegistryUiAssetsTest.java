package io.mlops.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void shouldFindTheUiThroughTheLoaderItIsGivenNotThroughCoresOwn(@TempDir Path tmp) throws IOException {
        // Two loaders that each hold a different UI, and neither delegates to the loader of mlops-core:
        // what a Jenkins plugin's class loader looks like to a library bundled in another plugin.
        try (URLClassLoader plugin = loaderWithUi(tmp.resolve("model-registry"), "<p>model-registry's UI</p>");
                URLClassLoader other = loaderWithUi(tmp.resolve("other"), "<p>another UI</p>");
                URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(page(RegistryUiAssets.packagedWith(plugin))).isEqualTo("<p>model-registry's UI</p>");
            assertThat(page(RegistryUiAssets.packagedWith(other))).isEqualTo("<p>another UI</p>");
            assertThat(RegistryUiAssets.packagedWith(empty).present()).isFalse();
        }
    }

    private static URLClassLoader loaderWithUi(Path root, String page) throws IOException {
        Path index = root.resolve(RegistryUiAssets.CLASSPATH_FOLDER).resolve("index.html");
        Files.createDirectories(index.getParent());
        Files.writeString(index, page);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    private static String page(RegistryUiAssets assets) {
        return new String(assets.find("").orElseThrow().bytes(), StandardCharsets.UTF_8);
    }
}
