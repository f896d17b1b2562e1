package io.mlops.trigger;

import io.mlops.error.UserError;
import io.mlops.registry.Change;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegistryEvent;
import io.mlops.registry.http.LabelingWebhookFilter;
import io.mlops.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Turns a labeling tool's webhook delivery into a {@link RegistryEvent.LabelingProgressed} in the
 * registry's event stream, the same way for every host ({@code mlops server}, the Jenkins plugin):
 * authenticate (401, nothing recorded), read (400), drop a delivery already recorded (200), work out
 * the project's finished count, then {@link ModelRegistry#announce}. The model the project labels for
 * is named by the webhook's URL ({@code ?model=NAME}).
 *
 * <p>The event is announced before the delivery is remembered: a host that dies between the two
 * records it again when the tool retries, and the conditions count absolute task counts, so a repeated
 * event starts no second build.
 */
public final class LabelingWebhookReceiver implements LabelingWebhookFilter.Receiver {
    private final ModelRegistry registry;
    private final Function<LabelingTool, List<String>> secrets;
    private final LabelingDeliveries deliveries;
    private final LabelingJobs jobs;

    /**
     * Creates the receiver.
     *
     * @param registry the registry whose event stream records the progress
     * @param database the suite's metadata database (recorded deliveries, CVAT job states)
     * @param secrets the secrets a delivery of each tool may be authenticated with (several in Jenkins,
     *     one credential per job; none refuses every delivery of the tool)
     * @param clock the source of receiving times
     */
    public LabelingWebhookReceiver(
            ModelRegistry registry, Database database, Function<LabelingTool, List<String>> secrets, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.deliveries = new LabelingDeliveries(database, clock);
        this.jobs = new LabelingJobs(database, clock);
    }

    /**
     * A receiver with one secret for both tools ({@code mlops server}).
     *
     * @param registry the registry
     * @param database the suite's metadata database
     * @param secret the shared secret, or null when none is configured (every delivery is refused)
     * @return the receiver
     */
    public static LabelingWebhookReceiver withSecret(ModelRegistry registry, Database database, String secret) {
        List<String> configured = secret == null || secret.isEmpty() ? List.of() : List.of(secret);
        return new LabelingWebhookReceiver(registry, database, tool -> configured, Clock.systemUTC());
    }

    @Override
    public LabelingWebhookFilter.Answer receive(
            String toolName, String model, UnaryOperator<String> headers, byte[] body) {
        LabelingTool tool;
        try {
            tool = LabelingTool.parse(toolName);
        } catch (UserError e) {
            return new LabelingWebhookFilter.Answer(
                    404, "no labeling webhook receiver for '" + toolName + "': post to label-studio or cvat");
        }
        try {
            authenticate(tool, headers, body);
        } catch (WebhookRejected e) {
            return new LabelingWebhookFilter.Answer(401, e.getMessage());
        }
        if (model == null || model.isBlank()) {
            return new LabelingWebhookFilter.Answer(
                    400, "name the model the project labels for in the webhook's" + " URL: ...?model=NAME");
        }
        try {
            return record(tool, model.strip(), body);
        } catch (MalformedWebhook e) {
            return new LabelingWebhookFilter.Answer(400, e.getMessage());
        }
    }

    private void authenticate(LabelingTool tool, UnaryOperator<String> headers, byte[] body) {
        List<String> candidates = secrets.apply(tool);
        if (candidates.isEmpty()) {
            throw new WebhookRejected("this host has no secret for " + tool.id() + " webhooks, so it accepts none");
        }
        WebhookRejected last = null;
        for (String secret : candidates) {
            try {
                switch (tool) {
                    case LABEL_STUDIO ->
                        new LabelStudioWebhookSecret(secret).verify(headers.apply(LabelStudioWebhookSecret.HEADER));
                    case CVAT ->
                        new CvatWebhookSignature(secret).verify(headers.apply(CvatWebhookSignature.HEADER), body);
                }
                return;
            } catch (WebhookRejected e) {
                last = e;
            }
        }
        throw last;
    }

    private LabelingWebhookFilter.Answer record(LabelingTool tool, String model, byte[] body) {
        Object event = switch (tool) {
            case LABEL_STUDIO -> LabelStudioWebhookEvent.parse(body);
            case CVAT -> CvatWebhookEvent.parse(body);
        };
        String digest = LabelingDeliveries.digest(tool, body);
        if (deliveries.seen(digest)) {
            return new LabelingWebhookFilter.Answer(200, "verified; this delivery was recorded before");
        }
        RegistryEvent.LabelingProgressed progress = switch (event) {
            case LabelStudioWebhookEvent labelStudio -> labelStudio(model, labelStudio);
            case CvatWebhookEvent cvat -> cvat(model, cvat);
            default -> throw new IllegalStateException("no tool sends " + event);
        };
        if (progress == null) {
            return new LabelingWebhookFilter.Answer(200, "verified; the delivery tells no labeling progress");
        }
        registry.announce(progress);
        deliveries.remember(digest);
        return new LabelingWebhookFilter.Answer(
                202,
                "recorded: " + progress.finishedTasks()
                        + (progress.totalTasks() >= 0 ? " of " + progress.totalTasks() : "") + " tasks finished in "
                        + tool.id() + " project " + progress.project() + " for model " + model);
    }

    private static RegistryEvent.LabelingProgressed labelStudio(String model, LabelStudioWebhookEvent event) {
        if (!event.tellsProgress()) {
            return null;
        }
        return new RegistryEvent.LabelingProgressed(
                model,
                LabelingTool.LABEL_STUDIO.id(),
                event.project(),
                event.finishedTasks(),
                event.totalTasks(),
                new Change(LabelingTool.LABEL_STUDIO.id(), event.action()));
    }

    private RegistryEvent.LabelingProgressed cvat(String model, CvatWebhookEvent event) {
        if (!event.aboutJob() || !event.stateChanged()) {
            return null;
        }
        int finished = jobs.record(
                LabelingTool.CVAT,
                event.project(),
                event.job(),
                event.completed(),
                event.event().startsWith("delete:"));
        return new RegistryEvent.LabelingProgressed(
                model,
                LabelingTool.CVAT.id(),
                event.project(),
                finished,
                -1,
                new Change(LabelingTool.CVAT.id(), event.event()));
    }
}
