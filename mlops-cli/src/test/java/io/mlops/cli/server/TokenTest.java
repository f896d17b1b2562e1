package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.tracking.http.BearerTokenFilter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a token configured, only requests that carry it get through. */
class TokenTest {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path directory;

    @Test
    void shouldLetInOnlyRequestsWithTheBearerToken() throws IOException {
        try (TrackingServer server = TrackingServer.start(
                Database.sqlite(directory.resolve("mlops.db"), Migrations.suite()),
                directory.resolve("artifacts"),
                new BearerTokenFilter(TOKEN))) {
            Http http = new Http(server.uri());
            URI url = URI.create(server.uri() + "/api/2.0/mlflow/experiments/get?experiment_id=0");

            Http.Answer none = http.get("/api/2.0/mlflow/experiments/get?experiment_id=0");
            Http.Answer wrong = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer guess"));
            Http.Answer right = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + TOKEN));

            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().get("error_code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(none.response().headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.text()).doesNotContain(TOKEN).doesNotContain("guess");
            assertThat(right.status()).isEqualTo(200);
            assertThat(right.json().at("/experiment/name").asText()).isEqualTo("Default");
        }
    }
}
