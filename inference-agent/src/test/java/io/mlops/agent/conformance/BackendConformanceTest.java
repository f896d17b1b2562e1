package io.mlops.agent.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.onnxruntime.OnnxRuntimeBackend;
import io.mlops.agent.backend.openvino.OpenVinoBackend;
import io.mlops.agent.backend.tensorrt.TensorRtBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX's own backend node tests (Debian package {@code libonnx-testdata}) on every backend. Each
 * backend has an expected-pass list in {@code src/test/resources/conformance/}: the test fails when a
 * node test on that list no longer passes, never for tests the runtime does not support. The summary
 * goes to {@code target/conformance/}; {@code -Dconformance.record=true} rewrites the lists and
 * {@code docs/conformance.md} from the run.
 */
class BackendConformanceTest {
    static final Path DEFAULT_DATA = Path.of("/usr/share/libonnx-testdata/data/node");
    private static final Map<String, ConformanceSummary> SUMMARIES = new TreeMap<>();

    @TempDir
    Path compiled;

    static Stream<ConformanceBackends.BackendUnderTest> backends() {
        return ConformanceBackends.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldKeepPassingEveryNodeTestItPassedBefore(ConformanceBackends.BackendUnderTest underTest) {
        List<NodeTest> tests = NodeTest.discover(testData());
        assertThat(tests).as("node tests in " + testData()).hasSizeGreaterThan(100);
        try (Backend backend = underTest.open().get()) {
            List<Outcome> outcomes = new ConformanceRun(backend, underTest.device(), compiled).run(tests);
            ConformanceSummary summary = new ConformanceSummary(underTest.name(), runtime(backend), outcomes);
            summary.writeTo(Path.of("target", "conformance"));
            synchronized (SUMMARIES) {
                SUMMARIES.put(underTest.name(), summary);
            }
            if (Boolean.getBoolean("conformance.record")) {
                // only what passes twice goes on the list: random operators (Bernoulli, ...) and a runtime's
                // nondeterministic kernels must not become regressions by luck
                ConformanceRun again = new ConformanceRun(backend, underTest.device(), compiled.resolve("again"));
                record(
                        underTest.name(),
                        summary.passing().stream()
                                .filter(name -> again.run(tests.stream()
                                                        .filter(t -> t.name().equals(name))
                                                        .findFirst()
                                                        .orElseThrow())
                                                .verdict()
                                        == Outcome.Verdict.PASS)
                                .toList());
            }
            assertThat(summary.regressions(expectedPass(underTest.name())))
                    .as("node tests that passed on " + underTest.name() + " before and do not now")
                    .isEmpty();
        }
    }

    @AfterAll
    static void writeDocs() throws IOException {
        if (!Boolean.getBoolean("conformance.record") || SUMMARIES.isEmpty()) {
            return;
        }
        StringBuilder doc = new StringBuilder();
        doc.append("# Backend conformance\n\n");
        doc.append("ONNX's backend node tests (one operator each, ")
                .append(NodeTest.discover(testData()).size())
                .append(" in Debian's `libonnx-testdata`) run on every inference-agent backend by\n")
                .append("`BackendConformanceTest`. Outputs are compared as ONNX's runner does (rtol ")
                .append(TensorComparison.RTOL)
                .append(", atol ")
                .append(TensorComparison.ATOL)
                .append(
                        "). *Unsupported* means the\nruntime refused to load or run the model (an operator, a datatype, ")
                .append(
                        "or a sequence/optional value the\nV2 protocol cannot carry); *fail* means it ran and answered ")
                .append("differently. The test fails only when a\nnode test on the backend's expected-pass list ")
                .append("(`inference-agent/src/test/resources/conformance/`) stops\npassing.\n\n");
        doc.append("Reproduce: `./mvnw -pl inference-agent -am verify -Dtest=BackendConformanceTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dconformance.record=true` (rewrites this page and the lists; "
                + "every test's verdict lands in `inference-agent/target/conformance/<backend>.tsv`).\n\n");
        SUMMARIES.values().forEach(s -> doc.append(s.markdown()));
        for (var backend : ConformanceBackends.all()) {
            if (!SUMMARIES.containsKey(backend.name())) {
                doc.append("## ")
                        .append(backend.name())
                        .append("\n\nNot run where this page was written (")
                        .append(backend.name().equals("tensorrt") ? "no NVIDIA GPU" : "runtime missing")
                        .append("); it has no expected-pass list yet.\n\n");
            }
        }
        Files.writeString(
                Path.of("..", "docs", "conformance.md"), doc.toString().strip() + "\n");
    }

    private static String runtime(Backend backend) {
        return switch (backend) {
            case OpenVinoBackend openVino -> "OpenVINO " + openVino.runtimeVersion() + ", CPU plugin";
            case TensorRtBackend tensorRt -> "TensorRT " + tensorRt.tensorRtVersion();
            case OnnxRuntimeBackend onnxRuntime ->
                "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion() + ", CPU";
            default -> backend.name();
        };
    }

    static Path testData() {
        String configured = System.getenv("ONNX_NODE_TESTS");
        Path data = configured == null || configured.isBlank() ? DEFAULT_DATA : Path.of(configured);
        if (!Files.isDirectory(data)) {
            String reason = "ONNX node tests not found at " + data
                    + "; install Debian's libonnx-testdata (apt-get install libonnx-testdata) or set ONNX_NODE_TESTS";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return data;
    }

    private static List<String> expectedPass(String backend) {
        try (InputStream in =
                BackendConformanceTest.class.getResourceAsStream("/conformance/" + backend + "-expected-pass.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(String backend, List<String> passing) {
        Path file = Path.of("src", "test", "resources", "conformance", backend + "-expected-pass.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    "# ONNX node tests that pass on " + backend
                            + "; written by BackendConformanceTest with -Dconformance.record=true\n"
                            + String.join("\n", passing) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
