package io.mlops.trigger;

import io.mlops.error.UserError;
import java.util.Locale;

/** A labeling tool whose webhooks the suite receives. */
public enum LabelingTool {
    /** Label Studio: project webhooks carry the project's task counts. */
    LABEL_STUDIO("label-studio"),
    /** CVAT: job webhooks carry one job's state, signed with {@code X-Signature-256}. */
    CVAT("cvat");

    private final String id;

    LabelingTool(String id) {
        this.id = id;
    }

    /**
     * The tool's name in URLs, events and trigger settings.
     *
     * @return {@code label-studio} or {@code cvat}
     */
    public String id() {
        return id;
    }

    /**
     * Reads a tool's name.
     *
     * @param text {@code label-studio} or {@code cvat} (case does not matter)
     * @return the tool
     * @throws UserError for another name
     */
    public static LabelingTool parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (LabelingTool tool : values()) {
            if (tool.id.equals(name)) {
                return tool;
            }
        }
        throw new UserError("labeling tool must be label-studio or cvat, got '" + text + "'");
    }
}
