package io.mlops.library;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.GroovyObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vars/mlopsPipeline and its helpers run end to end on the quickstart's sample data, in the
 * recorded-steps harness: plain Groovy, NOT Jenkins' CPS interpreter (see RecordedSteps.groovy). Its sh
 * runs bash, and the plugin steps run the real mlops command on one MLOPS_HOME, so what one step returns
 * (snapshot id, run id, the ONNX file, the registered version) is what the next one is given.
 */
class MlopsPipelineRecordedStepsHarnessTest {
    private static final String APPROVAL = "Promote persons@staging to production?";

    @TempDir
    Path temp;

    private Path workspace;
    private Path home;
    private GroovyObject harness;

    @BeforeEach
    void sampleData() throws Exception {
        workspace = Files.createDirectories(temp.resolve("workspace"));
        home = temp.resolve("state/home");
        Files.createDirectories(home);
        run(List.of(
                RecordedStepsHarness.python(),
                root().resolve("python/quickstart/make_data.py").toString(),
                "data"));
        // the repository's config file: the lifecycle's settings; the Jenkinsfile adds and overrides
        Files.writeString(workspace.resolve("mlops.yaml"), """
                model: persons
                data: data/
                labels: coco:data/annotations.json
                train: python %s data/table.csv model.pkl
                framework: sklearn
                checkpoint: model.pkl
                validation: data/table.csv?target=label
                task: regression
                """.formatted(root().resolve("python/quickstart/train.py")));
        harness = RecordedStepsHarness.create(workspace, home);
    }

    private static Path root() {
        return RecordedStepsHarness.root();
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(workspace.toFile())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("setup.log").toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(temp.resolve("setup.log")))
                .isZero();
    }

    private String build(String jenkinsfile) {
        return (String) harness.invokeMethod("run", jenkinsfile);
    }

    private String log() {
        return harness.getProperty("log").toString();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> calls(String step) {
        List<Map<String, Object>> calls = (List<Map<String, Object>>) harness.getProperty("calls");
        return calls.stream().filter(c -> step.equals(c.get("step"))).toList();
    }

    private String mlops(String... args) throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(List.of(root().resolve("bin/mlops").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MLOPS_HOME", home.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @SuppressWarnings("unchecked")
    private void answer(String message, Object value) {
        ((Map<String, Object>) harness.getProperty("inputAnswers")).put(message, value);
    }

    private static final String PIPELINE = """
            @Library('mlops') _
            mlopsPipeline {
                task = 'classification'
                approval = true
            }
            """;

    @Test
    void
            firstRunWithoutProductionPassesThenTheSecondIsGatedAgainstProductionThenRollsBackInTheRecordedStepsHarnessNotCps()
                    throws Exception {
        answer(APPROVAL, "alice");

        assertThat(build(PIPELINE)).as(log()).isEqualTo("SUCCESS");
        // no production yet: the baseline gate of the default classification set is skipped, not an error
        assertThat(log()).contains("the registry alias 'production' does not exist yet");
        assertThat(log()).contains("against no production yet (first version)");
        assertThat(calls("withGpus"))
                .singleElement()
                .satisfies(c -> assertThat(c.get("args")).isEqualTo(Map.of("count", 1)));
        assertThat(calls("parallel"))
                .singleElement()
                .satisfies(c -> assertThat(c.get("args").toString()).isEqualTo("[gpu (auto), intel (auto)]"));
        assertThat(calls("node").stream().map(c -> String.valueOf(((Map<?, ?>) c.get("args")).get("label"))))
                .containsExactly("", "gpu", "intel");
        assertThat(calls("deployTo"))
                .hasSize(2)
                .allSatisfy(
                        c -> assertThat(c.get("args").toString()).contains("model=persons@staging", "backend=auto"));
        Map<?, ?> trackRun = (Map<?, ?>) calls("trackRun").get(0).get("args");
        String snapshot = String.valueOf(((List<?>) trackRun.get("snapshots")).get(0));
        assertThat(mlops("data", "list")).contains(snapshot.substring(0, 8));
        String shown = mlops("--json", "registry", "show", "persons");
        assertThat(shown).contains("\"production\" : 1", "\"staging\" : 1");
        assertThat(mlops("registry", "audit", "persons")).contains("alice", "approved by alice");

        answer(APPROVAL, "bob");
        assertThat(build(PIPELINE)).as(log()).isEqualTo("SUCCESS");
        // production exists now: evaluated against it, with the baseline gate
        assertThat(log()).contains("baseline production is ");
        assertThat(log()).containsPattern("'--gate' 'macro_f1 >= baseline - 0.02'.*'--baseline'");
        assertThat(log()).contains("persons v2 against production v1");
        assertThat(mlops("--json", "registry", "show", "persons")).contains("\"production\" : 2", "\"staging\" : 2");
        assertThat(mlops("registry", "audit", "persons")).contains("bob", "approved by bob");

        // the helpers on their own: compare an older version with production, roll production back
        String result = build("""
                node('gpu') {
                    def rows = mlopsCompare(model: 'persons', candidate: 1, production: 'production', metrics: ['accuracy'])
                    echo "rows=${rows.size()}"
                    def version = mlopsRollback(model: 'persons', reason: 'latency doubled after v2')
                    echo "now=${version}"
                }
                """);

        assertThat(result).as(log()).isEqualTo("SUCCESS");
        assertThat(log()).contains("persons v1 against production v2", "rows=1", "now=1");
        assertThat(mlops("registry", "audit", "persons")).contains("latency doubled after v2");
    }

    @Test
    void aFailedGateStopsTheBuildBeforeRegistrationInTheRecordedStepsHarnessNotCps() throws Exception {
        String result = build("""
                mlopsPipeline(task: 'classification', gates: ['accuracy >= 0.999'], deploy: false)
                """);

        assertThat(result).as(log()).isEqualTo("FAILURE");
        assertThat(log()).contains("evaluateModel: a gate failed");
        assertThat(calls("deployTo")).isEmpty();
        assertThat(mlops("--json", "registry", "list").trim()).isEqualTo("[ ]");
    }

    @Test
    void labelDriftAboveMaxPsiMarksTheBuildUnstableAndStopsBeforeDeployInTheRecordedStepsHarnessNotCps()
            throws Exception {
        String pipeline = """
                mlopsPipeline(task: 'classification', gates: ['accuracy >= 0.5'], promoteTo: '')
                """;
        assertThat(build(pipeline)).as(log()).isEqualTo("SUCCESS");
        // a second batch, nearly all cars: the class balance moves far beyond PSI 0.2
        run(List.of(
                RecordedStepsHarness.python(),
                root().resolve("python/quickstart/make_data.py").toString(),
                "data",
                "--batch",
                "2"));

        assertThat(build(pipeline)).as(log()).isEqualTo("UNSTABLE");
        assertThat(log()).contains("label drift above maxPsi 0.2", "Stage 'Deploy' skipped");
        assertThat(calls("deployTo")).isEmpty();
    }
}
