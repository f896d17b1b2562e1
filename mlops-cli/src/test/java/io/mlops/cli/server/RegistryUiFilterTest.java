package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.registry.http.RegistryUiAssets;
import io.mlops.registry.http.RegistryUiFilter;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's filter on Jetty in front of the tracking servlet, with the small test UI of
 * mlops-core's test resources: what it answers itself and what it leaves to the APIs.
 */
class RegistryUiFilterTest {
    @TempDir
    Path directory;

    private TrackingServer serve(String folder) throws IOException {
        Database database = Database.open(StoreUrl.sqlite(directory.resolve("mlops.db")), Migrations.suite());
        return TrackingServer.start(
                database,
                directory.resolve("blobs"),
                new RegistryUiFilter(new RegistryUiAssets(getClass().getClassLoader(), folder)));
    }

    @Test
    void shouldAnswerHeadWithTheHeadersOfGetAndNoBody() throws IOException {
        try (TrackingServer server = serve("io/mlops/registry/uitest")) {
            Http http = new Http(server.uri());
            Http.Answer head = http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/assets/app-3f2a.js"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.response().body()).isEmpty();
            assertThat(head.response().headers().firstValue("Content-Length")).contains("19");
            assertThat(head.response().headers().firstValue("Cache-Control"))
                    .contains("public, max-age=31536000, immutable");
            assertThat(head.response().headers().firstValue("X-Content-Type-Options"))
                    .contains("nosniff");
        }
    }

    @Test
    void shouldLeaveOtherMethodsAndPathsToTheApis() throws IOException {
        try (TrackingServer server = serve("io/mlops/registry/uitest")) {
            Http http = new Http(server.uri());

            assertThat(http.get("/api/2.0/mlflow/experiments/get?experiment_id=0")
                            .json()
                            .at("/experiment/name")
                            .asText())
                    .isEqualTo("Default");
            Http.Answer post = http.postJson("/", "{}");
            assertThat(post.status()).isEqualTo(404);
            assertThat(post.text()).doesNotContain("<div id=\"root\">");
            assertThat(http.get("/index.html").text()).contains("<div id=\"root\">");
        }
    }

    @Test
    void shouldSayWhenTheBuildHasNoWebUi() throws IOException {
        try (TrackingServer server = serve("io/mlops/registry/none")) {
            Http.Answer page = new Http(server.uri()).get("/");

            assertThat(page.status()).isEqualTo(404);
            assertThat(page.text()).isEqualTo("The registry web UI is not in this build (module registry-ui).\n");
        }
    }
}
