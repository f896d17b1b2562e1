package io.mlops.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.deploy.BundleSources;
import io.mlops.deploy.DeployRequest;
import io.mlops.deploy.Deployer;
import io.mlops.monitor.AgentMetricsClient;
import io.mlops.monitor.HealthGaps;
import io.mlops.monitor.HealthPoller;
import io.mlops.monitor.HealthRetention;
import io.mlops.monitor.HealthSample;
import io.mlops.monitor.JdbcHealthHistory;
import io.mlops.monitor.MonitorLease;
import io.mlops.monitor.PrometheusScrape;
import io.mlops.progress.ProgressListener;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.NewVersion;
import io.mlops.registry.VersionFiles;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Production view's poller against the real inference agent under load: a version deployed
 * with the Deployer, hundreds of requests from concurrent clients (every fifth out of the table's
 * bounds, so ONNX Runtime fails it), and the sample the poller derives from two reads of the
 * agent's {@code /metrics}. The poller's clock is the test's, so the rate is exact.
 */
class HealthPollerAgentTest {
    private static final String TOKEN = "admin-token-for-tests";
    private static final int REQUESTS = 400;
    private static final int CLIENTS = 8;

    @TempDir
    Path directory;

    private Database database;
    private ModelRegistry registry;
    private JdbcHealthHistory history;
    private AgentProcess agent;
    private final TestClock clock = new TestClock(1_800_000_000_000L);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void deploy() throws Exception {
        database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        registry = new JdbcModelRegistry(database);
        history = new JdbcHealthHistory(database, new HealthRetention(Duration.ofHours(24), 1000), clock);
        registry.createModel("lookup", "", Map.of(), Change.by("alice"));
        registry.registerVersion(
                NewVersion.of("lookup", FileSource.of(ServingModels.lookup(directory.resolve("v1.onnx"), 10))),
                Change.by("alice"));
        Path token = Files.writeString(directory.resolve("admin-token"), TOKEN + "\n");
        agent = AgentProcess.start(
                Files.createDirectories(directory.resolve("repository")), token, directory.resolve("agent.log"));
        new Deployer(registry, VersionFiles.registeredFiles(), BundleSources.none(), "alice", 0.05)
                .deploy(
                        new DeployRequest(agent.url(), TOKEN, "lookup:1", "onnxruntime", null, 100, 0),
                        ProgressListener.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        database.close();
    }

    private HealthPoller poller(String holder) {
        return new HealthPoller(
                registry,
                history,
                new MonitorLease(database, "health-poller", holder, Duration.ofSeconds(60), clock),
                new AgentMetricsClient(Duration.ofSeconds(5)),
                clock);
    }

    @Test
    void shouldTurnTwoReadsOfALoadedAgentIntoItsRateErrorRateLatencyAndDrift() throws Exception {
        HealthPoller poller = poller("server-1");
        assertThat(poller.pollOnce()).as("the first read is the baseline").isEmpty();

        int failed = load();
        clock.now += 20_000;
        List<HealthSample> samples = poller.pollOnce();

        String endpoint = agent.url() + "/v2/models/lookup";
        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.model()).isEqualTo("lookup");
            assertThat(sample.version()).isEqualTo(1);
            assertThat(sample.endpoint()).isEqualTo(endpoint);
            assertThat(sample.at()).isEqualTo(clock.now);
            assertThat(sample.requestsPerSecond()).isEqualTo(REQUESTS / 20.0);
            assertThat(sample.errorRate()).isEqualTo((double) failed / REQUESTS);
            assertThat(sample.p50Ms()).isPositive();
            assertThat(sample.p95Ms()).isGreaterThanOrEqualTo(sample.p50Ms());
            assertThat(sample.p99Ms()).isGreaterThanOrEqualTo(sample.p95Ms());
        });
        // Drift is the agent's own gauge: the sample carries what /metrics says now (no requests since).
        PrometheusScrape now = new AgentMetricsClient(Duration.ofSeconds(5)).read(agent.url());
        Map<String, Double> psi = new java.util.TreeMap<>();
        now.series("mlops_agent_input_psi", Map.of("model", "lookup", "version", "1"))
                .forEach(s -> psi.put(s.labels().get("input"), s.value()));
        assertThat(samples.getFirst().inputPsi()).isEqualTo(psi);
        assertThat(history.samples("lookup", 0, Long.MAX_VALUE)).containsExactlyElementsOf(samples);

        clock.now += 15_000;
        assertThat(poller.pollOnce()).as("an idle interval").singleElement().satisfies(idle -> {
            assertThat(idle.requestsPerSecond()).isZero();
            assertThat(idle.p50Ms()).isNaN();
        });
    }

    @Test
    void shouldRecordAnUnreachableAgentAsAGapAndGoOn() throws Exception {
        HealthPoller poller = poller("server-1");
        poller.pollOnce();
        agent.kill();
        clock.now += 15_000;

        List<HealthSample> samples = poller.pollOnce();

        assertThat(samples).singleElement().satisfies(gap -> {
            assertThat(HealthGaps.isGap(gap)).isTrue();
            assertThat(gap.at()).isEqualTo(clock.now);
        });
        clock.now += 15_000;
        assertThat(poller.pollOnce()).singleElement().matches(HealthGaps::isGap);
        assertThat(history.samples("lookup", 0, Long.MAX_VALUE)).hasSize(2).allMatch(HealthGaps::isGap);
        agent = null;
    }

    @Test
    void shouldLetOnlyTheLeaseHolderPoll() {
        HealthPoller first = poller("server-1");
        HealthPoller second = poller("server-2");
        first.pollOnce();
        clock.now += 15_000;

        assertThat(second.pollOnce()).isEmpty();
        assertThat(first.pollOnce()).hasSize(1);
        assertThat(history.samples("lookup", 0, Long.MAX_VALUE)).hasSize(1);
        first.close(); // gives the lease up
        clock.now += 15_000;
        assertThat(second.pollOnce()).as("the new holder's baseline").isEmpty();
        clock.now += 15_000;
        assertThat(second.pollOnce()).hasSize(1);
    }

    /** Sends the requests from concurrent clients; every fifth asks for an id out of the table. Returns the failures. */
    private int load() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                long id = i % 5 == 4 ? 1_000 : i % 10;
                answers.add(clients.submit(() -> infer(id)));
            }
            int failed = 0;
            for (Future<Integer> answer : answers) {
                failed += answer.get() == 200 ? 0 : 1;
            }
            assertThat(failed).isEqualTo(REQUESTS / 5);
            return failed;
        } finally {
            clients.shutdownNow();
        }
    }

    private int infer(long id) throws Exception {
        String body = "{\"inputs\":[{\"name\":\"ids\",\"shape\":[1,1],\"datatype\":\"INT64\",\"data\":[" + id + "]}]}";
        return http.send(
                        HttpRequest.newBuilder(URI.create(agent.url() + "/v2/models/lookup/infer"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The poller's clock, moved by the test. */
    static final class TestClock extends Clock {
        volatile long now;

        TestClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
