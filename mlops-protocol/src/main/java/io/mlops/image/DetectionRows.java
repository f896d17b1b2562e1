package io.mlops.image;

import io.mlops.error.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A detector's outputs after non-maximum suppression, in either common layout: one output {@code
 * [batch, detections, 6]} of x1, y1, x2, y2, score, class; or three outputs boxes {@code [batch,
 * detections, 4]}, scores and classes {@code [batch, detections]}. Evaluation (mlops-core) and the
 * agent's pre-annotation both read detections through this class, and map boxes back onto the
 * original image with {@link #originalBox}.
 */
public final class DetectionRows {
    private final double[] combined;
    private final double[] boxes;
    private final double[] scores;
    private final double[] classes;
    private final int perImage;

    /**
     * One output tensor of the model, as numbers.
     *
     * @param name the output's name
     * @param shape its shape
     * @param floating whether its element type is a floating-point type
     * @param values its elements as doubles, row-major
     * @param description its type and shape for messages, e.g. {@code float32 [1, 8, 6]}
     */
    public record Output(String name, long[] shape, boolean floating, double[] values, String description) {
        /** Checks the components. */
        public Output {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(values, "values");
        }

        private long size() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        // a record compares arrays by identity; these compare their contents
        @Override
        public boolean equals(Object other) {
            return other instanceof Output that
                    && name.equals(that.name)
                    && Arrays.equals(shape, that.shape)
                    && floating == that.floating
                    && Arrays.equals(values, that.values)
                    && Objects.equals(description, that.description);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, floating, description) * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + ": " + description;
        }
    }

    private DetectionRows(double[] combined, double[] boxes, double[] scores, double[] classes, int perImage) {
        this.combined = combined;
        this.boxes = boxes;
        this.scores = scores;
        this.classes = classes;
        this.perImage = perImage;
    }

    /**
     * Finds the detections among a model's outputs.
     *
     * @param model the model, for the message
     * @param outputs the outputs of one execution
     * @param batch the images in that execution
     * @return the detections
     * @throws UserError when no output has either layout
     */
    public static DetectionRows of(String model, List<Output> outputs, int batch) {
        for (Output output : outputs) {
            long[] s = output.shape();
            if (output.floating() && s[s.length - 1] == 6 && (s.length == 3 || (s.length == 2 && batch == 1))) {
                return new DetectionRows(output.values(), null, null, null, (int) s[s.length - 2]);
            }
        }
        Output found = null;
        for (Output output : outputs) {
            long[] s = output.shape();
            if (output.floating() && s[s.length - 1] == 4 && (s.length == 3 || (s.length == 2 && batch == 1))) {
                found = output;
                break;
            }
        }
        if (found != null) {
            int perImage = (int) found.shape()[found.shape().length - 2];
            Output scores = null;
            Output classes = null;
            for (Output output : outputs) {
                if (output != found && output.size() == (long) batch * perImage) {
                    if (scores == null && output.floating()) {
                        scores = output;
                    } else if (classes == null) {
                        classes = output;
                    }
                }
            }
            if (scores != null && classes != null) {
                return new DetectionRows(null, found.values(), scores.values(), classes.values(), perImage);
            }
        }
        throw new UserError(model + ": cannot read detections from outputs " + outputs
                + "; expected [batch, N, 6] (x1, y1, x2, y2, score, class) or boxes [batch, N, 4] + scores + classes"
                + " [batch, N], after non-maximum suppression");
    }

    /**
     * The detections each image has room for (rows with a negative class or a low score are padding).
     *
     * @return the rows per image
     */
    public int perImage() {
        return perImage;
    }

    /**
     * One detection as the model wrote it.
     *
     * @param image the image in the batch
     * @param d the detection
     * @return x1, y1, x2, y2 (or the box format's four values), score, class
     */
    public double[] row(int image, int d) {
        if (combined != null) {
            int at = (image * perImage + d) * 6;
            return Arrays.copyOfRange(combined, at, at + 6);
        }
        int at = image * perImage + d;
        return new double[] {
            boxes[at * 4], boxes[at * 4 + 1], boxes[at * 4 + 2], boxes[at * 4 + 3], scores[at], classes[at]
        };
    }

    /**
     * Maps a detection's box from model input coordinates back onto the original image.
     *
     * @param row a row from {@link #row}
     * @param g where the image was placed in the input
     * @param p the box format and whether boxes are normalized
     * @return x1, y1, x2, y2 in the original image's pixels
     */
    public static double[] originalBox(double[] row, Geometry g, Preprocessing p) {
        double a = row[0];
        double b = row[1];
        double c = row[2];
        double d = row[3];
        if (p.normalizedBoxes()) {
            a *= g.inputWidth();
            c *= g.inputWidth();
            b *= g.inputHeight();
            d *= g.inputHeight();
        }
        double[] xyxy = switch (p.boxFormat()) {
            case "xywh" -> new double[] {a, b, a + c, b + d};
            case "cxcywh" -> new double[] {a - c / 2, b - d / 2, a + c / 2, b + d / 2};
            default -> new double[] {a, b, c, d};
        };
        return new double[] {g.originalX(xyxy[0]), g.originalY(xyxy[1]), g.originalX(xyxy[2]), g.originalY(xyxy[3])};
    }
}
