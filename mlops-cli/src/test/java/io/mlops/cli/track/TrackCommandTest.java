package io.mlops.cli.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.cli.Main;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.testing.Peers;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.Metric;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunSearch;
import io.mlops.tracking.RunStatus;
import io.mlops.tracking.SnapshotInput;
import io.mlops.tracking.ViewType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops track}: the command's environment, output, exit status and what its run records. */
class TrackCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int mlops(String... arguments) {
        List<String> all =
                new ArrayList<>(List.of("--home", directory.resolve("home").toString()));
        all.addAll(List.of(arguments));
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(key -> key.startsWith("MLFLOW_"));
        environment.put("MLFLOW_DISABLE_TELEMETRY", "true");
        return Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), environment);
    }

    private void inStore(Consumer<JdbcTrackingStore> check) {
        try (Database database =
                Database.open(StoreUrl.sqlite(directory.resolve("home/mlops.db")), Migrations.suite())) {
            check.accept(new JdbcTrackingStore(database));
        }
    }

    private static Run onlyRun(JdbcTrackingStore store, String experiment) {
        String id = store.experimentByName(experiment).orElseThrow().id();
        List<Run> runs = store.searchRuns(new RunSearch(List.of(id), "", ViewType.ALL, 10, List.of(), null))
                .items();
        assertThat(runs).hasSize(1);
        return runs.getFirst();
    }

    @Test
    void shouldExitWithTheCommandsStatusAndMarkTheRunFailed() {
        int status = mlops("track", "--experiment", "failing", "--", "sh", "-c", "echo working; echo oops >&2; exit 3");

        assertThat(status).isEqualTo(3);
        assertThat(out.toString()).contains("working").contains("FAILED, exit status 3");
        assertThat(err.toString()).contains("oops");
        inStore(store -> {
            Run run = onlyRun(store, "failing");
            assertThat(run.info().status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.info().endTime()).isNotNull();
            assertThat(run.context().source()).isEqualTo("sh -c 'echo working; echo oops >&2; exit 3'");
        });
    }

    @Test
    void shouldGiveTheCommandItsRunThroughTheEnvironment() {
        int status = mlops(
                "track",
                "--experiment",
                "env",
                "--name",
                "printed",
                "--",
                "sh",
                "-c",
                "echo \"uri=$MLFLOW_TRACKING_URI experiment=$MLFLOW_EXPERIMENT_NAME run=$MLFLOW_RUN_ID"
                        + " token=${#MLFLOW_TRACKING_TOKEN} file=$MLOPS_METRICS_FILE\"");

        assertThat(status).isZero();
        inStore(store -> {
            Run run = onlyRun(store, "env");
            assertThat(run.info().runName()).isEqualTo("printed");
            assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
            assertThat(out.toString())
                    .containsPattern("uri=http://127\\.0\\.0\\.1:\\d+ experiment=env run=" + run.id()
                            + " token=43 file=/\\S+metrics\\.jsonl");
        });
    }

    @Test
    void shouldRecordMetricsWrittenToTheMetricsFile() {
        String lines = "printf '{\"step\": 1, \"loss\": 0.5}\\nnot json\\n{\"step\": 2, \"loss\": 0.25}'"
                + " >> \"$MLOPS_METRICS_FILE\"";

        int status = mlops("track", "--experiment", "plain", "--", "sh", "-c", lines);

        assertThat(status).isZero();
        assertThat(err.toString()).contains("mlops track: MLOPS_METRICS_FILE line 2 is not JSON");
        inStore(store -> {
            Run run = onlyRun(store, "plain");
            assertThat(store.metricHistory(run.id(), "loss", null, null).items())
                    .extracting(Metric::step, Metric::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, 0.5),
                            org.assertj.core.groups.Tuple.tuple(2L, 0.25));
            assertThat(out.toString()).contains("loss").contains("0.25 (step 2)");
        });
    }

    @Test
    void shouldRecordSystemMetricsWhileTheCommandRuns() {
        int status = mlops("track", "--experiment", "busy", "--sample-interval", "0.1", "--", "sleep", "1.5");

        assertThat(status).isZero();
        inStore(store -> {
            Run run = onlyRun(store, "busy");
            List<Metric> memory = store.metricHistory(run.id(), "system/system_memory_usage_percentage", null, null)
                    .items();
            assertThat(memory.size()).isGreaterThanOrEqualTo(3);
            assertThat(memory).allSatisfy(point -> assertThat(point.value()).isBetween(0.0, 100.0));
            assertThat(memory).extracting(Metric::step).doesNotHaveDuplicates();
        });
    }

    @Test
    void shouldRecordTheDataSnapshotsTheCommandReads() throws IOException {
        Path data = Files.createDirectories(directory.resolve("data"));
        Files.writeString(data.resolve("train.csv"), "x,y\n1,2\n");
        assertThat(mlops("data", "snapshot", data.toString(), "--name", "train-v1"))
                .as(err.toString())
                .isZero();
        String snapshotId = out.toString()
                .lines()
                .filter(line -> line.matches("[0-9a-f]{32}"))
                .findFirst()
                .orElseThrow();

        int status = mlops("track", "--experiment", "with-data", "--snapshot", "train-v1", "--", "true");

        assertThat(status).as(err.toString()).isZero();
        inStore(store -> assertThat(onlyRun(store, "with-data").context().snapshots())
                .containsExactly(new SnapshotInput(snapshotId, "train-v1", data.toString())));
    }

    @Test
    void shouldRefuseAnUnknownSnapshotBeforeRunningAnything() {
        int status = mlops("track", "--snapshot", "nope", "--", "sh", "-c", "echo ran");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("no snapshot with id or name 'nope'");
        assertThat(out.toString()).doesNotContain("ran");
    }

    @Test
    void shouldFailClearlyWhenTheCommandCannotStart() {
        int status = mlops("track", "--experiment", "missing", "--", "/nonexistent/train");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("mlops: error: cannot run /nonexistent/train");
        inStore(store -> assertThat(onlyRun(store, "missing").info().status()).isEqualTo(RunStatus.FAILED));
    }

    @Test
    void shouldStopTheCommandAndMarkTheRunKilledWhenInterrupted() throws Exception {
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread tracking = new Thread(() ->
                status.set(mlops("track", "--experiment", "stopped", "--", "sh", "-c", "echo started; exec sleep 60")));
        tracking.start();
        // the command's own output says it runs (the tracker waits for it from then on); no sleep guesses it
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!out.toString().contains("started") && tracking.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(out.toString()).as("the tracked command started").contains("started");

        tracking.interrupt();
        tracking.join(30_000);

        assertThat(status.get()).isEqualTo(130);
        assertThat(err.toString()).contains("interrupted; the command was stopped and its run marked KILLED");
        inStore(store -> {
            Run run = onlyRun(store, "stopped");
            assertThat(run.info().status()).isEqualTo(RunStatus.KILLED);
            // ended when stopped: status 130 and KILLED say so without a bound on the time it took
            assertThat(run.info().endTime()).isGreaterThanOrEqualTo(run.info().startTime());
        });
    }

    @Test
    void shouldNeedACommand() {
        assertThat(mlops("track", "--experiment", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("COMMAND");
    }

    @Test
    void shouldServeItsRunOnlyToHoldersOfTheOneTimeToken() {
        String probe = "import os, urllib.request, urllib.error\n"
                + "url = os.environ['MLFLOW_TRACKING_URI'] + '/api/2.0/mlflow/runs/get?run_id=' + os.environ['MLFLOW_RUN_ID']\n"
                + "try:\n"
                + "    urllib.request.urlopen(url)\n"
                + "except urllib.error.HTTPError as e:\n"
                + "    print('without token:', e.code)\n"
                + "request = urllib.request.Request(url, headers={'Authorization': 'Bearer ' + os.environ['MLFLOW_TRACKING_TOKEN']})\n"
                + "print('with token:', urllib.request.urlopen(request).status)\n";

        int status = mlops("track", "--", Peers.program("python").toString(), "-c", probe);

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("without token: 401").contains("with token: 200");
    }
}
