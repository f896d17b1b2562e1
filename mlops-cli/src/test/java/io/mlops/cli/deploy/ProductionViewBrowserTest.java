package io.mlops.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.mlops.cli.Main;
import io.mlops.cli.server.WebUiAnnouncement;
import io.mlops.deploy.BundleSources;
import io.mlops.deploy.DeployRequest;
import io.mlops.deploy.Deployer;
import io.mlops.monitor.AgentMetricsClient;
import io.mlops.monitor.HealthPoller;
import io.mlops.monitor.JdbcHealthHistory;
import io.mlops.monitor.MonitorLease;
import io.mlops.progress.ProgressListener;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.NewVersion;
import io.mlops.registry.VersionFiles;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.testing.Chromium;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Production view end to end: a real agent serving a deployed version under load from
 * concurrent clients (a fifth of the requests failing), the health poller reading it into the store
 * and then recording a gap when the agent is killed, a real {@code mlops server} on that store
 * (its own polling off, so the series stays what the test made), and Debian's Chromium checking
 * that the charts plot the numbers the API answers, the last read time and the gap marker.
 * Screenshots land in target/screenshots/.
 */
class ProductionViewBrowserTest {
    private static final String TOKEN = "admin-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final DateTimeFormatter UI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private AgentProcess agent;
    private Thread server;
    private Playwright playwright;
    private Browser browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.interrupt();
            server.join(10_000);
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void shouldChartTheHealthTheApiGivesWithTheLastReadAndTheGap() throws Exception {
        Path chromium = Chromium.program();
        Path store = directory.resolve("mlops.db");
        String endpoint;
        try (Database database = Database.sqlite(store, Migrations.suite())) {
            JdbcModelRegistry registry = new JdbcModelRegistry(database);
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
            endpoint = agent.url() + "/v2/models/lookup";
            Clock clock = Clock.systemUTC();
            HealthPoller poller = new HealthPoller(
                    registry,
                    new JdbcHealthHistory(database),
                    new MonitorLease(database, "health-poller", "test", Duration.ofMinutes(5), clock),
                    new AgentMetricsClient(Duration.ofSeconds(5)),
                    clock);
            poller.pollOnce();
            load(300);
            assertThat(poller.pollOnce()).hasSize(1);
            load(100);
            assertThat(poller.pollOnce()).hasSize(1);
            agent.kill();
            agent = null;
            assertThat(poller.pollOnce()).hasSize(1);
        }

        URI uri = startServer(store);
        JsonNode api = JSON.readTree(get(uri.resolve("/api/registry/v1/models/lookup/production?hours=1")));
        JsonNode deployment = api.at("/deployments/0");
        assertThat(deployment.get("endpoint").asText()).isEqualTo(endpoint);
        JsonNode samples = deployment.get("samples");
        assertThat(samples).hasSize(3);
        assertThat(samples.get(2).get("gap").asBoolean()).isTrue();

        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu")));
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 1400));
        page.onPageError(pageErrors::add);
        page.navigate(uri + "/#/models/lookup");
        page.getByText("Production view").click();
        page.locator(".chart[data-rendered='true']").nth(2).waitFor();

        assertThat(page.locator(".last-read").innerText())
                .contains("Last read "
                        + UI_TIME.format(Instant.ofEpochMilli(
                                deployment.get("lastReadAt").asLong())))
                .contains("The agent cannot be reached (since "
                        + UI_TIME.format(
                                Instant.ofEpochMilli(samples.get(2).get("at").asLong())) + ")");
        assertPlotted(page, "Requests per second", samples, List.of("requestsPerSecond"), 1);
        assertPlotted(page, "Error rate", samples, List.of("errorRate"), 100);
        assertPlotted(page, "Latency", samples, List.of("p50Ms", "p95Ms", "p99Ms"), 1);
        assertThat(samples.get(0).get("requestsPerSecond").asDouble()).isPositive();
        assertThat(samples.get(0).get("errorRate").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(samples.get(1).get("errorRate").asDouble()).isCloseTo(0.2, within(1e-9));
        JsonNode psi = samples.get(1).get("inputPsi");
        if (!psi.isEmpty()) {
            page.locator(".chart[aria-label='Input drift (PSI) chart'][data-rendered='true']")
                    .waitFor();
            List<String> inputs = new ArrayList<>();
            psi.fieldNames().forEachRemaining(inputs::add);
            JsonNode drift = plotted(page, "Input drift (PSI)");
            assertThat(drift.findValuesAsText("name")).containsExactlyElementsOf(inputs);
            assertThat(drift.at("/0/points/1/1").asDouble())
                    .isEqualTo(psi.get(inputs.getFirst()).asDouble());
        }
        // Each chart drew its lines as SVG, with the gap's red marker line.
        assertThat(page.locator(".chart[aria-label='Requests per second chart'] svg path")
                        .count())
                .isGreaterThan(2);
        assertThat(page.locator(".chart[aria-label='Requests per second chart'] svg path[stroke='#dc2626']")
                        .count())
                .isPositive();
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("registry-production.png"))
                .setFullPage(true));
        assertThat(pageErrors).isEmpty();
    }

    private static JsonNode plotted(Page page, String title) throws Exception {
        Locator chart = page.locator(".chart[aria-label='" + title + " chart']");
        return JSON.readTree(chart.getAttribute("data-series"));
    }

    /** The chart's series hold exactly the API's samples: time, and the measure (null for a gap). */
    private static void assertPlotted(Page page, String title, JsonNode samples, List<String> measures, double scale)
            throws Exception {
        JsonNode series = plotted(page, title);
        assertThat(series).hasSize(measures.size());
        for (int m = 0; m < measures.size(); m++) {
            JsonNode points = series.get(m).get("points");
            assertThat(points).hasSize(samples.size());
            for (int i = 0; i < samples.size(); i++) {
                JsonNode sample = samples.get(i);
                assertThat(points.get(i).get(0).asLong())
                        .isEqualTo(sample.get("at").asLong());
                JsonNode value = sample.get(measures.get(m));
                if (value.isNull()) {
                    assertThat(points.get(i).get(1).isNull())
                            .as(title + " at " + i)
                            .isTrue();
                } else {
                    assertThat(points.get(i).get(1).asDouble())
                            .as(title + " at " + i)
                            .isCloseTo(value.asDouble() * scale, within(1e-9));
                }
            }
        }
    }

    private URI startServer(Path store) throws Exception {
        server = new Thread(() -> Main.run(
                new String[] {
                    "--home",
                    directory.resolve("home").toString(),
                    "server",
                    "--port",
                    "0",
                    "--store",
                    "sqlite:" + store,
                    "--health-poll-seconds",
                    "0"
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                Map.of()));
        server.start();
        return WebUiAnnouncement.await(err, server, 600, () -> "");
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> answer =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** Sends requests from 8 concurrent clients; every fifth asks for an id out of the table and fails. */
    private void load(int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long id = i % 5 == 4 ? 1_000 : i % 10;
                String body = "{\"inputs\":[{\"name\":\"ids\",\"shape\":[1,1],\"datatype\":\"INT64\",\"data\":[" + id
                        + "]}]}";
                answers.add(clients.submit(() -> http.send(
                                HttpRequest.newBuilder(URI.create(agent.url() + "/v2/models/lookup/infer"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            long failed = 0;
            for (Future<Integer> answer : answers) {
                failed += answer.get() == 200 ? 0 : 1;
            }
            assertThat(failed).isEqualTo(requests / 5);
        } finally {
            clients.shutdownNow();
        }
    }
}
