package io.mlops.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every plugin step, trigger and parameter name that vars/ and Jenkinsfile.example use exists in the
 * plugins' Java sources (@Symbol, @DataBoundConstructor and @DataBoundSetter), so renaming a step's
 * parameter without changing the library fails the build here, not in a user's first Jenkins run.
 */
class StepSymbolsTest {
    private static final Path ROOT = RecordedStepsHarness.root();
    /** Steps another issue adds to mlops-steps-plugin; named in the failure when they are not merged yet. */
    private static final Map<String, String> PENDING =
            Map.of("withGpus", "withGpus comes with issue 16 item 4 (branch gpualloc); merge it before this library");

    private static List<Path> scripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> vars = Files.list(ROOT.resolve("vars"))) {
            vars.filter(f -> f.toString().endsWith(".groovy")).sorted().forEach(scripts::add);
        }
        scripts.add(ROOT.resolve("Jenkinsfile.example"));
        return scripts;
    }

    @Test
    void shouldFindEveryStepSymbolInThePluginSources() {
        Map<String, Set<String>> signatures = StepSignatures.read(StepSignatures.pluginSources(ROOT));

        assertThat(signatures)
                .containsKeys(
                        "dataSnapshot",
                        "trackRun",
                        "convertToOnnx",
                        "evaluateModel",
                        "deployTo",
                        "newData",
                        "registryEvent");
        assertThat(signatures.get("deployTo")).contains("backend", "model", "agent", "canary", "watch");
    }

    @Test
    void shouldUseOnlyStepsAndParametersThePluginsDeclare() throws IOException {
        Map<String, Set<String>> signatures = StepSignatures.read(StepSignatures.pluginSources(ROOT));
        Set<String> symbols = new TreeSet<>(signatures.keySet());
        symbols.addAll(PENDING.keySet());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path script : scripts()) {
            for (StepCalls.Call call : StepCalls.find(Files.readString(script), symbols)) {
                checked++;
                Set<String> known = signatures.get(call.step());
                String where = ROOT.relativize(script) + ":" + call.line();
                if (known == null) {
                    problems.add(where + ": " + call.step() + " is not in the plugin sources yet: "
                            + PENDING.get(call.step()));
                    continue;
                }
                for (String name : call.parameters()) {
                    if (!known.contains(name)) {
                        problems.add(where + ": " + call.step() + " has no parameter '" + name + "' (it takes " + known
                                + ")");
                    }
                }
            }
        }

        assertThat(checked).isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldOfferEveryDeployBackendTheLibraryAsksFor() throws IOException {
        String step = Files.readString(
                ROOT.resolve("mlops-steps-plugin/src/main/java/io/mlops/jenkins/steps/DeployToStep.java"));
        String config = Files.readString(ROOT.resolve("vars/mlopsConfig.groovy"));

        assertThat(config).contains("backend: 'auto'");
        assertThat(step)
                .as("deployTo backend: 'auto' (the library's default for its gpu and intel targets) comes with issue 16"
                        + " item 5 (branch hwbackend); merge it before this library")
                .contains("auto");
    }

    @Test
    void shouldReadNamedArgumentsOfBothCallForms() {
        String script = """
                deployTo backend: 'tensorrt', model: "${m}@${a}", agent: x ? 'a' : 'b',
                        canary: 10
                evaluateModel(model: 'm.onnx', gates: [g(a: 1)], data: d ?: 'x', task: 't')
                """;

        List<StepCalls.Call> calls = StepCalls.find(script, Set.of("deployTo", "evaluateModel"));

        assertThat(calls).extracting(StepCalls.Call::step).containsExactly("deployTo", "evaluateModel");
        assertThat(calls.get(0).parameters()).containsExactly("backend", "model", "agent", "canary");
        assertThat(calls.get(1).parameters()).containsExactly("model", "gates", "data", "task");
    }
}
