package io.mlops.labels.format;

import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Finding;
import io.mlops.labels.ImageLabel;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.Polygon;
import io.mlops.labels.Severity;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;

/**
 * Reads a "CVAT for images 1.1" XML export, as defined at
 * https://docs.cvat.ai/docs/manual/advanced/xml_format/: {@code <meta>} declares the labels;
 * each {@code <image id name width height>} holds {@code <box xtl ytl xbr ybr>}, {@code <polygon
 * points="x,y;x,y;...">} and {@code <tag>} (an image-level label) elements, in pixels.
 *
 * <p>Shapes the model has no place for (polylines, points, ellipses, masks, cuboids, skeletons)
 * are reported and skipped, never dropped silently. A rotated box becomes the axis-aligned box
 * around it. {@code <track>} elements belong to "CVAT for video" and are refused with that advice.
 */
public final class CvatReader implements LabelReader {
    private static final Set<String> UNSUPPORTED_SHAPES =
            Set.of("polyline", "points", "ellipse", "mask", "cuboid", "skeleton");

    /** Creates a reader; it keeps no state between reads. */
    public CvatReader() {
        // each read keeps its state in objects of its own
    }

    @Override
    public void read(Path labels, Path images, LabelSink sink, ProgressListener progress) {
        if (BlankFile.test(labels)) {
            sink.finding(new Finding(
                    Severity.ERROR, "empty-label-file", Location.of(labels.toString()), "", "the CVAT file is empty"));
            return;
        }
        progress.begin("read " + labels, 1, sizeOf(labels));
        try (XmlInput xml = XmlInput.open(labels)) {
            if (xml.nextTag() != XMLStreamConstants.START_ELEMENT || !xml.name().equals("annotations")) {
                throw new UserError(xml.location() + ": a CVAT for images file has an <annotations> root element");
            }
            Reading reading = new Reading(xml, sink);
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.name()) {
                    case "version" -> reading.version(xml.text());
                    case "meta" -> reading.meta();
                    case "image" -> reading.image();
                    case "track" ->
                        throw new UserError(xml.location() + ": <track> elements belong to the"
                                + " \"CVAT for video 1.1\" format; export the task as \"CVAT for images 1.1\"");
                    default -> xml.skipElement();
                }
            }
            progress.advance(1, sizeOf(labels));
        } finally {
            progress.end();
        }
    }

    private static long sizeOf(Path labels) {
        try {
            return Files.size(labels);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The state of one read: the label numbering and the next annotation id. */
    private static final class Reading {
        private final XmlInput xml;
        private final LabelSink sink;
        private final CategoryNumbering categories;
        private long nextAnnotation = 1;
        private long nextImage = 1;

        Reading(XmlInput xml, LabelSink sink) {
            this.xml = xml;
            this.sink = sink;
            this.categories = new CategoryNumbering(sink);
        }

        void version(String version) {
            if (!version.equals("1.1")) {
                sink.finding(new Finding(
                        Severity.WARNING,
                        "unsupported-version",
                        xml.location(),
                        "",
                        "this reader follows CVAT for images 1.1; the file says version " + version));
            }
        }

        /** Collects {@code label/name} under task, project or job: nested {@code name}s belong to attributes. */
        void meta() {
            ArrayDeque<String> path = new ArrayDeque<>();
            path.push("meta");
            while (!path.isEmpty()) {
                int event = xml.nextTag();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (xml.name().equals("name") && "label".equals(path.peek())) {
                        Location where = xml.location();
                        categories.idOf(xml.text(), where);
                    } else {
                        path.push(xml.name());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.pop();
                } else {
                    return;
                }
            }
        }

        void image() {
            Location where = xml.location();
            long id = integer(xml.attribute("id"), nextImage);
            nextImage = Math.max(nextImage, id + 1);
            String name = xml.attribute("name");
            int width = dimension("width", where, id);
            int height = dimension("height", where, id);
            if (name == null || name.isEmpty()) {
                invalid(where, "image " + id, "has no 'name' attribute; it is skipped");
                xml.skipElement();
                return;
            }
            sink.image(new LabeledImage(id, name, width, height), where);
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                Location at = xml.location();
                String shape = xml.name();
                switch (shape) {
                    case "box" -> box(id, at);
                    case "polygon" -> polygon(id, at);
                    case "tag" -> tag(id, at);
                    default -> {
                        if (UNSUPPORTED_SHAPES.contains(shape)) {
                            sink.finding(new Finding(
                                    Severity.WARNING,
                                    "unsupported-shape",
                                    at,
                                    "image " + id,
                                    "<" + shape + "> shapes have no place in the annotation model (boxes, polygons,"
                                            + " image labels); it is skipped"));
                        }
                    }
                }
                xml.skipElement();
            }
        }

        private void box(long imageId, Location where) {
            int category = category(xml.attribute("label"), where);
            double[] corners = numbers(where, "xtl", "ytl", "xbr", "ybr");
            if (category < 0 || corners == null) {
                return;
            }
            Box box = Box.ofCorners(corners[0], corners[1], corners[2], corners[3]);
            String rotation = xml.attribute("rotation");
            if (rotation != null && parse(rotation) != 0) {
                // CVAT rotates boxes about their centre, clockwise in image coordinates
                double degrees = parse(rotation);
                box = box.rotatedAbout(degrees, box.x() + box.width() / 2, box.y() + box.height() / 2);
                sink.finding(new Finding(
                        Severity.INFO,
                        "rotated-box",
                        where,
                        "image " + imageId,
                        "a box rotated by " + rotation + " degrees is kept as the axis-aligned box around it"));
            }
            sink.annotation(Annotation.box(nextAnnotation++, imageId, category, box), where);
        }

        private void polygon(long imageId, Location where) {
            int category = category(xml.attribute("label"), where);
            String points = xml.attribute("points");
            if (category < 0) {
                return;
            }
            double[] xy = points == null ? null : points(points);
            if (xy == null) {
                invalid(
                        where,
                        "image " + imageId,
                        "a polygon's points must be 'x,y;x,y;...' with at least three" + " points, found '" + points
                                + "'; it is skipped");
                return;
            }
            sink.annotation(Annotation.outline(nextAnnotation++, imageId, category, new Polygon(xy)), where);
        }

        private void tag(long imageId, Location where) {
            int category = category(xml.attribute("label"), where);
            if (category >= 0) {
                sink.imageLabel(new ImageLabel(imageId, category), where);
            }
        }

        private int category(String label, Location where) {
            if (label == null || label.isEmpty()) {
                invalid(where, "", "the shape has no 'label' attribute; it is skipped");
                return -1;
            }
            if (!categories.known(label)) {
                sink.finding(new Finding(
                        Severity.ERROR,
                        "unknown-category",
                        where,
                        "",
                        "label '" + label + "' is not declared in <meta>; it is read as a new category"));
            }
            return categories.idOf(label, where);
        }

        private double[] numbers(Location where, String... attributes) {
            double[] values = new double[attributes.length];
            for (int i = 0; i < attributes.length; i++) {
                String text = xml.attribute(attributes[i]);
                double value = text == null ? Double.NaN : parse(text);
                if (!Double.isFinite(value)) {
                    invalid(
                            where,
                            "",
                            "attribute '" + attributes[i] + "' must be a number, found "
                                    + (text == null ? "none" : "'" + text + "'") + "; the shape is skipped");
                    return null;
                }
                values[i] = value;
            }
            return values;
        }

        private static double[] points(String text) {
            String[] pairs = text.strip().split(";");
            if (pairs.length < 3) {
                return null;
            }
            double[] xy = new double[pairs.length * 2];
            for (int i = 0; i < pairs.length; i++) {
                String[] pair = pairs[i].split(",");
                if (pair.length != 2) {
                    return null;
                }
                xy[2 * i] = parse(pair[0]);
                xy[2 * i + 1] = parse(pair[1]);
                if (!Double.isFinite(xy[2 * i]) || !Double.isFinite(xy[2 * i + 1])) {
                    return null;
                }
            }
            return xy;
        }

        private static double parse(String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        private static long integer(String text, long fallback) {
            if (text == null) {
                return fallback;
            }
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        private int dimension(String attribute, Location where, long imageId) {
            String text = xml.attribute(attribute);
            long value = integer(text, -1);
            if (value < 1 || value > Integer.MAX_VALUE) {
                sink.finding(new Finding(
                        Severity.WARNING,
                        "invalid-value",
                        where,
                        "image " + imageId,
                        "'" + attribute + "' must be a positive integer, found "
                                + (text == null ? "none" : "'" + text + "'") + "; the image's size is unknown"));
                return 0;
            }
            return (int) value;
        }

        private void invalid(Location where, String subject, String message) {
            sink.finding(new Finding(Severity.ERROR, "invalid-value", where, subject, message));
        }
    }
}
