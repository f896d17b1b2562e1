package io.mlops.jenkins.triggers;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.model.Job;
import hudson.model.UnprotectedRootAction;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.mlops.trigger.MlflowWebhookEvent;
import io.mlops.trigger.MlflowWebhookSignature;
import io.mlops.trigger.WebhookRejected;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code POST JENKINS_URL/mlops-mlflow-webhook/}: receives MLflow 3 webhook deliveries. Anonymous
 * as a Jenkins page (MLflow cannot log in); a delivery counts only for the jobs whose secret
 * verifies its HMAC signature within five minutes of its timestamp.
 */
@Extension
public final class MlflowWebhookEndpoint implements UnprotectedRootAction {
    /** The URL below the Jenkins root. */
    static final String URL_NAME = "mlops-mlflow-webhook";

    private static final int MAX_BODY = 1 << 20;

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "MLflow webhook receiver";
    }

    /**
     * Verifies a delivery against every job's secret and starts the jobs it is for.
     *
     * @param req the delivery
     * @return 202 with the number of builds started, 200 when verified but no job waits for the
     *     event, 401 when no job's secret verifies it, 400 for a malformed body
     * @throws IOException when the body cannot be read
     */
    @POST
    public HttpResponse doIndex(StaplerRequest2 req) throws IOException {
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return HttpResponses.errorWithoutStack(413, "webhook body larger than 1 MiB");
        }
        String delivery = req.getHeader(MlflowWebhookSignature.DELIVERY_ID_HEADER);
        String timestamp = req.getHeader(MlflowWebhookSignature.TIMESTAMP_HEADER);
        String signature = req.getHeader(MlflowWebhookSignature.SIGNATURE_HEADER);
        int verified = 0;
        int started = 0;
        String rejection = "no job has an MLflow webhook trigger";
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                MlflowWebhookTrigger trigger = ParameterizedJobMixIn.getTrigger(job, MlflowWebhookTrigger.class);
                if (trigger == null) {
                    continue;
                }
                StringCredentials secret = secret(job, trigger.getSecretCredentialsId());
                if (secret == null) {
                    continue;
                }
                try {
                    new MlflowWebhookSignature(
                                    secret.getSecret().getPlainText(), MlflowWebhookSignature.DEFAULT_TOLERANCE)
                            .verify(delivery, timestamp, signature, body, Instant.now());
                } catch (WebhookRejected e) {
                    rejection = e.getMessage();
                    continue;
                }
                verified++;
                MlflowWebhookEvent event;
                try {
                    event = MlflowWebhookEvent.parse(body);
                } catch (WebhookRejected e) {
                    return HttpResponses.errorWithoutStack(400, e.getMessage());
                }
                if (trigger.accept(event)) {
                    started++;
                }
            }
        }
        if (verified == 0) {
            return HttpResponses.errorWithoutStack(401, rejection);
        }
        return started > 0 ? HttpResponses.status(202) : HttpResponses.text("verified; no job waits for this event");
    }

    private static StringCredentials secret(Job<?, ?> job, String id) {
        if (id == null) {
            return null;
        }
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, job, ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(id));
    }
}
