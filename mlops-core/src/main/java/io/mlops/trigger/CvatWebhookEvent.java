package io.mlops.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.Objects;

/**
 * The body of a CVAT webhook delivery (cvat/apps/webhooks/signals.py): {@code {"event": "update:job",
 * "job": {"id", "task_id", "project_id", "state", ...}, "before_update": {"state": "in progress"},
 * "webhook_id", "sender"}}. A CVAT job is the unit people label and mark {@code completed}; the suite
 * counts a project's completed jobs as its finished tasks.
 *
 * @param event the event, e.g. {@code update:job}, {@code create:job}, {@code delete:job}, {@code ping}
 * @param project the job's project id, or {@code task-<id>} for a task outside any project; null when
 *     the event is not about a job
 * @param job the job's id, or null when the event is not about a job
 * @param completed whether the job's state is {@code completed} (false for a deleted job)
 * @param stateChanged whether the delivery changes which jobs count: a job created or deleted, or its
 *     state changed ({@code before_update} names {@code state})
 */
public record CvatWebhookEvent(String event, String project, String job, boolean completed, boolean stateChanged)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The job state CVAT gives a finished job. */
    public static final String COMPLETED = "completed";

    /** Validates the event. */
    public CvatWebhookEvent {
        Objects.requireNonNull(event, "event");
    }

    /**
     * Reads a delivery's body (after its signature was verified).
     *
     * @param body the JSON body
     * @return the event
     * @throws MalformedWebhook when it is not a CVAT webhook body, or a job event without the job's ids
     */
    public static CvatWebhookEvent parse(byte[] body) {
        JsonNode root = WebhookBodies.object(body, "CVAT");
        if (!root.path("event").isTextual() || root.get("event").asText().isBlank()) {
            throw new MalformedWebhook("CVAT webhook body lacks its text 'event'");
        }
        String event = root.get("event").asText();
        if (!event.endsWith(":job")) {
            return new CvatWebhookEvent(event, null, null, false, false);
        }
        JsonNode job = root.path("job");
        String id = WebhookBodies.id(job, "id");
        String project = WebhookBodies.id(job, "project_id");
        String task = WebhookBodies.id(job, "task_id");
        if (id == null || (project == null && task == null)) {
            throw new MalformedWebhook(
                    "CVAT " + event + " body lacks the job's 'id' and its 'project_id' or" + " 'task_id'");
        }
        boolean deleted = event.startsWith("delete:");
        boolean completed = !deleted && COMPLETED.equals(job.path("state").asText());
        boolean changed = deleted
                || event.startsWith("create:")
                || root.path("before_update").has("state");
        return new CvatWebhookEvent(event, project != null ? project : "task-" + task, id, completed, changed);
    }

    /**
     * Whether the delivery is about a job, and so may change the project's count.
     *
     * @return true for job events
     */
    public boolean aboutJob() {
        return job != null;
    }
}
