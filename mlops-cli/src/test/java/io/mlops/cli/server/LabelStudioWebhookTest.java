package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import io.mlops.registry.RecordedEvent;
import io.mlops.registry.RegistryEvent;
import io.mlops.registry.RegistryEvents;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.testing.LabelStudioServer;
import io.mlops.trigger.CvatWebhookSignature;
import io.mlops.trigger.LabelStudioWebhookSecret;
import io.mlops.trigger.LabelingBaselines;
import io.mlops.trigger.RegistryCondition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Label Studio posts its webhooks to a running {@code mlops server}: each annotation made
 * through Label Studio's API is recorded as labeling progress in the registry's event stream, a wrong
 * secret records nothing, and the labeling condition with N = 2 fires exactly when two more tasks are
 * finished. CVAT cannot run here: its deliveries are bodies shaped and signed as CVAT's source does.
 */
class LabelStudioWebhookTest {
    private static final String SECRET = "labeling-secret-0123456789";
    private static final String LABEL_CONFIG = "<View><Text name=\"text\" value=\"$text\"/>"
            + "<Choices name=\"label\" toName=\"text\"><Choice value=\"cat\"/><Choice value=\"dog\"/></Choices></View>";
    private static final ObjectMapper JSON = new ObjectMapper();

    // JUnit removes it after the class, Label Studio's data and the store with it
    @TempDir
    static Path directory;

    private static LabelStudioServer labelStudio;
    private static Thread server;
    private static final AtomicInteger STATUS = new AtomicInteger(-1);
    private static final StringWriter ERR = new StringWriter();
    private static URI serverUri;
    private static Path store;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        labelStudio = LabelStudioServer.start(directory.resolve("label-studio"));
        store = directory.resolve("registry.db");
        Map<String, String> environment = Map.of("USER", "alice", "MLOPS_LABELING_SECRET", SECRET);
        server = new Thread(() -> STATUS.set(Main.run(
                new String[] {
                    "--home",
                    directory.resolve("home").toString(),
                    "server",
                    "--port",
                    "0",
                    "--store",
                    "sqlite:" + store
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(ERR, true),
                environment)));
        server.start();
        Pattern started = Pattern.compile("tracking API at (http://\\S+) ");
        for (int i = 0; i < 1200 && !started.matcher(ERR.toString()).find(); i++) {
            if (!server.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        Matcher matcher = started.matcher(ERR.toString());
        assertThat(matcher.find()).as(ERR.toString()).isTrue();
        serverUri = URI.create(matcher.group(1));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.interrupt();
            server.join(30_000);
        }
        if (labelStudio != null) {
            labelStudio.close();
        }
    }

    @Test
    void shouldRecordLabelStudioProgressAndFireAtTwoNewlyFinishedTasks() throws Exception {
        int project = labelStudio("POST", "/api/projects/", Map.of("title", "persons", "label_config", LABEL_CONFIG))
                .get("id")
                .asInt();
        labelStudio(
                "POST",
                "/api/projects/" + project + "/import",
                List.of(Map.of("text", "one"), Map.of("text", "two"), Map.of("text", "three"), Map.of("text", "four")));
        String receiver = serverUri + "/api/2.0/mlops/labeling/label-studio?model=persons";
        labelStudio("POST", "/api/webhooks/", webhook(project, receiver, SECRET));
        // A second webhook with a wrong secret: the server must refuse each of its deliveries.
        labelStudio("POST", "/api/webhooks/", webhook(project, receiver, "not-the-secret"));
        List<Integer> tasks = new ArrayList<>();
        labelStudio("GET", "/api/tasks/?project=" + project, null)
                .get("tasks")
                .forEach(task -> tasks.add(task.get("id").asInt()));
        assertThat(tasks).hasSize(4);

        RegistryCondition.LabelingDone twoMore =
                RegistryCondition.labeling("label-studio", Integer.toString(project), 2, false);
        RegistryCondition.LabelingDone allDone =
                RegistryCondition.labeling("label-studio", Integer.toString(project), 0, true);
        List<Integer> finishedAfterEach = new ArrayList<>();
        List<Boolean> twoMoreFired = new ArrayList<>();
        List<Boolean> allFired = new ArrayList<>();
        try (Database database = Database.sqlite(store, Migrations.suite())) {
            RegistryEvents events = new RegistryEvents(database);
            LabelingBaselines baselines = new LabelingBaselines(database, Clock.systemUTC());
            long position = events.since(0, 1000).stream()
                    .mapToLong(RecordedEvent::position)
                    .max()
                    .orElse(0);
            int annotation = 0;
            for (int task : tasks) {
                annotation = labelStudio("POST", "/api/tasks/" + task + "/annotations/", annotationOf("cat"))
                        .get("id")
                        .asInt();
                List<RegistryEvent.LabelingProgressed> recorded = progressSince(events, position);
                assertThat(recorded)
                        .as("one event per annotation, none from the webhook with the wrong secret: " + recorded)
                        .hasSize(1);
                position = events.since(0, 1000).getLast().position();
                RegistryEvent.LabelingProgressed progress = recorded.getFirst();
                assertThat(progress.model()).isEqualTo("persons");
                assertThat(progress.tool()).isEqualTo("label-studio");
                assertThat(progress.project()).isEqualTo(Integer.toString(project));
                assertThat(progress.totalTasks()).isEqualTo(4);
                assertThat(progress.change().reason()).isEqualTo("ANNOTATION_CREATED");
                finishedAfterEach.add(progress.finishedTasks());
                twoMoreFired.add(consider(baselines, "job-two-more", twoMore, progress));
                allFired.add(consider(baselines, "job-all", allDone, progress));
            }
            assertThat(finishedAfterEach).containsExactly(1, 2, 3, 4);
            assertThat(twoMoreFired).containsExactly(false, true, false, true);
            assertThat(allFired).containsExactly(false, false, false, true);

            // Correcting a finished task finishes none: recorded, but nothing fires.
            labelStudio("PATCH", "/api/annotations/" + annotation + "/", annotationOf("dog"));
            List<RegistryEvent.LabelingProgressed> updated = progressSince(events, position);
            assertThat(updated).hasSize(1);
            assertThat(updated.getFirst().change().reason()).isEqualTo("ANNOTATION_UPDATED");
            assertThat(updated.getFirst().finishedTasks()).isEqualTo(4);
            assertThat(consider(baselines, "job-two-more", twoMore, updated.getFirst()))
                    .isFalse();
            assertThat(baselines.baseline("job-two-more", "label-studio", Integer.toString(project)))
                    .isEqualTo(4);
        }
    }

    @Test
    void shouldRefuseForgedMalformedAndOversizeDeliveriesAndRecordNothing() throws Exception {
        try (Database database = Database.sqlite(store, Migrations.suite())) {
            RegistryEvents events = new RegistryEvents(database);
            long before = head(events);
            byte[] body = "{\"action\": \"ANNOTATION_CREATED\", \"project\": {\"id\": 99, \"task_number\": 2,"
                    .concat(" \"finished_task_number\": 1}}")
                    .getBytes(StandardCharsets.UTF_8);
            String labelStudioUrl = "/api/2.0/mlops/labeling/label-studio?model=persons";
            String cvatUrl = "/api/2.0/mlops/labeling/cvat?model=persons";

            assertThat(post(labelStudioUrl, body, Map.of()).statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = post(labelStudioUrl, body, Map.of(LabelStudioWebhookSecret.HEADER, "guess"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("UNAUTHENTICATED").doesNotContain(SECRET);
            assertThat(post(cvatUrl, body, Map.of(CvatWebhookSignature.HEADER, "sha256=zz"))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(post(
                                    cvatUrl,
                                    body,
                                    Map.of(CvatWebhookSignature.HEADER, new CvatWebhookSignature("other").sign(body)))
                            .statusCode())
                    .isEqualTo(401);
            byte[] broken = "{\"action\": ".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> malformed =
                    post(labelStudioUrl, broken, Map.of(LabelStudioWebhookSecret.HEADER, SECRET));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("not JSON");
            assertThat(post(
                                    "/api/2.0/mlops/labeling/label-studio",
                                    body,
                                    Map.of(LabelStudioWebhookSecret.HEADER, SECRET))
                            .body())
                    .as("the model is named in the URL")
                    .contains("?model=NAME");
            byte[] oversize = new byte[5 * 1024 * 1024];
            java.util.Arrays.fill(oversize, (byte) ' ');
            assertThat(post(labelStudioUrl, oversize, Map.of(LabelStudioWebhookSecret.HEADER, SECRET))
                            .statusCode())
                    .isEqualTo(413);
            assertThat(head(events)).as("nothing recorded").isEqualTo(before);

            // The same delivery twice (a retry) is recorded once.
            byte[] job = cvatJobCompleted();
            Map<String, String> signed =
                    Map.of(CvatWebhookSignature.HEADER, new CvatWebhookSignature(SECRET).sign(job));
            assertThat(post(cvatUrl, job, signed).statusCode()).isEqualTo(202);
            assertThat(post(cvatUrl, job, signed).statusCode()).isEqualTo(200);
            List<RegistryEvent.LabelingProgressed> recorded = progressSince(events, before);
            assertThat(recorded).hasSize(1);
            assertThat(recorded.getFirst().tool()).isEqualTo("cvat");
            assertThat(recorded.getFirst().project()).isEqualTo("3");
            assertThat(recorded.getFirst().finishedTasks()).isEqualTo(1);
        }
    }

    /** A job marked completed, serialized as CVAT's json.dumps writes it (", " and ": " separators). */
    private static byte[] cvatJobCompleted() {
        return ("{\"event\": \"update:job\", \"job\": {\"url\": \"http://cvat/api/jobs/17\", \"id\": 17,"
                        + " \"task_id\": 8, \"project_id\": 3, \"stage\": \"acceptance\", \"state\": \"completed\","
                        + " \"type\": \"annotation\"}, \"before_update\": {\"state\": \"in progress\"},"
                        + " \"webhook_id\": 5, \"sender\": {\"id\": 1, \"username\": \"anna\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean consider(
            LabelingBaselines baselines,
            String subscriber,
            RegistryCondition.LabelingDone condition,
            RegistryEvent.LabelingProgressed progress) {
        if (!baselines.reached(subscriber, condition, progress)) {
            return false;
        }
        baselines.built(subscriber, progress);
        return true;
    }

    private static long head(RegistryEvents events) {
        return events.since(0, 100_000).stream()
                .mapToLong(RecordedEvent::position)
                .max()
                .orElse(0);
    }

    private static List<RegistryEvent.LabelingProgressed> progressSince(RegistryEvents events, long position) {
        List<RegistryEvent.LabelingProgressed> progress = new ArrayList<>();
        for (RecordedEvent recorded : events.since(position, 1000)) {
            if (recorded.event() instanceof RegistryEvent.LabelingProgressed labeling) {
                progress.add(labeling);
            }
        }
        return progress;
    }

    private static Map<String, Object> webhook(int project, String url, String secret) {
        return Map.of(
                "project",
                project,
                "url",
                url,
                "send_payload",
                true,
                "send_for_all_actions",
                true,
                "is_active",
                true,
                "headers",
                Map.of(LabelStudioWebhookSecret.HEADER, secret));
    }

    private static Map<String, Object> annotationOf(String choice) {
        return Map.of(
                "result",
                List.of(Map.of(
                        "from_name", "label",
                        "to_name", "text",
                        "type", "choices",
                        "value", Map.of("choices", List.of(choice)))));
    }

    private static JsonNode labelStudio(String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(labelStudio.url().resolve(path))
                .header("Authorization", "Token " + LabelStudioServer.TOKEN)
                .header("Content-Type", "application/json");
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body() + "\n" + labelStudio.tail())
                .isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(serverUri.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
