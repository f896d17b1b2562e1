package io.mlops.labels;

import java.util.Arrays;

/**
 * A closed polygon outline in pixels: x0, y0, x1, y1, ... as COCO's segmentation lists it.
 *
 * @param xy the vertex coordinates, at least three vertices
 */
public record Polygon(double[] xy) {
    /** Validates and copies the coordinates. */
    public Polygon {
        if (xy == null || xy.length < 6 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a polygon needs at least three x,y vertices, got "
                    + (xy == null ? "none" : xy.length + " numbers"));
        }
        for (double value : xy) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("polygon coordinates must be finite: " + value);
            }
        }
        xy = xy.clone();
    }

    /**
     * The coordinates.
     *
     * @return a copy of x0, y0, x1, y1, ...
     */
    @Override
    public double[] xy() {
        return xy.clone();
    }

    /**
     * The number of vertices.
     *
     * @return half the number of coordinates
     */
    public int vertices() {
        return xy.length / 2;
    }

    /**
     * The x of a vertex.
     *
     * @param vertex the vertex index
     * @return its x
     */
    public double x(int vertex) {
        return xy[2 * vertex];
    }

    /**
     * The y of a vertex.
     *
     * @param vertex the vertex index
     * @return its y
     */
    public double y(int vertex) {
        return xy[2 * vertex + 1];
    }

    /**
     * The bounding box, which COCO stores next to a segmentation and YOLO detection needs.
     *
     * @return the smallest axis-aligned box holding every vertex
     */
    public Box bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xy.length; i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        return Box.ofCorners(minX, minY, maxX, maxY);
    }

    /**
     * The enclosed area by the shoelace formula, as COCO's {@code area} field holds it.
     *
     * @return the area in square pixels
     */
    public double area() {
        double twice = 0;
        int n = vertices();
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            twice += x(i) * y(j) - x(j) * y(i);
        }
        return Math.abs(twice) / 2;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Polygon polygon && Arrays.equals(xy, polygon.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Polygon" + Arrays.toString(xy);
    }
}
