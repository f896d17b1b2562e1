package io.mlops.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.cli.Main;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops deploy}: the mistakes people make before any agent is involved. */
class DeployCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path tokenFile;

    @BeforeEach
    void registerAModel() throws Exception {
        tokenFile = Files.writeString(directory.resolve("token"), "s3cret-admin-token\n");
        Path model = Files.writeString(directory.resolve("model.onnx"), "not really onnx");
        assertThat(mlops("registry", "register", "persons", "--file", model.toString()))
                .as(err.toString())
                .isZero();
    }

    @Test
    void shouldRejectAnUnknownBackendAsUsage() {
        assertThat(deploy("--model", "persons", "--backend", "tflite")).isEqualTo(2);
        assertThat(err.toString()).contains("--backend must be onnxruntime, openvino, tensorrt or auto, not 'tflite'");
    }

    @Test
    void shouldRejectACanaryShareOutsideOneToHundredAsUsage() {
        assertThat(deploy("--model", "persons", "--backend", "onnxruntime", "--canary", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--canary must be 1 to 100 percent, not 0");
    }

    @Test
    void shouldNameAnEmptyOrMissingTokenFile() throws Exception {
        Files.writeString(tokenFile, "  \n");
        assertThat(deploy("--model", "persons", "--backend", "onnxruntime")).isEqualTo(1);
        assertThat(err.toString()).contains("the token file " + tokenFile + " is empty");

        Files.delete(tokenFile);
        assertThat(deploy("--model", "persons", "--backend", "onnxruntime")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the token file " + tokenFile);
    }

    @Test
    void shouldNameAnUnknownModelOrAliasBeforeCallingTheAgent() {
        assertThat(deploy("--model", "cars@production", "--backend", "onnxruntime"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cars");

        assertThat(deploy("--model", "persons@production", "--backend", "onnxruntime"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("model 'persons' has no alias 'production'");
    }

    @Test
    void shouldSayWhenTheAgentCannotBeReachedWithoutPrintingTheToken() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        assertThat(deploy("--agent", "http://127.0.0.1:" + port, "--model", "persons:1", "--backend", "onnxruntime"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the agent at http://127.0.0.1:" + port);
        assertThat(err.toString() + out).doesNotContain("s3cret");
        try (Database database = Database.sqlite(directory.resolve("home/mlops.db"), Migrations.suite())) {
            assertThat(new JdbcModelRegistry(database).deployments("persons")).isEmpty();
        }
    }

    private int deploy(String... arguments) {
        List<String> all = new ArrayList<>(List.of("deploy", "--token-file", tokenFile.toString()));
        if (!List.of(arguments).contains("--agent")) {
            all.addAll(List.of("--agent", "http://127.0.0.1:9"));
        }
        all.addAll(List.of(arguments));
        return mlops(all.toArray(String[]::new));
    }

    private int mlops(String... arguments) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all =
                new ArrayList<>(List.of("--home", directory.resolve("home").toString()));
        all.addAll(List.of(arguments));
        return Main.run(
                all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of("USER", "alice"));
    }
}
