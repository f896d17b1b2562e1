package io.mlops.labels;

/**
 * An axis-aligned bounding box in pixels, as COCO writes it: top-left corner, width and height.
 *
 * <p>A box with zero or negative size is representable on purpose: validation reports it with
 * where it came from, which a constructor exception could not.
 *
 * @param x the left edge
 * @param y the top edge
 * @param width the width (positive for a valid box)
 * @param height the height (positive for a valid box)
 */
public record Box(double x, double y, double width, double height) {
    /** Rejects values that are not numbers. */
    public Box {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException(
                    "box values must be finite: " + x + ", " + y + ", " + width + ", " + height);
        }
    }

    /**
     * A box from two corners, as Pascal VOC and CVAT write it.
     *
     * @param left the left edge
     * @param top the top edge
     * @param right the right edge
     * @param bottom the bottom edge
     * @return the box
     */
    public static Box ofCorners(double left, double top, double right, double bottom) {
        return new Box(left, top, right - left, bottom - top);
    }

    /**
     * The right edge.
     *
     * @return x + width
     */
    public double right() {
        return x + width;
    }

    /**
     * The bottom edge.
     *
     * @return y + height
     */
    public double bottom() {
        return y + height;
    }

    /**
     * The area in square pixels.
     *
     * @return width times height
     */
    public double area() {
        return width * height;
    }

    /**
     * The smallest axis-aligned box holding this box turned around a pivot, for formats that store
     * rotated rectangles (Label Studio, CVAT) when the model holds axis-aligned ones.
     *
     * @param degrees the clockwise rotation in degrees (image coordinates, y down)
     * @param pivotX the pivot's x
     * @param pivotY the pivot's y
     * @return the enclosing box
     */
    public Box rotatedAbout(double degrees, double pivotX, double pivotY) {
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double[] xs = {x, right(), right(), x};
        double[] ys = {y, y, bottom(), bottom()};
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            double dx = xs[i] - pivotX;
            double dy = ys[i] - pivotY;
            double rx = pivotX + dx * cos - dy * sin;
            double ry = pivotY + dx * sin + dy * cos;
            minX = Math.min(minX, rx);
            minY = Math.min(minY, ry);
            maxX = Math.max(maxX, rx);
            maxY = Math.max(maxY, ry);
        }
        return ofCorners(minX, minY, maxX, maxY);
    }

    @Override
    public String toString() {
        return "[" + trim(x) + ", " + trim(y) + ", " + trim(width) + ", " + trim(height) + "]";
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(Math.round(value * 1000) / 1000.0);
    }
}
