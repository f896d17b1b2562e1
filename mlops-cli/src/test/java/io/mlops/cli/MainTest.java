package io.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path tmp;

    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "alpha");
        Files.writeString(data.resolve("b.txt"), "beta");
    }

    @Test
    void shouldPrintTheSnapshotIdAndExitZero() {
        Run run = mlops("data", "snapshot", data.toString(), "--name", "ab");

        assertThat(run.status()).isZero();
        assertThat(run.out().strip()).matches("[0-9a-f]{32}");
        assertThat(run.err()).contains("recorded ab: 2 files");
    }

    @Test
    void shouldPrintJsonWhenAsked() throws IOException {
        mlops("data", "snapshot", data.toString(), "--name", "ab");
        Files.writeString(data.resolve("b.txt"), "beta, revised");
        mlops("data", "snapshot", data.toString(), "--name", "ab2");

        JsonNode list =
                new ObjectMapper().readTree(mlops("--json", "data", "list").out());
        JsonNode diff = new ObjectMapper()
                .readTree(mlops("data", "diff", "ab", "ab2", "--json").out());

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("names").get(0).asText()).isEqualTo("ab2");
        assertThat(list.get(0).get("fileCount").asInt()).isEqualTo(2);
        assertThat(diff.get("changes").get(0).get("path").asText()).isEqualTo("b.txt");
        assertThat(diff.get("changes").get(0).get("kind").asText()).isEqualTo("MODIFIED");
    }

    @Test
    void shouldExitOneWithOneClearMessageOnAUserError() {
        Run run = mlops("data", "snapshot", tmp.resolve("missing").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("mlops: error: no such file or directory: " + tmp.resolve("missing"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldExitTwoOnAUsageError() {
        assertThat(mlops("data", "snapshot").status()).isEqualTo(2);
        assertThat(mlops("data", "frobnicate").status()).isEqualTo(2);
        assertThat(mlops("data").status()).isEqualTo(2);
        assertThat(mlops().status()).isEqualTo(2);
        assertThat(mlops("data", "checkout", "x").err()).contains("Missing required parameter: 'DEST'");
    }

    @Test
    void shouldOfferHelpOnEveryCommand() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of());
        collect(new CommandLine(new MlopsCommand(Map.of())), new ArrayList<>(), commands);

        assertThat(commands).hasSizeGreaterThanOrEqualTo(9);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Run run = mlops(args.toArray(String[]::new));
            assertThat(run.status()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).contains("Usage: mlops");
        }
    }

    @Test
    void shouldRestoreWithCheckout() {
        mlops("data", "snapshot", data.toString(), "--name", "ab");

        Run run = mlops("data", "checkout", "ab", tmp.resolve("out").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(tmp.resolve("out/b.txt")).hasContent("beta");
        assertThat(run.out()).contains("2 written");
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        for (var entry : line.getSubcommands().entrySet()) {
            List<String> child = new ArrayList<>(path);
            child.add(entry.getKey());
            into.add(child);
            collect(entry.getValue(), child, into);
        }
    }

    private record Run(int status, String out, String err) {}

    private Run mlops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(
                args,
                new PrintWriter(out),
                new PrintWriter(err),
                Map.of("MLOPS_HOME", tmp.resolve("home").toString()));
        return new Run(status, out.toString(), err.toString());
    }
}
