package io.mlops.eval;

import io.mlops.error.UserError;
import java.util.Locale;

/** What a model does, which decides how its outputs are read and which metrics apply. */
public enum Task {
    /** One class per sample: accuracy, F1, ROC-AUC... */
    CLASSIFICATION,
    /** Numbers per sample: MAE, RMSE, R². */
    REGRESSION,
    /** Boxes per image: COCO mAP and AR. */
    DETECTION;

    /**
     * Parses the option value.
     *
     * @param text {@code classification}, {@code regression} or {@code detection}
     * @return the task
     * @throws UserError for another value
     */
    public static Task parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown task '" + text + "': use classification, regression or detection");
        }
    }
}
