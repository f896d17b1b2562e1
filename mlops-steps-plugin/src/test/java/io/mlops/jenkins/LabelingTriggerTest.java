package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.ExtensionList;
import hudson.util.Secret;
import io.mlops.jenkins.triggers.LabelingTrigger;
import io.mlops.jenkins.triggers.MlopsCause;
import io.mlops.jenkins.triggers.RegistryEventPoll;
import io.mlops.registry.Change;
import io.mlops.registry.RegistryEvent;
import io.mlops.suite.SuiteStores;
import io.mlops.trigger.CvatWebhookSignature;
import io.mlops.trigger.LabelStudioWebhookSecret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Label Studio's webhooks, posted to Jenkins without a crumb, start the job with a labeling trigger
 * when two more tasks are finished; a forged delivery starts nothing, a repeated one counts once, and
 * progress that an {@code mlops server} recorded on the same store starts it too.
 */
@WithJenkins
class LabelingTriggerTest {
    private static final String SECRET = "labeling-secret-0123";

    private static byte[] labelStudio(int finished) {
        return ("{\"action\": \"ANNOTATION_CREATED\", \"annotation\": {\"id\": " + (100 + finished) + "},"
                        + " \"project\": {\"id\": 7, \"task_number\": 10, \"finished_task_number\": " + finished + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int post(JenkinsRule j, String tool, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(j.getURL() + "mlops-labeling-webhook/" + tool + "?model=persons"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    @Test
    void shouldBuildWhenTwoMoreTasksAreFinished(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "labeling", "labeling webhook secret", Secret.fromString(SECRET)));
        WorkflowJob job = j.createProject(WorkflowJob.class, "retrain");
        job.setDefinition(new CpsFlowDefinition("echo 'retraining'", true));
        LabelingTrigger trigger = new LabelingTrigger("label-studio");
        trigger.setProject("7");
        trigger.setModel("persons");
        trigger.setNewlyFinished(2);
        trigger.setSecretCredentialsId("labeling");
        job.addTrigger(trigger);
        RegistryEventPoll poll = ExtensionList.lookupSingleton(RegistryEventPoll.class);
        poll.dispatchNew(); // registers this controller at the head of the stream
        Map<String, String> token = Map.of(LabelStudioWebhookSecret.HEADER, SECRET);

        assertThat(post(j, "label-studio", labelStudio(1), Map.of(LabelStudioWebhookSecret.HEADER, "guess")))
                .isEqualTo(401);
        assertThat(post(j, "label-studio", labelStudio(2), Map.of())).isEqualTo(401);
        assertThat(post(j, "cvat", labelStudio(2), Map.of(CvatWebhookSignature.HEADER, "sha256=00")))
                .isEqualTo(401);
        assertThat(post(j, "label-studio", "{\"action\":".getBytes(StandardCharsets.UTF_8), token))
                .isEqualTo(400);
        j.waitUntilNoActivity();
        assertThat(job.getBuilds())
                .as("nothing forged or malformed starts a build")
                .isEmpty();

        assertThat(post(j, "label-studio", labelStudio(1), token)).isEqualTo(202);
        j.waitUntilNoActivity();
        assertThat(job.getBuilds()).isEmpty();
        assertThat(post(j, "label-studio", labelStudio(2), token)).isEqualTo(202);
        assertThat(post(j, "label-studio", labelStudio(2), token))
                .as("a replay")
                .isEqualTo(200);
        j.waitUntilNoActivity();
        assertThat(job.getBuilds()).hasSize(1);
        assertThat(job.getLastBuild().getCause(MlopsCause.class).getShortDescription())
                .contains("2 newly finished tasks in label-studio project 7");

        // An mlops server on the same store records progress; the periodic read hands it on.
        try (SuiteStores server = SuiteStores.open(MlopsStores.home(), null, null)) {
            server.registry()
                    .announce(new RegistryEvent.LabelingProgressed(
                            "persons", "label-studio", "7", 4, 10, new Change("label-studio", "ANNOTATION_CREATED")));
        }
        poll.dispatchNew();
        j.waitUntilNoActivity();
        assertThat(job.getBuilds()).hasSize(2);
    }
}
