package io.mlops.labels;

import java.util.List;
import java.util.Objects;

/**
 * One labeled object on an image: its class, its box and, where the format has one, its outline.
 *
 * @param id the format's annotation id, or assigned in order of appearance
 * @param imageId the image it lies on
 * @param categoryId its class
 * @param box its bounding box in pixels (the polygons' bounds when the format gives only those)
 * @param polygons its outline as one or more polygons, or empty
 */
public record Annotation(long id, long imageId, int categoryId, Box box, List<Polygon> polygons) {
    /** Validates the annotation and copies its polygons. */
    public Annotation {
        Objects.requireNonNull(box, "box");
        polygons = List.copyOf(polygons);
    }

    /**
     * An annotation with a box only.
     *
     * @param id the id
     * @param imageId the image
     * @param categoryId the class
     * @param box the box
     * @return the annotation
     */
    public static Annotation box(long id, long imageId, int categoryId, Box box) {
        return new Annotation(id, imageId, categoryId, box, List.of());
    }

    /**
     * An annotation given as an outline; its box is the outline's bounds.
     *
     * @param id the id
     * @param imageId the image
     * @param categoryId the class
     * @param polygon the outline
     * @return the annotation
     */
    public static Annotation outline(long id, long imageId, int categoryId, Polygon polygon) {
        return new Annotation(id, imageId, categoryId, polygon.bounds(), List.of(polygon));
    }
}
