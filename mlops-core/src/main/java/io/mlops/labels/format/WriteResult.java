package io.mlops.labels.format;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a writer wrote.
 *
 * @param output the file or directory written
 * @param images the images written
 * @param objects the object annotations written
 * @param dropped what the format has no place for and was left out, e.g. {@code 3 image-level
 *     labels (COCO instances holds objects only)}; empty when nothing was lost
 */
public record WriteResult(String output, long images, long objects, List<String> dropped) implements Serializable {
    /** Copies the list. */
    public WriteResult {
        Objects.requireNonNull(output, "output");
        dropped = List.copyOf(dropped);
    }
}
