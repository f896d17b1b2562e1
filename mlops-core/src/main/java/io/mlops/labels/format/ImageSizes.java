package io.mlops.labels.format;

import io.mlops.error.UserError;
import io.mlops.labels.LabelSet;
import io.mlops.labels.LabeledImage;
import java.util.List;

/** The check both writers need: formats that store pixel sizes cannot write an image without one. */
final class ImageSizes {
    private static final int NAMED = 5;

    private ImageSizes() {}

    /**
     * Refuses labels in which some image has no size.
     *
     * @param labels the labels to write
     * @param format the format's name, for the message
     * @throws UserError naming the first images without a size
     */
    static void requireAll(LabelSet labels, String format) {
        List<LabeledImage> unsized =
                labels.images().stream().filter(image -> !image.hasSize()).toList();
        if (!unsized.isEmpty()) {
            throw new UserError(format + " needs every image's width and height, and " + unsized.size()
                    + " images have none in the labels nor a readable file under the images directory (first: "
                    + unsized.stream()
                            .limit(NAMED)
                            .map(image -> "'" + image.fileName() + "'")
                            .toList()
                    + ")");
        }
    }
}
