package io.mlops.jenkins.triggers;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Job;
import hudson.model.UnprotectedRootAction;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.mlops.error.UserError;
import io.mlops.jenkins.MlopsStores;
import io.mlops.registry.http.LabelingWebhookFilter;
import io.mlops.store.StoreFailure;
import io.mlops.suite.SuiteStores;
import io.mlops.trigger.LabelingTool;
import io.mlops.trigger.LabelingWebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code POST JENKINS_URL/mlops-labeling-webhook/label-studio?model=NAME} and {@code .../cvat?model=NAME}:
 * receives Label Studio and CVAT webhooks. Anonymous as a Jenkins page (the tools cannot log in); a
 * delivery counts only when the secret of a job's {@link LabelingTrigger} for that tool authenticates it
 * (Label Studio: the {@code X-Mlops-Token} header; CVAT: its {@code X-Signature-256} signature). mlops-core's
 * {@link LabelingWebhookReceiver} records it in the registry's event stream, as {@code mlops server}
 * does, and the triggers are handed the event at once.
 */
@Extension
public final class LabelingWebhookEndpoint implements UnprotectedRootAction {
    /** The URL below the Jenkins root. */
    static final String URL_NAME = "mlops-labeling-webhook";

    private static final Logger LOGGER = Logger.getLogger(LabelingWebhookEndpoint.class.getName());

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
        return "Labeling webhook receiver";
    }

    /**
     * Verifies a delivery with the secrets of the jobs that wait for the tool, records it, and hands it
     * to the triggers.
     *
     * @param req the delivery; the rest of its path names the tool
     * @return 202 when recorded, 200 when verified but nothing to record, 401 when no job's secret
     *     verifies it, 400 for a malformed body or a missing model, 404 for an unknown tool, 413 when too large
     * @throws IOException when the body cannot be read
     */
    @POST
    public HttpResponse doDynamic(StaplerRequest2 req) throws IOException {
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(LabelingWebhookFilter.MAX_BODY + 1);
        }
        if (body.length > LabelingWebhookFilter.MAX_BODY) {
            return HttpResponses.errorWithoutStack(
                    413, "webhook body larger than " + LabelingWebhookFilter.MAX_BODY + " bytes");
        }
        String tool = req.getRestOfPath().replaceFirst("^/", "");
        LabelingWebhookFilter.Answer answer;
        SuiteStores stores = MlopsStores.get().current();
        try {
            LabelingWebhookReceiver receiver = new LabelingWebhookReceiver(
                    stores.registry(), stores.database(), LabelingWebhookEndpoint::secrets, Clock.systemUTC());
            answer = receiver.receive(tool, req.getParameter("model"), req::getHeader, body);
        } catch (StoreFailure e) {
            LOGGER.log(Level.WARNING, "labeling webhook for " + tool + " failed", e);
            answer = new LabelingWebhookFilter.Answer(503, e.publicMessage());
        } catch (UserError e) {
            answer = new LabelingWebhookFilter.Answer(400, e.getMessage());
        }
        if (answer.status() == 202) {
            ExtensionList.lookupSingleton(RegistryEventPoll.class).dispatchNew();
        }
        if (answer.status() >= 400) {
            return HttpResponses.errorWithoutStack(answer.status(), answer.message());
        }
        int status = answer.status();
        String message = answer.message();
        return new HttpResponse() {
            @Override
            public void generateResponse(StaplerRequest2 request, StaplerResponse2 response, Object node)
                    throws IOException {
                response.setStatus(status);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().print(message);
            }
        };
    }

    /** The secrets of the jobs whose labeling trigger waits for the tool. */
    private static List<String> secrets(LabelingTool tool) {
        List<String> secrets = new ArrayList<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                LabelingTrigger trigger = ParameterizedJobMixIn.getTrigger(job, LabelingTrigger.class);
                if (trigger == null || trigger.getSecretCredentialsId() == null) {
                    continue;
                }
                try {
                    if (LabelingTool.parse(trigger.getTool()) != tool) {
                        continue;
                    }
                } catch (UserError e) {
                    continue;
                }
                StringCredentials secret = CredentialsMatchers.firstOrNull(
                        CredentialsProvider.lookupCredentialsInItem(
                                StringCredentials.class, job, ACL.SYSTEM2, List.of()),
                        CredentialsMatchers.withId(trigger.getSecretCredentialsId()));
                if (secret != null && !secret.getSecret().getPlainText().isEmpty()) {
                    secrets.add(secret.getSecret().getPlainText());
                }
            }
        }
        return secrets;
    }
}
