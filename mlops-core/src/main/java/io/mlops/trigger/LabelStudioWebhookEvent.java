package io.mlops.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.Objects;

/**
 * The body of a Label Studio webhook delivery (label_studio/webhooks/utils.py): {@code {"action":
 * "ANNOTATION_CREATED", "annotation": {...}, "task": {...}, "project": {...}}}. Label Studio adds the
 * project, with its counts {@code task_number} and {@code finished_task_number}, to every project
 * action it sends a payload for (annotations created, updated or deleted, tasks created or deleted,
 * project updated).
 *
 * @param action the action, e.g. {@code ANNOTATION_CREATED}
 * @param project the project's id, or null when the body names none
 * @param finishedTasks the project's finished tasks, or -1 when the body does not say
 * @param totalTasks the project's tasks, or -1 when the body does not say
 */
public record LabelStudioWebhookEvent(String action, String project, int finishedTasks, int totalTasks)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates the event. */
    public LabelStudioWebhookEvent {
        Objects.requireNonNull(action, "action");
    }

    /**
     * Reads a delivery's body (after its secret header was checked).
     *
     * @param body the JSON body
     * @return the event
     * @throws MalformedWebhook when it is not a Label Studio webhook body
     */
    public static LabelStudioWebhookEvent parse(byte[] body) {
        JsonNode root = WebhookBodies.object(body, "Label Studio");
        if (!root.path("action").isTextual() || root.get("action").asText().isBlank()) {
            throw new MalformedWebhook("Label Studio webhook body lacks its text 'action'");
        }
        JsonNode project = root.path("project");
        Integer finished = WebhookBodies.count(project, "finished_task_number");
        Integer total = WebhookBodies.count(project, "task_number");
        return new LabelStudioWebhookEvent(
                root.get("action").asText(),
                WebhookBodies.id(project, "id"),
                finished == null ? -1 : finished,
                total == null ? -1 : total);
    }

    /**
     * Whether the delivery tells the project's labeling progress: it names the project and its count
     * of finished tasks.
     *
     * @return false for actions without a project payload (project created or deleted, label links)
     */
    public boolean tellsProgress() {
        return project != null && finishedTasks >= 0;
    }
}
