package io.mlops.labels;

import java.io.Serializable;
import java.util.Objects;

/**
 * An image the labels describe.
 *
 * @param id the format's image id, or assigned in order of appearance
 * @param fileName the image's path relative to the images directory, with forward slashes, as the
 *     labels name it
 * @param width the width in pixels the labels state, or 0 when they do not say
 * @param height the height in pixels the labels state, or 0 when they do not say
 */
public record LabeledImage(long id, String fileName, int width, int height) implements Serializable {
    /** Validates the image. */
    public LabeledImage {
        Objects.requireNonNull(fileName, "fileName");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("image sizes are positive or 0 for unknown: " + width + "x" + height);
        }
    }

    /**
     * Whether the labels state the image's size.
     *
     * @return true when width and height are known
     */
    public boolean hasSize() {
        return width > 0 && height > 0;
    }
}
