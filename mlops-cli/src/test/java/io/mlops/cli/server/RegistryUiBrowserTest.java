package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.mlops.cli.Main;
import io.mlops.registry.AliasName;
import io.mlops.registry.AuditAction;
import io.mlops.registry.AuditEntry;
import io.mlops.registry.Change;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.testing.Chromium;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry web UI end to end: a real {@code mlops server} with a token on loopback, a store
 * seeded through the core registry, and Debian's Chromium driven by Playwright through the model
 * list, a model, a comparison, a promotion, a rollback and a run; then what the store holds.
 * Screenshots land in target/screenshots/.
 */
class RegistryUiBrowserTest {
    private static final String TOKEN = "ui-t0ken";
    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final AliasName PRODUCTION = new AliasName("production");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();
    private final AtomicInteger status = new AtomicInteger(-1);
    private final List<String> dialogs = new CopyOnWriteArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private Path store;
    private RegistrySeed seed;
    private Thread server;
    private URI uri;
    private Playwright playwright;
    private Browser browser;
    private Page page;

    @BeforeEach
    void start() throws Exception {
        Path chromium = Chromium.program();
        store = directory.resolve("mlops.db");
        try (Database database = Database.sqlite(store, Migrations.suite())) {
            seed = new RegistrySeed(database);
            // A model whose name is markup: the UI must show it as text, everywhere.
            seed.registry.createModel(XSS, "<script>alert(2)</script>", Map.of("<b>", "<i>"), Change.by("mallory"));
            for (double value : new double[] {1.0, 2.0}) {
                seed.registry.registerVersion(
                        new NewVersion(
                                XSS,
                                new SourceArtifact("runs:/" + seed.firstRun + "/model.onnx", RegistrySeed.HASH, 1234),
                                seed.firstRun,
                                List.of(),
                                Map.of("<svg onload=alert(3)>", value),
                                null,
                                "<img src=x onerror=alert(4)>"),
                        Change.by("mallory"));
            }
        }
        server = new Thread(() -> status.set(Main.run(
                new String[] {
                    "--home",
                    directory.resolve("home").toString(),
                    "server",
                    "--port",
                    "0",
                    "--store",
                    "sqlite:" + store,
                    "--artifacts",
                    directory.resolve("artifacts").toString()
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                Map.of("MLFLOW_TRACKING_TOKEN", TOKEN))));
        server.start();
        uri = awaitUi();
        uploadArtifact(seed.firstRun, "model.onnx", "onnx bytes");

        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu")));
        page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ": " + dialog.message());
            dialog.dismiss();
        });
        page.onPageError(pageErrors::add);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws InterruptedException {
        if (page != null) {
            // What the browser showed last, for a failure's diagnosis.
            screenshot("last-" + test.getTestMethod().orElseThrow().getName() + ".png");
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        server.interrupt();
        server.join(10_000);
    }

    @Test
    void shouldBrowseCompareAndPromoteThenRollBackWithReasonsAuditedUnderTheTokenHolder() throws Exception {
        page.navigate(uri + "/");
        Locator models = page.locator("table.models tbody tr");
        models.first().waitFor();
        assertThat(models.allInnerTexts()).hasSize(3);
        assertThat(page.locator("table.models a").allInnerTexts()).containsExactly(XSS, "cars", "persons");
        Locator persons = page.locator("table.models tr[data-model='persons']");
        assertThat(persons.locator(".badge").innerText()).isEqualTo("production: v1");
        assertThat(persons.locator(".latest").innerText()).isEqualTo("v3");
        screenshot("registry-models.png");

        page.getByLabel("Search models").fill("PERS");
        page.waitForCondition(() -> page.locator("table.models tbody tr").count() == 1);
        assertThat(page.locator("table.models a").allInnerTexts()).containsExactly("persons");

        page.locator("table.models a", new Page.LocatorOptions().setHasText("persons"))
                .click();
        Locator versions = page.locator("table.versions tbody tr");
        versions.first().waitFor();
        assertThat(versions.count()).isEqualTo(3);
        assertThat(page.locator("table.versions thead th").allInnerTexts())
                .containsSubsequence("latency_ms", "mAP50", "Run", "Data snapshots");
        Locator v1 = page.locator("tr[data-version='1']");
        assertThat(v1.locator(".badge").allInnerTexts()).containsExactly("production");
        assertThat(v1.innerText()).contains("0.61", "12", RegistrySeed.SNAPSHOT.substring(0, 8));
        assertThat(page.locator("tr[data-version='3']").innerText()).contains("ARCHIVED");
        awaitChart("latency_ms");
        assertThat(page.locator("table.deployments").innerText()).contains("onnxruntime", "gpu-1");
        assertThat(page.locator("ol.audit li[data-action='VERSION_ARCHIVED']").innerText())
                .contains("alice", "worse");
        screenshot("registry-model.png");

        page.getByLabel("select v1").check();
        page.getByLabel("select v2").check();
        page.locator("a.button", new Page.LocatorOptions().setHasText("Compare"))
                .click();
        page.locator("table.compare tr[data-metric='mAP50']").waitFor();
        assertThat(page.locator("table.compare tr[data-metric='mAP50']").innerText())
                .contains("0.61", "0.67", "(+0.06)");
        assertThat(page.locator("table.compare tr[data-param='lr']").innerText())
                .contains("0.01", "0.001");
        assertThat(page.locator("table.compare").innerText()).contains("train-1", "train-2", "abc123");
        screenshot("registry-compare.png");

        page.goBack();
        Locator promote = page.getByRole(
                com.microsoft.playwright.options.AriaRole.FORM, new Page.GetByRoleOptions().setName("Promote"));
        promote.getByLabel("Version").selectOption("2");
        promote.getByLabel("Reason").fill("better mAP on the night set");
        promote.getByText("Promote…").click();
        Locator confirm = page.getByRole(
                com.microsoft.playwright.options.AriaRole.DIALOG,
                new Page.GetByRoleOptions().setName("Confirm Promote"));
        assertThat(confirm.innerText()).contains("Move production of persons from version 1 to version 2?");
        confirm.getByText("Confirm promote").click();
        Locator tokenPrompt = page.getByRole(
                com.microsoft.playwright.options.AriaRole.FORM, new Page.GetByRoleOptions().setName("API token"));
        tokenPrompt.getByLabel("API token").fill(TOKEN);
        tokenPrompt.getByLabel("Your name").fill("dana");
        tokenPrompt.getByText("Use token").click();
        page.locator("tr[data-version='2'] .badge[data-alias='production']").waitFor();
        assertThat(page.locator("ol.audit li").first().innerText())
                .contains("ALIAS_SET", "dana", "better mAP on the night set");

        try (Database database = Database.sqlite(store, Migrations.suite())) {
            JdbcModelRegistry registry = new JdbcModelRegistry(database);
            assertThat(registry.versionByAlias("persons", PRODUCTION).version()).isEqualTo(2);
            AuditEntry promoted = registry.audit("persons").getLast();
            assertThat(promoted.action()).isEqualTo(AuditAction.ALIAS_SET);
            assertThat(promoted.actor()).isEqualTo("dana");
            assertThat(promoted.reason()).isEqualTo("better mAP on the night set");
            assertThat(promoted.from()).endsWith("v1");
            assertThat(promoted.to()).endsWith("v2");
        }

        Locator rollback = page.getByRole(
                com.microsoft.playwright.options.AriaRole.FORM, new Page.GetByRoleOptions().setName("Rollback"));
        rollback.getByLabel("Alias").selectOption("production");
        rollback.getByLabel("Reason").fill("latency regression on gpu-1");
        rollback.getByText("Roll back…").click();
        page.getByText("Confirm roll back").click();
        page.locator("tr[data-version='1'] .badge[data-alias='production']").waitFor();
        assertThat(page.locator("tr[data-version='2'] .badge[data-alias='production']")
                        .count())
                .isZero();

        try (Database database = Database.sqlite(store, Migrations.suite())) {
            JdbcModelRegistry registry = new JdbcModelRegistry(database);
            assertThat(registry.versionByAlias("persons", PRODUCTION).version()).isEqualTo(1);
            AuditEntry rolledBack = registry.audit("persons").getLast();
            assertThat(rolledBack.action()).isEqualTo(AuditAction.ALIAS_ROLLED_BACK);
            assertThat(rolledBack.actor()).isEqualTo("dana");
            assertThat(rolledBack.reason()).isEqualTo("latency regression on gpu-1");
            assertThat(rolledBack.from()).endsWith("v2");
            assertThat(rolledBack.to()).endsWith("v1");
        }

        page.locator("tr[data-version='1'] a[href^='#/runs/']").click();
        page.locator("table.params").waitFor();
        assertThat(page.locator("h1").innerText()).isEqualTo("Run train-1");
        assertThat(page.locator("table.params").innerText()).contains("lr", "0.01", "epochs", "10");
        assertThat(page.locator("table.run-metrics").innerText()).contains("mAP50", "0.61");
        assertThat(page.locator("ul.artifacts").innerText()).contains("model.onnx");
        awaitChart("mAP50");
        screenshot("registry-run.png");

        assertThat(dialogs).isEmpty();
        assertThat(pageErrors).isEmpty();
    }

    @Test
    void shouldShowAModelNamedLikeMarkupAsTextWithoutRunningOrCreatingAnything() {
        page.navigate(uri + "/");
        Locator link = page.locator("table.models a").first();
        link.waitFor();
        assertThat(link.innerText()).isEqualTo(XSS);
        link.click();
        page.locator("table.versions tbody tr").first().waitFor();
        assertThat(page.locator("h1.model-name").innerText()).isEqualTo(XSS);
        assertThat(page.locator("table.versions thead").innerText()).contains("<svg onload=alert(3)>");
        awaitChart("<svg onload=alert(3)>");
        page.locator(".chart svg").first().hover();
        page.locator("select[aria-label='Metric']").waitFor();

        page.navigate(uri + "/#/models/"
                + URLEncoder.encode(XSS, StandardCharsets.UTF_8).replace("+", "%20") + "/compare?versions=1,2");
        page.locator("table.compare tr[data-metric]").waitFor();
        assertThat(page.locator("table.compare tr[data-metric]").innerText()).contains("<svg onload=alert(3)>", "(+1)");

        assertThat(page.locator("img").count()).isZero();
        assertThat(page.locator("main script").count()).isZero();
        assertThat(page.locator("svg[onload], [onerror], [onload]").count()).isZero();
        assertThat(dialogs).isEmpty();
        assertThat(pageErrors).isEmpty();
        screenshot("registry-xss.png");
    }

    @Test
    void shouldServeThePageAndHashedAssetsWithTheirTypesAndCachingAndRefuseTraversal() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> index =
                client.send(HttpRequest.newBuilder(uri.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(contentType(index)).isEqualTo("text/html;charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        Matcher script = Pattern.compile("src=\"\\./(assets/[^\"]+\\.js)\"").matcher(index.body());
        assertThat(script.find()).isTrue();

        HttpResponse<String> asset = client.send(
                HttpRequest.newBuilder(uri.resolve("/" + script.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(contentType(asset)).isEqualTo("text/javascript;charset=utf-8");
        assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");

        for (String path : List.of(
                "/assets/../../../../etc/passwd",
                "/assets/..%2f..%2fio/mlops/cli/Main.class",
                "/assets/%2e%2e/%2e%2e/index.html",
                "/assets/..\\..\\index.html",
                "/assets/missing-0000.js")) {
            String raw = RawHttp.get(uri, path);
            // Jetty itself refuses a path that climbs above the root (400); what reaches the filter gets 404.
            assertThat(raw).as(path).containsAnyOf("HTTP/1.1 400 ", "HTTP/1.1 404 ");
            assertThat(raw).as(path).doesNotContain("root:x:0").doesNotContain("<div id=\"root\"");
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    /** Waits until ECharts has drawn a chart: its title is SVG text once the chart code has loaded. */
    private void awaitChart(String title) {
        page.locator(".chart svg text")
                .filter(new Locator.FilterOptions().setHasText(title))
                .first()
                .waitFor();
    }

    private void screenshot(String name) {
        page.screenshot(
                new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
    }

    private void uploadArtifact(String runId, String name, String content) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri.resolve(
                                        "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/" + name))
                                .header("Authorization", "Bearer " + TOKEN)
                                .PUT(HttpRequest.BodyPublishers.ofString(content))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private URI awaitUi() throws InterruptedException {
        return WebUiAnnouncement.await(err, server, 400, () -> " (exit " + status.get() + ")");
    }
}
