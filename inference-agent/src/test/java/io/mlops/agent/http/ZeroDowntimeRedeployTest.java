package io.mlops.agent.http;

import static io.mlops.agent.http.RunningAgent.json;
import static io.mlops.agent.http.RunningAgent.linearBundle;
import static io.mlops.agent.http.RunningAgent.linearRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients keep sending requests while new versions are uploaded and switched (at once, then as a
 * canary that the watch promotes) and an old version is unloaded: no request fails, every reply's
 * model_version names the version whose weights computed it, and no request that started after a
 * switch returned reaches the version it left.
 */
class ZeroDowntimeRedeployTest {
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    /** One reply: when its request started, its status, the version it names and its first output. */
    private record Reply(long startedNanos, int status, String version, float first, String body) {}

    @Test
    @Timeout(120)
    void shouldRedeployUnderLoadWithoutAFailedRequest() throws Exception {
        try (RunningAgent agent = new RunningAgent(dir.resolve("repo"), 1_000_000, null)) {
            agent.serveLinear(dir, "mlp", "1", 1);
            Queue<Reply> replies = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Semaphore answered = new Semaphore(0); // one permit per reply: the test paces itself by replies, not time
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                loops.add(clients.submit(() -> {
                    while (running.get()) {
                        long started = System.nanoTime();
                        HttpResponse<String> response = agent.postJson("/v2/models/mlp/infer", linearRequest(1));
                        if (response.statusCode() != 200) {
                            replies.add(new Reply(started, response.statusCode(), null, Float.NaN, response.body()));
                            answered.release();
                            continue;
                        }
                        JsonNode body = json(response);
                        replies.add(new Reply(
                                started,
                                200,
                                body.get("model_version").asText(),
                                body.at("/outputs/0/data/0").floatValue(),
                                response.body()));
                        answered.release();
                    }
                    return null;
                }));
            }

            awaitReplies(answered, 50);
            assertThat(agent.upload("mlp", "2", linearBundle(dir, 2)).statusCode())
                    .isEqualTo(200);
            assertThat(agent.switchTo("mlp", "2").statusCode()).isEqualTo(200);
            long switchedTo2 = System.nanoTime();
            awaitReplies(answered, 50);
            assertThat(agent.upload("mlp", "3", linearBundle(dir, 3)).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> canary = agent.admin(
                    "POST",
                    "/v2/admin/models/mlp/switch",
                    HttpRequest.BodyPublishers.ofString(
                            "{\"version\":\"3\",\"canaryPercent\":50,\"watchSeconds\":1,\"maxErrorRate\":0.0}"));
            assertThat(canary.statusCode()).as(canary.body()).isEqualTo(200);
            long promotedTo3 = awaitPrimary(agent, "3", answered);
            assertThat(agent.admin("DELETE", "/v2/admin/models/mlp/versions/1", HttpRequest.BodyPublishers.noBody())
                            .statusCode())
                    .isEqualTo(200);
            awaitReplies(answered, 50);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();

            assertThat(replies).hasSizeGreaterThan(100);
            assertThat(replies)
                    .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            assertThat(replies)
                    .allSatisfy(r -> assertThat(r.first())
                            .as("reply of version %s", r.version())
                            .isEqualTo(3f * Integer.parseInt(r.version())));
            assertThat(replies).extracting(Reply::version).contains("1", "2", "3");
            assertThat(replies)
                    .filteredOn(r -> r.startedNanos() > switchedTo2)
                    .extracting(Reply::version)
                    .doesNotContain("1");
            assertThat(replies)
                    .filteredOn(r -> r.startedNanos() > promotedTo3)
                    .extracting(Reply::version)
                    .containsOnly("3");
            JsonNode status = json(agent.admin("GET", "/v2/admin/models/mlp", HttpRequest.BodyPublishers.noBody()));
            assertThat(status.at("/lastRollback").isNull()).isTrue();
            assertThat(status.at("/versions/0/failures").asLong()).isZero();
            assertThat(status.at("/versions/1/failures").asLong()).isZero();
        }
    }

    /** Waits until the clients have had {@code count} more replies. */
    private static void awaitReplies(Semaphore answered, int count) throws InterruptedException {
        assertThat(answered.tryAcquire(count, 60, TimeUnit.SECONDS))
                .as("%d more replies", count)
                .isTrue();
    }

    /**
     * Waits until the canary watch promoted the version, looking again after every few replies (the
     * agent's own scheduler ends the watch; the test's timeout bounds the wait).
     */
    private static long awaitPrimary(RunningAgent agent, String version, Semaphore answered)
            throws InterruptedException {
        while (true) {
            JsonNode status = json(agent.admin("GET", "/v2/admin/models/mlp", HttpRequest.BodyPublishers.noBody()));
            if (version.equals(status.at("/serving/primary").asText())
                    && status.at("/serving/canary").isNull()) {
                return System.nanoTime();
            }
            awaitReplies(answered, 4);
        }
    }
}
