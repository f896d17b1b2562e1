package io.mlops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.Main;
import io.mlops.home.SuiteHome;
import io.mlops.json.Json;
import io.mlops.monitor.AlertChange;
import io.mlops.monitor.AlertKind;
import io.mlops.store.StoreUrl;
import io.mlops.suite.SuiteStores;
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

/** {@code mlops monitor alert}: add, list and remove alert rules, and the bad rules people type. */
class AlertCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String store;

    @BeforeEach
    void registerAModel() throws Exception {
        store = "sqlite:" + directory.resolve("registry.db");
        Path model = Files.writeString(directory.resolve("m.onnx"), "model bytes");
        assertThat(mlops("registry", "register", "persons", "--file", model.toString(), "--store", store))
                .as(err.toString())
                .isZero();
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

    @Test
    void shouldAddListAndRemoveRules() throws Exception {
        assertThat(mlops("monitor", "alert", "list", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("no alert rules");

        assertThat(mlops(
                        "monitor", "alert", "add", "persons", "drift", "--kind", "drift", "--limit", "0.2", "--for",
                        "10", "--input", "x", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("added alert rule drift on persons: drift of x > 0.2 for 10 min");
        assertThat(mlops(
                        "monitor", "alert", "add", "persons", "slow", "--kind", "latency", "--limit", "250", "--store",
                        store))
                .as(err.toString())
                .isZero();
        try (SuiteStores stores =
                SuiteStores.open(SuiteHome.resolve(directory.resolve("home"), Map.of()), StoreUrl.parse(store), null)) {
            stores.alertStates()
                    .begin(
                            new AlertChange(
                                    "persons",
                                    1,
                                    "http://gpu-1:8000",
                                    "slow",
                                    AlertKind.LATENCY,
                                    true,
                                    300,
                                    250,
                                    "",
                                    5),
                            1_800_000_000_000L,
                            0);
        }

        assertThat(mlops("monitor", "alert", "list", "persons", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().lines().toList())
                .hasSize(3)
                .satisfies(lines -> assertThat(lines.get(1)).contains("drift", "drift of x", "0.2", "10m", "-"))
                .satisfies(lines -> assertThat(lines.get(2))
                        .contains("slow", "p95 latency ms", "250.0", "5m", "http://gpu-1:8000"));
        assertThat(mlops("--json", "monitor", "alert", "list", "--store", store))
                .as(err.toString())
                .isZero();
        JsonNode listed = Json.mapper().readTree(out.toString());
        assertThat(listed.at("/0/name").asText()).isEqualTo("drift");
        assertThat(listed.at("/0/input").asText()).isEqualTo("x");
        assertThat(listed.at("/1/kind").asText()).isEqualTo("latency");
        assertThat(listed.at("/1/minutes").asInt()).isEqualTo(5);
        assertThat(listed.at("/1/firing/0/endpoint").asText()).isEqualTo("http://gpu-1:8000");

        assertThat(mlops("monitor", "alert", "remove", "persons", "drift", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("removed alert rule drift from persons");
        assertThat(mlops("--json", "monitor", "alert", "list", "persons", "--store", store))
                .isZero();
        assertThat(Json.mapper().readTree(out.toString())).hasSize(1);
    }

    @Test
    void shouldRefuseBadRulesWithOneClearMessage() {
        assertRefused("unknown alert kind 'cpu'", "add", "persons", "r", "--kind", "cpu", "--limit", "1");
        assertRefused(
                "the limit must be a number of 0 or more, not -0.5",
                "add",
                "persons",
                "r",
                "--kind",
                "latency",
                "--limit",
                "-0.5");
        assertRefused(
                "'for' must be at least 1 minute, not 0",
                "add",
                "persons",
                "r",
                "--kind",
                "latency",
                "--limit",
                "5",
                "--for",
                "0");
        assertRefused("nobody", "add", "nobody", "r", "--kind", "latency", "--limit", "5");
        assertRefused("no alert rule named 'r'", "remove", "persons", "r");
        assertThat(mlops("monitor", "alert", "add", "persons", "r", "--limit", "5", "--store", store))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--kind");
    }

    private void assertRefused(String message, String... arguments) {
        List<String> all = new ArrayList<>(List.of("monitor", "alert"));
        all.addAll(List.of(arguments));
        all.addAll(List.of("--store", store));
        assertThat(mlops(all.toArray(String[]::new))).as(out.toString()).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("mlops: error: ")
                .contains(message)
                .doesNotContain("Exception");
    }
}
