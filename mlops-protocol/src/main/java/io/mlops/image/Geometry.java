package io.mlops.image;

import java.io.Serializable;

/**
 * How an image was mapped into the model input, to map boxes back: input = original x scale +
 * offset (per axis).
 *
 * @param scaleX horizontal scale
 * @param scaleY vertical scale
 * @param offsetX horizontal offset in input pixels (letterbox padding, minus crop)
 * @param offsetY vertical offset in input pixels
 * @param inputWidth the model input's width
 * @param inputHeight the model input's height
 */
public record Geometry(double scaleX, double scaleY, double offsetX, double offsetY, int inputWidth, int inputHeight)
        implements Serializable {
    /**
     * Maps an input x coordinate back onto the original image.
     *
     * @param x in input pixels
     * @return in original pixels
     */
    public double originalX(double x) {
        return (x - offsetX) / scaleX;
    }

    /**
     * Maps an input y coordinate back onto the original image.
     *
     * @param y in input pixels
     * @return in original pixels
     */
    public double originalY(double y) {
        return (y - offsetY) / scaleY;
    }
}
