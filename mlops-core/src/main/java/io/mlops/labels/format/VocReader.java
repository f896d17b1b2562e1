package io.mlops.labels.format;

import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Finding;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.Severity;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;

/**
 * Reads Pascal VOC annotation files: one XML file per image with {@code filename}, {@code size}
 * and an {@code object} per box (name, bndbox), as defined by the VOC development kit
 * (http://host.robots.ox.ac.uk/pascal/VOC/voc2012/devkit_doc.pdf, section "Annotation").
 *
 * <p>The devkit numbers pixels from 1 and its boxes include both corner pixels, so {@code
 * xmin=1, xmax=W} spans the whole image; the model's boxes are continuous 0-based coordinates as
 * COCO's, hence x = xmin - 1 and width = xmax - xmin + 1 (Detectron2 converts the same way).
 * Input is one XML file or a directory of them ({@code Annotations/} of a VOC tree); images are
 * looked up in {@code JPEGImages/} beside it when that exists.
 */
public final class VocReader implements LabelReader {
    /** Creates a reader; it keeps no state between reads. */
    public VocReader() {
        // each read keeps its state in objects of its own
    }

    @Override
    public Path defaultImages(Path labels) {
        Path root = labels.toAbsolutePath().normalize();
        Path dir = Files.isDirectory(root) ? root : root.getParent();
        if (dir.getFileName() != null && dir.getFileName().toString().equals("Annotations")) {
            dir = dir.getParent();
        }
        Path jpegImages = dir.resolve("JPEGImages");
        return Files.isDirectory(jpegImages) ? jpegImages : dir;
    }

    @Override
    public void read(Path labels, Path images, LabelSink sink, ProgressListener progress) {
        List<Path> files = xmlFiles(labels);
        CategoryNumbering categories = new CategoryNumbering(sink);
        progress.begin("read " + labels, files.size(), -1);
        long[] nextAnnotation = {1};
        try {
            for (int i = 0; i < files.size(); i++) {
                readFile(files.get(i), i + 1L, categories, sink, nextAnnotation);
                progress.advance(1, 0);
            }
        } finally {
            progress.end();
        }
    }

    private static List<Path> xmlFiles(Path labels) {
        if (Files.isRegularFile(labels)) {
            return List.of(labels);
        }
        if (!Files.isDirectory(labels)) {
            throw new UserError("no such Pascal VOC file or directory: " + labels);
        }
        Path dir = Files.isDirectory(labels.resolve("Annotations")) ? labels.resolve("Annotations") : labels;
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(file -> file.getFileName().toString().endsWith(".xml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void readFile(
            Path file, long imageId, CategoryNumbering categories, LabelSink sink, long[] nextAnnotation) {
        if (BlankFile.test(file)) {
            sink.finding(new Finding(
                    Severity.ERROR, "empty-label-file", Location.of(file.toString()), "", "the VOC file is empty"));
            return;
        }
        try (XmlInput xml = XmlInput.open(file)) {
            if (xml.nextTag() != XMLStreamConstants.START_ELEMENT || !xml.name().equals("annotation")) {
                throw new UserError(xml.location() + ": a Pascal VOC file has an <annotation> root element");
            }
            Location imageWhere = xml.location();
            String fileName = null;
            int width = 0;
            int height = 0;
            List<PendingObject> objects = new ArrayList<>();
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.name()) {
                    case "filename" -> fileName = xml.text();
                    case "size" -> {
                        int[] size = size(xml, sink);
                        width = size[0];
                        height = size[1];
                    }
                    case "object" -> {
                        PendingObject object = object(xml, sink);
                        if (object != null) {
                            objects.add(object);
                        }
                    }
                    default -> xml.skipElement();
                }
            }
            if (fileName == null || fileName.isEmpty()) {
                sink.finding(new Finding(
                        Severity.ERROR, "invalid-value", imageWhere, "", "the file has no <filename>; it is skipped"));
                return;
            }
            sink.image(new LabeledImage(imageId, fileName, width, height), imageWhere);
            for (PendingObject object : objects) {
                int category = categories.idOf(object.name(), object.where());
                Box box = clamped(object, width, height, file, sink);
                sink.annotation(Annotation.box(nextAnnotation[0]++, imageId, category, box), object.where());
            }
        }
    }

    /**
     * The object's box cut to the image (to its top-left corner when the size is unknown). Label
     * Studio's VOC export writes corners at -1 for boxes drawn to the image's edge; such a box is
     * kept, cut to the image, with a warning naming the file and the box.
     */
    private static Box clamped(PendingObject object, int width, int height, Path file, LabelSink sink) {
        Box box = object.box();
        double right = width > 0 ? Math.min(box.right(), width) : box.right();
        double bottom = height > 0 ? Math.min(box.bottom(), height) : box.bottom();
        double left = Math.max(0, box.x());
        double top = Math.max(0, box.y());
        if (left == box.x() && top == box.y() && right == box.right() && bottom == box.bottom()) {
            return box;
        }
        if (right <= left || bottom <= top) {
            // wholly outside the image: nothing to cut it to, the checks report it as it is
            return box;
        }
        Box cut = Box.ofCorners(left, top, right, bottom);
        sink.finding(new Finding(
                Severity.WARNING,
                "box-clamped",
                object.where(),
                "object '" + object.name() + "'",
                file.getFileName() + ": box [x " + box.x() + ", y " + box.y() + ", width " + box.width()
                        + ", height " + box.height() + "] reaches outside the image"
                        + (width > 0 && height > 0 ? " (" + width + "x" + height + ")" : "")
                        + "; it is cut to [x " + cut.x() + ", y " + cut.y() + ", width " + cut.width()
                        + ", height " + cut.height() + "]"));
        return cut;
    }

    private static int[] size(XmlInput xml, LabelSink sink) {
        int[] size = {0, 0};
        Location where = xml.location();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (xml.name()) {
                case "width" -> size[0] = positive(xml.text(), where, "width", sink);
                case "height" -> size[1] = positive(xml.text(), where, "height", sink);
                default -> xml.skipElement();
            }
        }
        return size;
    }

    private static PendingObject object(XmlInput xml, LabelSink sink) {
        Location where = xml.location();
        String name = null;
        double[] corners = null;
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (xml.name()) {
                case "name" -> name = xml.text();
                case "bndbox" -> corners = corners(xml, where, sink);
                default -> xml.skipElement();
            }
        }
        if (name == null || corners == null) {
            sink.finding(new Finding(
                    Severity.ERROR,
                    "invalid-value",
                    where,
                    "object",
                    "needs a <name> and a <bndbox> with xmin, ymin, xmax, ymax; it is skipped"));
            return null;
        }
        Box box = new Box(corners[0] - 1, corners[1] - 1, corners[2] - corners[0] + 1, corners[3] - corners[1] + 1);
        return new PendingObject(name, box, where);
    }

    private static double[] corners(XmlInput xml, Location where, LabelSink sink) {
        double[] corners = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            int slot = switch (xml.name()) {
                case "xmin" -> 0;
                case "ymin" -> 1;
                case "xmax" -> 2;
                case "ymax" -> 3;
                default -> -1;
            };
            if (slot < 0) {
                xml.skipElement();
                continue;
            }
            String text = xml.text();
            try {
                corners[slot] = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                sink.finding(new Finding(
                        Severity.ERROR,
                        "invalid-value",
                        where,
                        "object",
                        "bndbox value '" + text + "' is not a number"));
            }
        }
        for (double corner : corners) {
            if (!Double.isFinite(corner)) {
                return null;
            }
        }
        return corners;
    }

    private static int positive(String text, Location where, String field, LabelSink sink) {
        try {
            double value = Double.parseDouble(text);
            if (value >= 1 && value == Math.rint(value) && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other value that is not a positive integer
        }
        sink.finding(new Finding(
                Severity.WARNING,
                "invalid-value",
                where,
                "",
                "<" + field + "> '" + text + "' is not a positive integer; the image's size is unknown"));
        return 0;
    }

    /** An object read before its image's filename, which VOC may list after the objects. */
    private record PendingObject(String name, Box box, Location where) {}
}
