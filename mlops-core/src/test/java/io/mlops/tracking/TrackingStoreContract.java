package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mlops.blob.Blob;
import io.mlops.blob.BlobId;
import io.mlops.git.GitState;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every tracking store has, run against SQLite and PostgreSQL by the subclasses.
 */
abstract class TrackingStoreContract {
    private final List<Database> opened = new ArrayList<>();
    private StoreUrl url;
    TrackingStore store;

    /**
     * A fresh, empty store location.
     *
     * @return the location
     */
    abstract StoreUrl newStore();

    @BeforeEach
    void openStore() {
        url = newStore();
        store = new JdbcTrackingStore(open());
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    private Database open() {
        Database database = Database.open(url, Migrations.suite());
        opened.add(database);
        return database;
    }

    private String newRun() {
        return store.createRun(new NewRun("0", "alice", 1_000, null, List.of())).id();
    }

    @Test
    void shouldHaveTheDefaultExperiment() {
        Experiment experiment = store.experiment("0");

        assertThat(experiment.name()).isEqualTo("Default");
        assertThat(experiment.artifactLocation()).isEqualTo("mlflow-artifacts:/0");
        assertThat(experiment.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(store.experimentByName("Default")).contains(experiment);
    }

    @Test
    void shouldCreateExperimentsWithIncreasingIdsAndTags() {
        String first = store.createExperiment("first", List.of(new Tag("team", "vision")));
        String second = store.createExperiment("second", List.of());

        assertThat(first).isEqualTo("1");
        assertThat(second).isEqualTo("2");
        Experiment experiment = store.experiment(first);
        assertThat(experiment.artifactLocation()).isEqualTo("mlflow-artifacts:/1");
        assertThat(experiment.tags()).containsExactly(new Tag("team", "vision"));
    }

    @Test
    void shouldRejectADuplicateExperimentName() {
        store.createExperiment("twice", List.of());

        assertCode(() -> store.createExperiment("twice", List.of()), ErrorCode.RESOURCE_ALREADY_EXISTS)
                .hasMessage("Experiment(name=twice) already exists.");
    }

    @Test
    void shouldReportUnknownAndMalformedExperimentIds() {
        assertCode(() -> store.experiment("42"), ErrorCode.RESOURCE_DOES_NOT_EXIST)
                .hasMessage("No Experiment with id=42 exists");
        assertCode(() -> store.experiment("abc"), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("Invalid experiment ID 'abc'. Experiment ID must be a valid integer.");
        assertThat(store.experimentByName("nope")).isEmpty();
    }

    @Test
    void shouldStartARunWithAGeneratedNameAndArtifactUri() {
        String experiment = store.createExperiment("exp", List.of());

        Run run = store.createRun(new NewRun(experiment, "alice", 1_700_000_000_000L, null, List.of()));

        assertThat(run.id()).matches("[0-9a-f]{32}");
        assertThat(run.info().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.info().startTime()).isEqualTo(1_700_000_000_000L);
        assertThat(run.info().endTime()).isNull();
        assertThat(run.info().artifactUri())
                .isEqualTo("mlflow-artifacts:/" + experiment + "/" + run.id() + "/artifacts");
        assertThat(run.info().runName()).matches("[a-z]+-[a-z]+-\\d{1,3}");
        assertThat(run.tag("mlflow.runName")).contains(run.info().runName());
        assertThat(store.run(run.id())).isEqualTo(run);
    }

    @Test
    void shouldRejectARunNameThatContradictsItsTag() {
        assertCode(
                        () -> store.createRun(new NewRun("0", "bob", 1, "a", List.of(new Tag("mlflow.runName", "b")))),
                        ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessageContaining("Both 'run_name' argument and 'mlflow.runName' tag are specified");
    }

    @Test
    void shouldReportAnUnknownRun() {
        assertCode(() -> store.run("0123456789abcdef0123456789abcdef"), ErrorCode.RESOURCE_DOES_NOT_EXIST)
                .hasMessage("Run with id=0123456789abcdef0123456789abcdef not found");
        assertCode(
                        () -> store.logMetric("0123456789abcdef0123456789abcdef", new Metric("m", 1, 1, 0)),
                        ErrorCode.RESOURCE_DOES_NOT_EXIST)
                .hasMessage("Run with id=0123456789abcdef0123456789abcdef not found");
    }

    @Test
    void shouldKeepTheLatestPointOfEachMetricByStepThenTimestamp() {
        String run = newRun();

        store.logBatch(
                run,
                List.of(
                        new Metric("loss", 0.9, 100, 0),
                        new Metric("loss", 0.5, 50, 2),
                        new Metric("loss", 0.7, 200, 1),
                        new Metric("acc", 0.1, 10, 0)),
                List.of(new Param("lr", "0.01")),
                List.of(new Tag("team", "ml")));
        store.logMetric(run, new Metric("loss", 0.4, 40, 2));

        Run stored = store.run(run);
        // Step 2 is the highest step; of its two points the later timestamp wins.
        assertThat(stored.metric("loss")).contains(new Metric("loss", 0.5, 50, 2));
        assertThat(stored.metric("acc")).contains(new Metric("acc", 0.1, 10, 0));
        assertThat(stored.param("lr")).contains("0.01");
        assertThat(stored.tag("team")).contains("ml");
        assertThat(store.metricHistory(run, "loss", null, null).items())
                .extracting(Metric::timestamp, Metric::step, Metric::value)
                .containsExactly(tuple(40L, 2L, 0.4), tuple(50L, 2L, 0.5), tuple(100L, 0L, 0.9), tuple(200L, 1L, 0.7));
    }

    @Test
    void shouldStoreAPointLoggedTwiceOnce() {
        String run = newRun();

        store.logMetric(run, new Metric("m", 1.5, 7, 3));
        store.logMetric(run, new Metric("m", 1.5, 7, 3));

        assertThat(store.metricHistory(run, "m", null, null).items()).containsExactly(new Metric("m", 1.5, 7, 3));
    }

    @Test
    void shouldKeepNanAndInfinity() {
        String run = newRun();

        store.logBatch(
                run,
                List.of(
                        new Metric("nan", Double.NaN, 1, 0),
                        new Metric("inf", Double.POSITIVE_INFINITY, 1, 0),
                        new Metric("ninf", Double.NEGATIVE_INFINITY, 1, 0)),
                List.of(),
                List.of());

        Run stored = store.run(run);
        assertThat(stored.metric("nan").orElseThrow().value()).isNaN();
        assertThat(stored.metric("inf").orElseThrow().value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(stored.metric("ninf").orElseThrow().value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(store.metricHistory(run, "nan", null, null)
                        .items()
                        .getFirst()
                        .value())
                .isNaN();
    }

    @Test
    void shouldAcceptAParamLoggedAgainWithTheSameValue() {
        String run = newRun();

        store.logParam(run, new Param("lr", "0.1"));
        store.logBatch(run, List.of(), List.of(new Param("lr", "0.1")), List.of());

        assertThat(store.run(run).params()).containsExactly(new Param("lr", "0.1"));
    }

    @Test
    void shouldRejectAParamReloggedWithAnotherValueAndKeepNothingOfThatBatch() {
        String run = newRun();
        store.logParam(run, new Param("lr", "0.1"));

        assertCode(() -> store.logParam(run, new Param("lr", "0.2")), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("Changing param values is not allowed. Param with key='lr' was already logged with"
                        + " value='0.1' for run ID='" + run + "'. Attempted logging new value '0.2'.");
        assertCode(
                        () -> store.logBatch(
                                run,
                                List.of(new Metric("loss", 1, 1, 0)),
                                List.of(new Param("epochs", "3"), new Param("lr", "0.3")),
                                List.of(new Tag("t", "v"))),
                        ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("Changing param values is not allowed. Params were already logged='[{'key': 'lr',"
                        + " 'old_value': '0.1', 'new_value': '0.3'}]' for run ID='" + run + "'.");

        Run stored = store.run(run);
        assertThat(stored.params()).containsExactly(new Param("lr", "0.1"));
        assertThat(stored.metrics()).isEmpty();
        assertThat(stored.tag("t")).isEmpty();
    }

    @Test
    void shouldEnforceMlflowBatchLimits() {
        String run = newRun();
        List<Metric> metrics =
                IntStream.range(0, 1001).mapToObj(i -> new Metric("m", i, i, i)).toList();
        List<Param> params =
                IntStream.range(0, 101).mapToObj(i -> new Param("p" + i, "v")).toList();

        assertCode(() -> store.logBatch(run, metrics, List.of(), List.of()), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please"
                        + " split up metrics across multiple requests and try again.");
        assertCode(() -> store.logBatch(run, List.of(), params, List.of()), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("A batch logging request can contain at most 100 params. Got 101 params. Please split"
                        + " up params across multiple requests and try again.");
        assertCode(
                        () -> store.logBatch(run, metrics.subList(0, 950), params.subList(0, 60), List.of()),
                        ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessageContaining("at most 1000 metrics, params, and tags. Got 1010");
        assertCode(
                        () -> store.logBatch(
                                run, List.of(), List.of(new Param("a", "1"), new Param("a", "2")), List.of()),
                        ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessageStartingWith("Duplicate parameter keys have been submitted: ['a'].");
    }

    @Test
    void shouldEnforceMlflowLengthLimits() {
        String run = newRun();

        assertCode(() -> store.logParam(run, new Param("p", "x".repeat(6001))), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("'Param value' exceeds the maximum length of 6000 characters");
        assertCode(() -> store.setTag(run, new Tag("t", "x".repeat(8001))), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("'value' exceeds the maximum length of 8000 characters");
        assertCode(
                        () -> store.logBatch(run, List.of(), List.of(), List.of(new Tag("k".repeat(251), "v"))),
                        ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("'tags[0].key' exceeds the maximum length of 250 characters");
        assertCode(() -> store.logMetric(run, new Metric("m".repeat(251), 1, 1, 0)), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("'Metric name' exceeds the maximum length of 250 characters");
        assertCode(() -> store.createExperiment("e".repeat(501), List.of()), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("'name' exceeds the maximum length of 500 characters");
        store.logParam(run, new Param("p", "x".repeat(6000)));
        assertThat(store.run(run).param("p").orElseThrow()).hasSize(6000);
    }

    @Test
    void shouldRejectNamesThatAreNotSafeAsFileNames() {
        String run = newRun();

        assertCode(
                        () -> store.logBatch(run, List.of(new Metric("a/../b", 1, 1, 0)), List.of(), List.of()),
                        ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("Invalid value \"a/../b\" for parameter 'metrics[0].name' supplied: Names may be"
                        + " treated as files in certain cases, and must not resolve to other names when treated as"
                        + " such. This name would resolve to 'b'");
        assertCode(() -> store.logParam(run, new Param("bad$", "1")), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("Invalid value \"bad$\" for parameter 'key' supplied: Names may only contain"
                        + " alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes"
                        + " (/).");
        assertCode(() -> store.logMetric(run, new Metric("m", 1, -1, 0)), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessageContaining("Timestamp must be a nonnegative long");
    }

    @Test
    void shouldEndRenameAndDeleteRuns() {
        String run = newRun();

        RunInfo ended = store.updateRun(run, RunStatus.FINISHED, 5_000L, "renamed");
        store.setTag(run, new Tag("mlflow.runName", "again"));

        assertThat(ended.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(ended.endTime()).isEqualTo(5_000L);
        Run stored = store.run(run);
        assertThat(stored.info().runName()).isEqualTo("again");
        assertThat(stored.tag("mlflow.runName")).contains("again");

        store.deleteRun(run);
        assertThat(store.run(run).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        assertCode(() -> store.logMetric(run, new Metric("m", 1, 1, 0)), ErrorCode.INVALID_PARAMETER_VALUE)
                .hasMessage("The run " + run + " must be in the 'active' state. Current state is deleted.");
        store.restoreRun(run);
        store.logMetric(run, new Metric("m", 1, 1, 0));
        assertThat(store.run(run).metrics()).hasSize(1);
    }

    @Test
    void shouldDeleteTagsAndReportMissingOnes() {
        String run = newRun();
        store.setTag(run, new Tag("t", "v"));

        store.deleteTag(run, "t");

        assertThat(store.run(run).tag("t")).isEmpty();
        assertCode(() -> store.deleteTag(run, "t"), ErrorCode.RESOURCE_DOES_NOT_EXIST)
                .hasMessage("No tag with name: t in run with id " + run);
    }

    @Test
    void shouldPageThroughMetricHistory() {
        String run = newRun();
        store.logBatch(
                run,
                IntStream.range(0, 5).mapToObj(i -> new Metric("m", i, i, i)).toList(),
                List.of(),
                List.of());

        Page<Metric> first = store.metricHistory(run, "m", 2, null);
        Page<Metric> second = store.metricHistory(run, "m", 2, first.nextPageToken());
        Page<Metric> last = store.metricHistory(run, "m", 2, second.nextPageToken());

        assertThat(first.items()).extracting(Metric::step).containsExactly(0L, 1L);
        assertThat(second.items()).extracting(Metric::step).containsExactly(2L, 3L);
        assertThat(last.items()).extracting(Metric::step).containsExactly(4L);
        assertThat(last.nextPageToken()).isNull();
    }

    @Test
    void shouldSearchRunsByFilterAndOrder() {
        String experiment = store.createExperiment("search", List.of());
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String run = store.createRun(new NewRun(experiment, "u", 1_000 + i, "run-" + i, List.of()))
                    .id();
            store.logBatch(
                    run,
                    List.of(new Metric("loss", 1.0 / (i + 1), 1, 0)),
                    List.of(new Param("optimizer", i % 2 == 0 ? "adam" : "SGD")),
                    List.of(new Tag("team", "Vision")));
            runs.add(run);
        }
        String other = store.createRun(new NewRun(experiment, "u", 5_000, "run-x", List.of()))
                .id();
        store.updateRun(other, RunStatus.FAILED, 6_000L, null);

        assertThat(search(experiment, "", List.of()))
                .containsExactly(other, runs.get(3), runs.get(2), runs.get(1), runs.get(0));
        assertThat(search(experiment, "metrics.loss < 0.4", List.of())).containsExactly(runs.get(3), runs.get(2));
        assertThat(search(experiment, "params.optimizer = 'adam' and metrics.loss >= 0.3", List.of()))
                .containsExactly(runs.get(2), runs.get(0));
        assertThat(search(experiment, "params.optimizer LIKE 'sg%'", List.of())).isEmpty();
        assertThat(search(experiment, "params.optimizer ILIKE 'sg%'", List.of()))
                .containsExactly(runs.get(3), runs.get(1));
        assertThat(search(experiment, "attributes.status = 'FAILED'", List.of()))
                .containsExactly(other);
        assertThat(search(experiment, "tags.team IS NULL", List.of())).containsExactly(other);
        assertThat(search(experiment, "attributes.run_name IN ('run-1', 'run-x')", List.of()))
                .containsExactly(other, runs.get(1));
        assertThat(search(experiment, "", List.of("metrics.loss ASC")))
                .containsExactly(runs.get(3), runs.get(2), runs.get(1), runs.get(0), other);
        assertCode(() -> search(experiment, "metrics.loss <", List.of()), ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void shouldPageThroughRuns() {
        for (int i = 0; i < 3; i++) {
            store.createRun(new NewRun("0", "u", 1_000 + i, null, List.of()));
        }

        Page<Run> first = store.searchRuns(new RunSearch(List.of("0"), "", ViewType.ACTIVE_ONLY, 2, List.of(), null));
        Page<Run> second = store.searchRuns(
                new RunSearch(List.of("0"), "", ViewType.ACTIVE_ONLY, 2, List.of(), first.nextPageToken()));

        assertThat(first.items()).extracting(run -> run.info().startTime()).containsExactly(1_002L, 1_001L);
        assertThat(second.items()).extracting(run -> run.info().startTime()).containsExactly(1_000L);
        assertThat(second.nextPageToken()).isNull();
    }

    @Test
    void shouldSearchExperimentsByName() {
        store.createExperiment("vision-a", List.of());
        store.createExperiment("vision-b", List.of(new Tag("owner", "ml")));
        store.createExperiment("nlp", List.of());

        Page<Experiment> page = store.searchExperiments(
                new ExperimentSearch(ViewType.ACTIVE_ONLY, 10, "name LIKE 'vision%'", List.of("name DESC"), null));
        Page<Experiment> tagged = store.searchExperiments(
                new ExperimentSearch(ViewType.ACTIVE_ONLY, 10, "tags.owner = 'ml'", List.of(), null));
        Page<Experiment> firstPage =
                store.searchExperiments(new ExperimentSearch(ViewType.ALL, 2, "", List.of("name ASC"), null));

        assertThat(page.items()).extracting(Experiment::name).containsExactly("vision-b", "vision-a");
        assertThat(tagged.items()).extracting(Experiment::name).containsExactly("vision-b");
        assertThat(firstPage.items()).extracting(Experiment::name).containsExactly("Default", "nlp");
        assertThat(firstPage.nextPageToken()).isNotNull();
    }

    @Test
    void shouldRecordTheRunContextAsTagsAndInputs() {
        String run = newRun();
        RunContext context = new RunContext(
                "python train.py",
                new GitState("0123456789abcdef0123456789abcdef01234567", true),
                List.of(new SnapshotInput("0123456789abcdef0123456789abcdef", "train-v1", "/data/train")),
                new HostFacts("gpu-01", "Linux 6.1", "amd64", 16, 64L << 30, List.of("NVIDIA H100 80GB HBM3")));

        store.logBatch(run, List.of(), List.of(), context.toTags());
        store.logInputs(run, context.toInputs());

        Run stored = store.run(run);
        assertThat(stored.context()).isEqualTo(context);
        assertThat(stored.tag("mlflow.source.git.commit")).contains("0123456789abcdef0123456789abcdef01234567");
        assertThat(stored.inputs().getFirst().dataset().sourceType()).isEqualTo("mlops-snapshot");
    }

    @Test
    void shouldRecordListAndReplaceArtifacts() {
        String run = newRun();
        Blob one = new Blob(new BlobId("a".repeat(64)), 3);
        Blob two = new Blob(new BlobId("b".repeat(64)), 5);

        store.recordArtifact(new StoredArtifact(run, "model/weights.bin", one));
        store.recordArtifact(new StoredArtifact(run, "notes.txt", one));
        store.recordArtifact(new StoredArtifact(run, "notes.txt", two));

        assertThat(store.artifact(run, "notes.txt")).contains(new StoredArtifact(run, "notes.txt", two));
        assertThat(store.artifact(run, "missing")).isEmpty();
        assertThat(store.artifacts(run, ""))
                .extracting(StoredArtifact::path)
                .containsExactly("model/weights.bin", "notes.txt");
        assertThat(store.artifacts(run, "model"))
                .extracting(StoredArtifact::path)
                .containsExactly("model/weights.bin");
        assertThat(store.artifacts(run, "mod")).isEmpty();
    }

    @Test
    void shouldLoseNothingWhenTwoWritersLogToOneRunAtOnce() throws Exception {
        String run = newRun();
        TrackingStore second = new JdbcTrackingStore(open());
        int batches = 20;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (TrackingStore writer : List.of(store, second)) {
                for (int thread = 0; thread < 2; thread++) {
                    String key = "m" + done.size();
                    done.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            List<Metric> points = new ArrayList<>();
                            for (int i = 0; i < 50; i++) {
                                points.add(new Metric(key, b * 50 + i, b, b * 50 + i));
                            }
                            writer.logBatch(run, points, List.of(new Param("p", "same")), List.of(new Tag(key, "t")));
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        Run stored = store.run(run);
        for (int writer = 0; writer < 4; writer++) {
            String key = "m" + writer;
            assertThat(store.metricHistory(run, key, null, null).items()).hasSize(batches * 50);
            assertThat(stored.metric(key).orElseThrow().step()).isEqualTo(batches * 50 - 1);
            assertThat(stored.tag(key)).contains("t");
        }
        assertThat(stored.params()).containsExactly(new Param("p", "same"));
    }

    private List<String> search(String experiment, String filter, List<String> orderBy) {
        return store
                .searchRuns(new RunSearch(List.of(experiment), filter, ViewType.ACTIVE_ONLY, 100, orderBy, null))
                .items()
                .stream()
                .map(Run::id)
                .toList();
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertCode(
            ThrowingCallable call, ErrorCode code) {
        return assertThatThrownBy(call)
                .isInstanceOf(TrackingError.class)
                .satisfies(e -> assertThat(((TrackingError) e).code()).isEqualTo(code));
    }
}
