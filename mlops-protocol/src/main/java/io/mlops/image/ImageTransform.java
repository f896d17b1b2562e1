package io.mlops.image;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Applies a {@link Preprocessing}'s image steps: bilinear resizing (pixel centers aligned, as
 * OpenCV's INTER_LINEAR), center crop or letterbox, then channel order, scaling, normalization and
 * layout into the float values of one model input row.
 *
 * @param preprocessing the steps
 * @param height the model input's height
 * @param width the model input's width
 */
public record ImageTransform(Preprocessing preprocessing, int height, int width) {
    /**
     * The input size the steps produce, given the model's declared size (-1 where symbolic).
     *
     * @param preprocessing the steps
     * @param modelHeight the declared height or -1
     * @param modelWidth the declared width or -1
     * @return {height, width}, or null when neither the steps nor the model fix it
     */
    public static int[] inputSize(Preprocessing preprocessing, long modelHeight, long modelWidth) {
        List<Integer> fixed = preprocessing.letterbox() != null
                ? preprocessing.letterbox()
                : preprocessing.crop() != null
                        ? preprocessing.crop()
                        : preprocessing.resize() != null
                                        && preprocessing.resize().size() == 2
                                ? preprocessing.resize()
                                : null;
        if (fixed != null) {
            return new int[] {fixed.get(0), fixed.get(1)};
        }
        if (modelHeight > 0 && modelWidth > 0) {
            return new int[] {(int) modelHeight, (int) modelWidth};
        }
        return null;
    }

    /**
     * One transformed image.
     *
     * @param values the input row, {@code 3 x height x width} floats in the configured layout
     * @param geometry how original coordinates map into the input
     */
    public record Result(float[] values, Geometry geometry) {
        // a record compares arrays by identity; these compare their contents
        @Override
        public boolean equals(Object other) {
            return other instanceof Result that
                    && Arrays.equals(values, that.values)
                    && Objects.equals(geometry, that.geometry);
        }

        @Override
        public int hashCode() {
            return Objects.hash(geometry) * 31 + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Result[values=" + Arrays.toString(values) + ", geometry=" + geometry + "]";
        }
    }

    /**
     * Transforms an image.
     *
     * @param image the decoded image
     * @return the input row and its geometry
     */
    public Result apply(DecodedImage image) {
        Preprocessing p = preprocessing;
        DecodedImage placed;
        Geometry geometry;
        if (p.letterbox() != null) {
            double r = Math.min((double) height / image.height(), (double) width / image.width());
            int nw = Math.max(1, (int) Math.round(image.width() * r));
            int nh = Math.max(1, (int) Math.round(image.height() * r));
            DecodedImage resized = resize(image, nw, nh);
            int padX = (width - nw) / 2;
            int padY = (height - nh) / 2;
            byte[] canvas = new byte[width * height * 3];
            java.util.Arrays.fill(canvas, (byte) (int) p.padValue());
            for (int y = 0; y < nh; y++) {
                System.arraycopy(resized.rgb(), y * nw * 3, canvas, ((y + padY) * width + padX) * 3, nw * 3);
            }
            placed = new DecodedImage(width, height, canvas);
            geometry =
                    new Geometry((double) nw / image.width(), (double) nh / image.height(), padX, padY, width, height);
        } else {
            int rw = image.width();
            int rh = image.height();
            if (p.resize() != null && p.resize().size() == 1) {
                int shorter = p.resize().get(0);
                if (image.width() <= image.height()) {
                    rw = shorter;
                    rh = (int) ((long) shorter * image.height() / image.width());
                } else {
                    rh = shorter;
                    rw = (int) ((long) shorter * image.width() / image.height());
                }
            } else if (p.resize() != null || p.crop() == null) {
                rh = p.resize() != null ? p.resize().get(0) : height;
                rw = p.resize() != null ? p.resize().get(1) : width;
            }
            DecodedImage resized = rw == image.width() && rh == image.height() ? image : resize(image, rw, rh);
            int x0 = (int) Math.round((rw - width) / 2.0);
            int y0 = (int) Math.round((rh - height) / 2.0);
            placed = x0 == 0 && y0 == 0 && rw == width && rh == height ? resized : crop(resized, x0, y0, width, height);
            geometry = new Geometry((double) rw / image.width(), (double) rh / image.height(), -x0, -y0, width, height);
        }
        return new Result(normalize(placed), geometry);
    }

    private float[] normalize(DecodedImage image) {
        Preprocessing p = preprocessing;
        boolean bgr = "BGR".equals(p.channels());
        boolean nchw = "NCHW".equals(p.layout());
        float scale = (float) (double) p.scale();
        float[] sub = new float[3];
        float[] div = {1, 1, 1};
        if (p.mean() != null) {
            for (int c = 0; c < 3; c++) {
                sub[c] = (float) (double) p.mean().get(c);
                div[c] = (float) (double) p.std().get(c);
            }
        }
        int pixels = width * height;
        float[] out = new float[pixels * 3];
        byte[] rgb = image.rgb();
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < 3; c++) {
                int source = bgr ? 2 - c : c;
                float v = ((rgb[i * 3 + source] & 0xff) * scale - sub[c]) / div[c];
                out[nchw ? c * pixels + i : i * 3 + c] = v;
            }
        }
        return out;
    }

    private static DecodedImage crop(DecodedImage image, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(Math.max(y + y0, 0), image.height() - 1);
            for (int x = 0; x < w; x++) {
                int sx = Math.min(Math.max(x + x0, 0), image.width() - 1);
                System.arraycopy(image.rgb(), (sy * image.width() + sx) * 3, out, (y * w + x) * 3, 3);
            }
        }
        return new DecodedImage(w, h, out);
    }

    /**
     * Bilinear resize with aligned pixel centers.
     *
     * @param image the image
     * @param w the new width
     * @param h the new height
     * @return the resized image
     */
    public static DecodedImage resize(DecodedImage image, int w, int h) {
        int sw = image.width();
        int sh = image.height();
        byte[] src = image.rgb();
        byte[] out = new byte[w * h * 3];
        double fx = (double) sw / w;
        double fy = (double) sh / h;
        for (int y = 0; y < h; y++) {
            double syf = Math.max(0, (y + 0.5) * fy - 0.5);
            int y1 = Math.min((int) syf, sh - 1);
            int y2 = Math.min(y1 + 1, sh - 1);
            double wy = syf - y1;
            for (int x = 0; x < w; x++) {
                double sxf = Math.max(0, (x + 0.5) * fx - 0.5);
                int x1 = Math.min((int) sxf, sw - 1);
                int x2 = Math.min(x1 + 1, sw - 1);
                double wx = sxf - x1;
                for (int c = 0; c < 3; c++) {
                    double top =
                            (src[(y1 * sw + x1) * 3 + c] & 0xff) * (1 - wx) + (src[(y1 * sw + x2) * 3 + c] & 0xff) * wx;
                    double bottom =
                            (src[(y2 * sw + x1) * 3 + c] & 0xff) * (1 - wx) + (src[(y2 * sw + x2) * 3 + c] & 0xff) * wx;
                    out[(y * w + x) * 3 + c] = (byte) (int) Math.round(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return new DecodedImage(w, h, out);
    }
}
