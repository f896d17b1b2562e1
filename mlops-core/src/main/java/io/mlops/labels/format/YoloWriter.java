package io.mlops.labels.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.data.ContainedPath;
import io.mlops.error.UserError;
import io.mlops.json.Yaml;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.LabelSet;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Polygon;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a YOLO dataset in the Ultralytics layout: {@code labels/<image path>.txt} with one
 * {@code class cx cy w h} line per object (or an outline per object with segments), and {@code
 * data.yaml} with the class names.
 *
 * <p>Class indexes are the categories in id order, 0, 1, 2... Images are not copied: the label
 * paths mirror the images' relative paths, so placing (or linking) the images under {@code
 * images/} makes the directory a dataset Ultralytics trains on. Images without objects get no
 * label file, which Ultralytics reads as background images.
 */
final class YoloWriter implements LabelWriter {
    private final boolean segments;

    YoloWriter(boolean segments) {
        this.segments = segments;
    }

    @Override
    public WriteResult write(LabelSet labels, Path output) {
        ImageSizes.requireAll(labels, "YOLO");
        List<Category> categories = new ArrayList<>(labels.categories());
        categories.sort(Comparator.comparingInt(Category::id));
        Map<Integer, Integer> classIndex = new HashMap<>();
        for (Category category : categories) {
            if (classIndex.putIfAbsent(category.id(), classIndex.size()) != null) {
                throw new UserError(
                        "category id " + category.id() + " is defined twice; YOLO needs one name per" + " class");
            }
        }
        Map<Long, List<Annotation>> byImage = labels.annotationsByImage();
        long[] written = {0, 0};
        AtomicOutput.create(output, temporary -> {
            Path labelsDir = temporary.resolve("labels");
            Files.createDirectories(labelsDir);
            Set<Path> files = new HashSet<>();
            for (LabeledImage image : labels.images()) {
                List<Annotation> annotations = byImage.getOrDefault(image.id(), List.of());
                if (annotations.isEmpty()) {
                    continue;
                }
                Path file = ContainedPath.check(
                        labelsDir, YoloReader.stem(image.fileName()) + ".txt", "image " + image.id());
                if (!files.add(file)) {
                    throw new UserError("two images map to the label file " + labelsDir.relativize(file)
                            + " (same path without extension); YOLO cannot tell them apart");
                }
                Files.createDirectories(file.getParent());
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (Annotation annotation : annotations) {
                        Integer index = classIndex.get(annotation.categoryId());
                        if (index == null) {
                            throw new UserError("annotation " + annotation.id() + " has category id "
                                    + annotation.categoryId() + ", which no category defines");
                        }
                        out.write(line(index, annotation, image));
                        out.write('\n');
                        written[1]++;
                    }
                }
                written[0]++;
            }
            writeDataYaml(temporary.resolve("data.yaml"), categories);
        });
        List<String> dropped = new ArrayList<>();
        if (!labels.imageLabels().isEmpty()) {
            dropped.add(labels.imageLabels().size()
                    + " image-level labels (YOLO detection and segmentation hold objects only)");
        }
        long outlines = labels.annotations().stream()
                .filter(annotation -> !annotation.polygons().isEmpty())
                .count();
        if (!segments && outlines > 0) {
            dropped.add(outlines + " outlines, written as their boxes (use segments to keep them)");
        }
        long multiPart = labels.annotations().stream()
                .filter(annotation -> annotation.polygons().size() > 1)
                .count();
        if (segments && multiPart > 0) {
            dropped.add(multiPart + " objects with several polygons, written as their largest one (a YOLO line"
                    + " holds one outline)");
        }
        return new WriteResult(output.toString(), labels.images().size(), written[1], dropped);
    }

    private String line(int index, Annotation annotation, LabeledImage image) {
        double width = image.width();
        double height = image.height();
        StringBuilder line = new StringBuilder().append(index);
        if (segments) {
            Polygon outline = annotation.polygons().stream()
                    .max(Comparator.comparingDouble(Polygon::area))
                    .orElseGet(() -> rectangle(annotation.box()));
            for (int v = 0; v < outline.vertices(); v++) {
                line.append(' ').append(fraction(outline.x(v) / width));
                line.append(' ').append(fraction(outline.y(v) / height));
            }
            return line.toString();
        }
        Box box = annotation.box();
        return line.append(' ')
                .append(fraction((box.x() + box.width() / 2) / width))
                .append(' ')
                .append(fraction((box.y() + box.height() / 2) / height))
                .append(' ')
                .append(fraction(box.width() / width))
                .append(' ')
                .append(fraction(box.height() / height))
                .toString();
    }

    private static Polygon rectangle(Box box) {
        return new Polygon(
                new double[] {box.x(), box.y(), box.right(), box.y(), box.right(), box.bottom(), box.x(), box.bottom()
                });
    }

    /** Six decimals, as Ultralytics' and CVAT's exporters write: a thousandth of a pixel on a 1000 px image. */
    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static void writeDataYaml(Path file, List<Category> categories) throws IOException {
        // the suite's YAML writes without a document marker and quotes only where needed, as Ultralytics does
        ObjectMapper yaml = Yaml.mapper();
        ObjectNode root = yaml.createObjectNode();
        // no 'path': Ultralytics then resolves train/val against this file's directory
        root.put("train", "images");
        root.put("val", "images");
        root.put("nc", categories.size());
        ArrayNode names = root.putArray("names");
        categories.forEach(category -> names.add(category.name()));
        String header = "# YOLO dataset written by mlops data labels convert (Ultralytics layout).\n"
                + "# Images are not copied: place them under images/ with the same relative paths as labels/.\n";
        Files.writeString(file, header + yaml.writeValueAsString(root), StandardCharsets.UTF_8);
    }
}
