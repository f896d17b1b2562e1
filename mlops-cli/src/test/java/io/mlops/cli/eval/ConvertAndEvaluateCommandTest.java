package io.mlops.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlops convert} and {@code mlops evaluate} as a user runs them: a scikit-learn model trained
 * in the test venv, converted with skl2onnx, evaluated on a CSV table.
 */
class ConvertAndEvaluateCommandTest {
    @TempDir
    static Path work;

    static Path python;
    static Path model;
    static Path table;

    @BeforeAll
    static void trainAndConvert() throws Exception {
        python = venvPython();
        Path script = Files.writeString(work.resolve("train.py"), """
                import joblib, numpy as np
                from sklearn.linear_model import LogisticRegression
                rng = np.random.default_rng(0)
                X = rng.normal(size=(90, 4)).astype(np.float32)
                y = (X[:, 0] + 0.5 * rng.normal(size=90) > 0).astype(int) + (X[:, 1] > 1).astype(int)
                joblib.dump(LogisticRegression().fit(X, y), "model.pkl")
                with open("table.csv", "w") as f:
                    f.write("f0,f1,f2,f3,label\\n")
                    for row, label in zip(X, y):
                        f.write(",".join(repr(float(v)) for v in row) + f",{label}\\n")
                """);
        Process process = new ProcessBuilder(python.toString(), script.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0)
                .as(output)
                .isTrue();
        model = work.resolve("model.onnx");
        table = work.resolve("table.csv");
        Run convert = mlops(
                "convert",
                "--framework",
                "sklearn",
                "--model",
                work.resolve("model.pkl").toString(),
                "--out",
                model.toString(),
                "--python",
                python.toString(),
                "--optimize",
                "basic");
        assertThat(convert.status()).as(convert.err()).isZero();
        assertThat(convert.out())
                .contains("proof      output 'label': equal", "optimized  BASIC: output 'probabilities': equal");
    }

    @Test
    void shouldPrintTheModelCardAsJson() throws IOException {
        Run card = mlops("--json", "convert", "card", model.toString());

        JsonNode json = new ObjectMapper().readTree(card.out());
        assertThat(card.status()).isZero();
        assertThat(json.get("inputs").get(0).get("name").asText()).isEqualTo("input");
        assertThat(json.get("inputs").get(0).get("dims").get(1).asText()).isEqualTo("4");
        assertThat(json.get("loads").asBoolean()).isTrue();
    }

    @Test
    void shouldExitZeroWhenGatesHoldAndThreeWhenOneFails() throws IOException {
        Run pass = mlops(
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                table.toString(),
                "--task",
                "classification",
                "--gate",
                "accuracy >= 0.5",
                "--gate",
                "p99_latency_ms <= 60000");
        Run failed = mlops(
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                table.toString(),
                "--task",
                "classification",
                "--gate",
                "accuracy >= 0.5",
                "--gate",
                "accuracy > 1",
                "--json");

        assertThat(pass.status()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("90 samples", "PASS accuracy = ", "PASSED: all 2 gates hold");
        assertThat(failed.status()).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(failed.out());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("verdict").get("results").get(1).get("threshold").asDouble())
                .isEqualTo(1.0);
        assertThat(json.get("metrics").get("accuracy").asDouble())
                .as("the text shows six digits")
                .isCloseTo(pass.metric("accuracy"), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void shouldMergeShardsIntoTheSameNumbers() throws IOException {
        Run whole = mlops(
                "--json",
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                table.toString(),
                "--task",
                "classification");
        for (int shard = 0; shard < 3; shard++) {
            Run part = mlops(
                    "evaluate",
                    "--model",
                    model.toString(),
                    "--data",
                    table.toString(),
                    "--task",
                    "classification",
                    "--shard",
                    shard + "/3",
                    "--report",
                    work.resolve("shard" + shard).toString());
            assertThat(part.status()).as(part.err()).isZero();
        }

        Run merged = mlops(
                "--json",
                "evaluate",
                "merge",
                work.resolve("shard0").toString(),
                work.resolve("shard1/state.json").toString(),
                work.resolve("shard2").toString(),
                "--gate",
                "accuracy >= 0.5",
                "--report",
                work.resolve("merged").toString());

        assertThat(merged.status()).as(merged.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(whole.out()).get("classification");
        JsonNode b = new ObjectMapper().readTree(merged.out()).get("classification");
        assertThat(b).isEqualTo(a);
        assertThat(work.resolve("merged/report.html")).exists();
    }

    @Test
    void shouldExitOneWithOneLineForBadInput() throws IOException {
        Path notOnnx = Files.writeString(work.resolve("notes.onnx"), "not a model");

        Run bad = mlops(
                "evaluate", "--model", notOnnx.toString(), "--data", table.toString(), "--task", "classification");
        Run syntax = mlops(
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                table.toString(),
                "--task",
                "classification",
                "--gate",
                "accuracy => 0.9");
        Run alias = mlops(
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                table.toString(),
                "--task",
                "classification",
                "--baseline",
                "production");

        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).startsWith("mlops: error: " + notOnnx + " is not an ONNX model");
        assertThat(syntax.status()).isEqualTo(1);
        assertThat(syntax.err()).contains("gate 'accuracy => 0.9': syntax error at column 10");
        assertThat(alias.status()).isEqualTo(1);
        assertThat(alias.err()).contains("needs the model registry, which is not available");
    }

    @Test
    void shouldExitTwoOnUsageErrors() {
        assertThat(mlops("evaluate", "--model", model.toString()).status()).isEqualTo(2);
        assertThat(mlops("convert", "--framework", "sklearn").status()).isEqualTo(2);
        assertThat(mlops("evaluate", "merge").status()).isEqualTo(2);
        assertThat(mlops("evaluate", "--model", "m", "--data", "d", "--task", "classification", "--on-error", "maybe")
                        .status())
                .isEqualTo(2);
    }

    private static Path venvPython() {
        String configured = System.getenv("MLOPS_VENV");
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        Path venv = configured != null && !configured.isBlank() ? Path.of(configured) : root.resolve(".venv");
        Path program = venv.resolve("bin/python");
        if (!Files.isExecutable(program)) {
            String reason = "python not found at " + program + "; run bin/test (it creates the venv) or set MLOPS_VENV";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return program;
    }

    private record Run(int status, String out, String err) {
        double metric(String name) {
            for (String line : out.split("\n")) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length >= 2 && parts[0].equals(name)) {
                    return Double.parseDouble(parts[1]);
                }
            }
            throw new AssertionError("no " + name + " in " + out);
        }
    }

    private static Run mlops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(
                args,
                new PrintWriter(out),
                new PrintWriter(err),
                Map.of("MLOPS_HOME", work.resolve("home").toString()));
        return new Run(status, out.toString(), err.toString());
    }
}
