package io.mlops.eval.coco;

import java.io.Serializable;

/**
 * An image of a COCO set.
 *
 * @param id the image id
 * @param fileName the file, relative to the images directory
 * @param width width in pixels (0 when the set does not say)
 * @param height height in pixels (0 when the set does not say)
 */
public record CocoImage(long id, String fileName, int width, int height) implements Serializable {}
