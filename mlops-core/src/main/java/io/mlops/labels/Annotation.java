package io.mlops.labels;

import java.util.List;
import java.util.Objects;

/**
 * One labeled object on an image: its class, its box and, where the format has one, its outline.
 *
 * <p>It is the one annotation model of the suite: label checks and conversions read it, and so does
 * COCO evaluation, which needs the two facts COCO adds to a box: the object's {@code area} (the
 * segment's area, by which COCOeval sorts objects into small, medium and large) and whether it marks
 * a crowd.
 *
 * @param id the format's annotation id, or assigned in order of appearance
 * @param imageId the image it lies on
 * @param categoryId its class
 * @param box its bounding box in pixels (the polygons' bounds when the format gives only those)
 * @param polygons its outline as one or more polygons, or empty
 * @param area the object's area in square pixels: as the labels state it (COCO's {@code area}), else
 *     the polygons' area, else the box's
 * @param crowd whether it marks a crowd of objects (COCO's {@code iscrowd}), which evaluation neither
 *     counts nor penalises
 */
public record Annotation(
        long id, long imageId, int categoryId, Box box, List<Polygon> polygons, double area, boolean crowd) {
    /** Validates the annotation and copies its polygons. */
    public Annotation {
        Objects.requireNonNull(box, "box");
        polygons = List.copyOf(polygons);
        // not checked for sign: a box of negative size is representable, for validation to report it
        if (!Double.isFinite(area)) {
            throw new IllegalArgumentException("an annotation's area must be finite: " + area);
        }
    }

    /**
     * An annotation whose area follows from its shape (polygons, else box) and that marks no crowd.
     *
     * @param id the id
     * @param imageId the image
     * @param categoryId the class
     * @param box the box
     * @param polygons the outline, or empty
     */
    public Annotation(long id, long imageId, int categoryId, Box box, List<Polygon> polygons) {
        this(id, imageId, categoryId, box, polygons, areaOf(box, polygons), false);
    }

    /**
     * The area of a shape, as COCO's tools state it: the polygons' area, or the box's without them.
     *
     * @param box the box
     * @param polygons the outline, or empty
     * @return the area in square pixels
     */
    public static double areaOf(Box box, List<Polygon> polygons) {
        return polygons.isEmpty()
                ? box.area()
                : polygons.stream().mapToDouble(Polygon::area).sum();
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
