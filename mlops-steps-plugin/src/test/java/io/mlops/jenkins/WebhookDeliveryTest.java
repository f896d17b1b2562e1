package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.NewVersion;
import io.mlops.registry.webhook.NewWebhook;
import io.mlops.registry.webhook.WebhookDispatcher;
import io.mlops.registry.webhook.WebhookEvent;
import io.mlops.suite.SuiteStores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The controller runs the outbox dispatcher from startup: a webhook registered in Jenkins is delivered,
 * to a real HTTP receiver, for a change made by another process on the same store (as by an
 * {@code mlops registry} command), which the dispatcher finds in the outbox.
 */
@WithJenkins
class WebhookDeliveryTest {
    private static final String SECRET = "a-secret-of-sixteen-or-more";

    @TempDir
    Path tmp;

    @Test
    void shouldDeliverAWebhookForAChangeMadeByAnotherProcess(JenkinsRule j) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst(WebhookDispatcher.EVENT) + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            MlopsStores.get()
                    .current()
                    .webhooks()
                    .add(new NewWebhook(hook, SECRET, Set.of(WebhookEvent.VERSION_CREATED), "persons"));

            try (SuiteStores cli = SuiteStores.open(MlopsStores.home(), null, null)) {
                cli.registry().createModel("persons", "", Map.of(), Change.by("cli"));
                Path model = Files.writeString(tmp.resolve("persons.onnx"), "model bytes");
                cli.registry().registerVersion(NewVersion.of("persons", FileSource.of(model)), Change.by("cli"));
            }

            // Delivered by the dispatcher WebhookDelivery started with Jenkins; take() waits for it.
            String delivery = received.take();
            assertThat(delivery).contains("persons");
        } finally {
            receiver.stop(0);
        }
    }
}
