package io.mlops.cli.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.Main;
import io.mlops.json.Json;
import io.mlops.testing.LabelStudioProjects;
import io.mlops.testing.LabelStudioServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlops data labels pull} against a real Label Studio 1.23 server (one for the class): the token
 * from a file or LABEL_STUDIO_API_KEY, never printed; the pulled directory snapshotted with its labels.
 */
class LabelStudioPullCommandTest {
    @TempDir
    static Path shared;

    private static LabelStudioServer server;
    private static long project;
    private static String personal;

    @TempDir
    Path dir;

    @BeforeAll
    static void startLabelStudio() throws Exception {
        server = LabelStudioServer.start(shared.resolve("label-studio"));
        LabelStudioProjects api = new LabelStudioProjects(server);
        project = api.createProject("cli pull");
        api.annotate(api.upload(project, png(shared.resolve("cat.png"), 40, 30)), "cat", 40, 30, 25, 10, 50, 60);
        api.annotate(api.upload(project, png(shared.resolve("dog.png"), 64, 48)), "dog", 64, 48, 0, 0, 100, 50);
        personal = api.personalAccessToken();
    }

    @AfterAll
    static void stopLabelStudio() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldPullWithATokenFileAndSnapshotTheLabeledDirectory() throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("token"), LabelStudioServer.TOKEN + "\n");
        Path out = dir.resolve("data/pets");

        Run pulled = run(
                Map.of(),
                "data",
                "labels",
                "pull",
                "--url",
                server.url().toString(),
                "--project",
                Long.toString(project),
                "--token-file",
                tokenFile.toString(),
                "--out",
                out.toString(),
                "--snapshot",
                "--name",
                "pets");

        assertThat(pulled.status()).as(pulled.err()).isZero();
        assertThat(pulled.err()).contains("'cli pull': 2 tasks, 2 images");
        assertThat(pulled.out()).contains("recorded snapshot").contains("labels 2 images, 2 objects");
        assertThat(out.resolve("result.json")).isRegularFile();
        try (var files = Files.list(out)) {
            assertThat(files.filter(file -> file.toString().endsWith(".png"))).hasSize(2);
        }
        Run show = run(Map.of(), "--json", "data", "show", "pets");
        assertThat(show.status()).as(show.err()).isZero();
        assertThat(Json.mapper().readTree(show.out()).toString()).contains("result.json");
        assertThat(pulled.out() + pulled.err()).doesNotContain(LabelStudioServer.TOKEN);
    }

    @Test
    void shouldReadAPersonalAccessTokenFromTheEnvironmentLikeTheSdk() throws IOException {
        Run pulled = run(
                Map.of("LABEL_STUDIO_API_KEY", personal),
                "--json",
                "data",
                "labels",
                "pull",
                "--url",
                server.url().toString(),
                "--project",
                Long.toString(project),
                "--out",
                dir.resolve("pets").toString());

        assertThat(pulled.status()).as(pulled.err()).isZero();
        JsonNode result = Json.mapper().readTree(pulled.out());
        assertThat(result.path("images").asLong()).isEqualTo(2);
        assertThat(result.path("title").asText()).isEqualTo("cli pull");
        assertThat(pulled.out() + pulled.err()).doesNotContain(personal);
    }

    @Test
    void shouldFailOnAWrongTokenNamingTheServerWithoutPrintingItOrWritingAnything() throws IOException {
        String wrong = "0000000000000000000000000000000000000000";
        Path out = dir.resolve("pets");

        Run pulled = run(
                Map.of("LABEL_STUDIO_API_KEY", wrong),
                "data",
                "labels",
                "pull",
                "--url",
                server.url().toString(),
                "--project",
                Long.toString(project),
                "--out",
                out.toString(),
                "--snapshot");

        assertThat(pulled.status()).isNotZero();
        assertThat(pulled.err())
                .contains(server.url().toString())
                .contains("token")
                .doesNotContain(wrong);
        assertThat(pulled.err()).doesNotContain("\tat ");
        assertThat(out).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left.filter(file -> !file.getFileName().toString().equals("home")))
                    .isEmpty();
        }
    }

    @Test
    void shouldAskForTheTokenWhenNoneIsGiven() {
        Run pulled = run(
                Map.of(),
                "data",
                "labels",
                "pull",
                "--url",
                server.url().toString(),
                "--project",
                Long.toString(project),
                "--out",
                dir.resolve("pets").toString());

        assertThat(pulled.status()).isNotZero();
        assertThat(pulled.err()).contains("--token-file").contains("LABEL_STUDIO_API_KEY");
    }

    private Run run(Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("MLOPS_HOME", dir.resolve("home").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {}

    private static Path png(Path file, int width, int height) throws IOException {
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        return file;
    }
}
