package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.RecordedEvent;
import io.mlops.registry.RegistryEvent;
import io.mlops.registry.RegistryEvents;
import io.mlops.registry.http.LabelingWebhookFilter.Answer;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labeling webhooks become labeling progress in the registry's event stream: CVAT deliveries made and
 * signed by the code CVAT sends them with (its payload, {@code json.dumps}, HMAC-SHA256), Label Studio
 * deliveries with the shared secret header; forged, malformed and repeated deliveries record nothing.
 */
class LabelingWebhookReceiverTest {
    private static final String SECRET = "labeling-secret";

    // cvat/apps/webhooks/utils.py perform_webhook_request: the body is json.dumps(payload), and
    // X-Signature-256 is "sha256=" + hex HMAC-SHA256 of those bytes keyed by the webhook's secret.
    private static final String CVAT_SENDER = "import hashlib, hmac, json, sys\n"
            + "job_id, state, before = int(sys.argv[2]), sys.argv[3], sys.argv[4]\n"
            + "payload = {'event': 'update:job', 'job': {'url': 'http://cvat/api/jobs/%d' % job_id, 'id': job_id,"
            + " 'task_id': 8, 'project_id': 3, 'stage': 'annotation', 'state': state, 'type': 'annotation',"
            + " 'assignee': None}, 'before_update': {'state': before}, 'webhook_id': 5,"
            + " 'sender': {'id': 1, 'username': 'anna'}}\n"
            + "body = json.dumps(payload)\n"
            + "print('sha256=' + hmac.new(sys.argv[1].encode('utf-8'), body.encode('utf-8'),"
            + " digestmod=hashlib.sha256).hexdigest())\n"
            + "print(body)\n";

    @TempDir
    Path dir;

    private Database database;
    private RegistryEvents events;
    private LabelingWebhookReceiver receiver;

    @BeforeEach
    void open() {
        database = Database.sqlite(dir.resolve("mlops.db"), Migrations.suite());
        events = new RegistryEvents(database);
        receiver = LabelingWebhookReceiver.withSecret(new JdbcModelRegistry(database), database, SECRET);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A delivery as CVAT makes it: its signature header and body. */
    private record Delivery(String signature, byte[] body) {}

    private Delivery cvat(String secret, int job, String state, String before) {
        Processes.Result python = Processes.run(
                dir,
                List.of(
                        Peers.program("python").toString(),
                        "-c",
                        CVAT_SENDER,
                        secret,
                        Integer.toString(job),
                        state,
                        before));
        assertThat(python.exitCode()).as(python.output()).isZero();
        List<String> lines = python.output().strip().lines().toList();
        return new Delivery(lines.get(lines.size() - 2), lines.getLast().getBytes(StandardCharsets.UTF_8));
    }

    private Answer post(String tool, Delivery delivery) {
        Map<String, String> headers = Map.of(CvatWebhookSignature.HEADER, delivery.signature());
        return receiver.receive(tool, "persons", headers::get, delivery.body());
    }

    private List<RegistryEvent.LabelingProgressed> recorded() {
        return events.since(0, 1000).stream()
                .map(RecordedEvent::event)
                .filter(RegistryEvent.LabelingProgressed.class::isInstance)
                .map(RegistryEvent.LabelingProgressed.class::cast)
                .toList();
    }

    @Test
    void shouldCountCvatJobsCompletedAsCvatSignsThemAndIgnoreARepeatedDelivery() {
        Delivery first = cvat(SECRET, 17, "completed", "in progress");

        assertThat(post("cvat", first).status()).isEqualTo(202);
        assertThat(post("cvat", first))
                .as("CVAT's redelivery of the same body")
                .isEqualTo(new Answer(200, "verified; this delivery was recorded before"));
        assertThat(post("cvat", cvat(SECRET, 18, "completed", "in progress")).status())
                .isEqualTo(202);
        assertThat(post("cvat", cvat(SECRET, 17, "in progress", "completed")).status())
                .isEqualTo(202);

        assertThat(recorded())
                .extracting(RegistryEvent.LabelingProgressed::finishedTasks)
                .containsExactly(1, 2, 1);
        RegistryEvent.LabelingProgressed progress = recorded().getFirst();
        assertThat(progress.model()).isEqualTo("persons");
        assertThat(progress.tool()).isEqualTo("cvat");
        assertThat(progress.project()).isEqualTo("3");
        assertThat(progress.totalTasks()).isEqualTo(-1);
        assertThat(progress.change()).extracting("actor", "reason").containsExactly("cvat", "update:job");
    }

    @Test
    void shouldRefuseCvatDeliveriesWithAWrongOrBrokenSignatureAndRecordNothing() {
        Delivery forged = cvat("someone-elses-secret", 17, "completed", "in progress");
        Delivery genuine = cvat(SECRET, 17, "completed", "in progress");

        Answer wrongSecret = post("cvat", forged);
        Answer broken = post("cvat", new Delivery("sha256=not-hex", genuine.body()));
        Answer unsigned = receiver.receive("cvat", "persons", name -> null, genuine.body());
        byte[] changed = new String(genuine.body(), StandardCharsets.UTF_8)
                .replace("\"id\": 17", "\"id\": 19")
                .getBytes(StandardCharsets.UTF_8);
        Answer tampered = post("cvat", new Delivery(genuine.signature(), changed));

        assertThat(List.of(wrongSecret, broken, unsigned, tampered))
                .extracting(Answer::status)
                .containsOnly(401);
        assertThat(wrongSecret.message()).contains("wrong signature").doesNotContain(SECRET);
        assertThat(broken.message()).contains("not hex");
        assertThat(unsigned.message()).contains(CvatWebhookSignature.HEADER);
        assertThat(events.since(0, 100)).isEmpty();
    }

    @Test
    void shouldRecordLabelStudioProgressOnlyWithTheSecretHeader() {
        byte[] body = ("{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": 4}, \"task\": {\"id\": 2},"
                        + " \"project\": {\"id\": 7, \"title\": \"persons\", \"task_number\": 40,"
                        + " \"finished_task_number\": 12}}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> right = Map.of(LabelStudioWebhookSecret.HEADER, SECRET);
        Map<String, String> wrong = Map.of(LabelStudioWebhookSecret.HEADER, SECRET + "x");

        assertThat(receiver.receive("label-studio", "persons", wrong::get, body).status())
                .isEqualTo(401);
        assertThat(receiver.receive("label-studio", "persons", name -> null, body)
                        .status())
                .isEqualTo(401);
        assertThat(events.since(0, 100)).isEmpty();
        assertThat(receiver.receive("label-studio", "persons", right::get, body).status())
                .isEqualTo(202);
        assertThat(receiver.receive("label-studio", "persons", right::get, body).status())
                .as("a replay")
                .isEqualTo(200);

        assertThat(recorded())
                .containsExactly(new RegistryEvent.LabelingProgressed(
                        "persons",
                        "label-studio",
                        "7",
                        12,
                        40,
                        new io.mlops.registry.Change("label-studio", "ANNOTATION_CREATED")));
    }

    @Test
    void shouldAnswerMalformedBodiesWith400AndUnknownToolsWith404() {
        Map<String, String> right = Map.of(LabelStudioWebhookSecret.HEADER, SECRET);
        byte[] notJson = "{\"action\": ".getBytes(StandardCharsets.UTF_8);
        byte[] noAction = "{\"project\": {\"id\": 1}}".getBytes(StandardCharsets.UTF_8);
        byte[] deleted = "{\"action\": \"PROJECT_DELETED\", \"project\": {\"id\": 1}}".getBytes(StandardCharsets.UTF_8);

        assertThat(receiver.receive("label-studio", "persons", right::get, notJson))
                .extracting(Answer::status, answer -> answer.message().contains("not JSON"))
                .containsExactly(400, true);
        assertThat(receiver.receive("label-studio", "persons", right::get, noAction)
                        .status())
                .isEqualTo(400);
        assertThat(receiver.receive("label-studio", null, right::get, deleted).status())
                .isEqualTo(400);
        assertThat(receiver.receive("label-studio", "persons", right::get, deleted)
                        .status())
                .as("verified, but no progress to tell")
                .isEqualTo(200);
        assertThat(receiver.receive("doccano", "persons", right::get, deleted).status())
                .isEqualTo(404);
        assertThat(events.since(0, 100)).isEmpty();
    }

    @Test
    void shouldRefuseEveryDeliveryWhenNoSecretIsConfigured() {
        LabelingWebhookReceiver open = new LabelingWebhookReceiver(
                new JdbcModelRegistry(database), database, tool -> List.of(), Clock.systemUTC());
        byte[] body = "{\"action\": \"ANNOTATION_CREATED\", \"project\": {\"id\": 7, \"finished_task_number\": 1}}"
                .getBytes(StandardCharsets.UTF_8);

        Answer answer = open.receive("label-studio", "persons", name -> "", body);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).contains("no secret");
        assertThat(events.since(0, 100)).isEmpty();
    }
}
