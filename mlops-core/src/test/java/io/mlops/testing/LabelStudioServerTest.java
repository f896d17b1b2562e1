package io.mlops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Label Studio the labeling tests run against starts, and takes its user's token. */
class LabelStudioServerTest {
    @Test
    void shouldStartAndAnswerTheApiWithTheTestToken(@TempDir Path dir) throws Exception {
        try (LabelStudioServer server = LabelStudioServer.start(dir.resolve("ls"));
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> projects = client.send(
                    HttpRequest.newBuilder(server.url().resolve("/api/projects"))
                            .header("Authorization", "Token " + LabelStudioServer.TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> anonymous = client.send(
                    HttpRequest.newBuilder(server.url().resolve("/api/projects"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(projects.statusCode()).as(projects.body()).isEqualTo(200);
            assertThat(projects.body()).contains("\"results\"");
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }
}
