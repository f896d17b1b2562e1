package io.mlops.labels.image;

/**
 * The pixel size of an image as its file header states it.
 *
 * @param width the width in pixels
 * @param height the height in pixels
 */
public record ImageSize(int width, int height) {
    /** Validates the size. */
    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image sizes are positive: " + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
