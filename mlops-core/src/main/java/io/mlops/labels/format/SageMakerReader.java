package io.mlops.labels.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.Finding;
import io.mlops.labels.ImageLabel;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.Severity;
import io.mlops.progress.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a SageMaker Ground Truth output manifest: JSON Lines, one image per line with its {@code
 * source-ref} and, for each labeling job, a label attribute plus {@code <attribute>-metadata}
 * whose {@code type} says the task. Formats as defined at
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sms-data-output.html:
 *
 * <ul>
 *   <li>{@code groundtruth/object-detection}: {@code annotations} of {@code class_id, left, top,
 *       width, height} in pixels, {@code image_size}, and the metadata's {@code class-map};
 *   <li>{@code groundtruth/image-classification}: the class id, with {@code class-name};
 *   <li>{@code groundtruth/image-classification-multilabel}: a list of class ids and a {@code
 *       class-map}.
 * </ul>
 *
 * <p>Images are S3 objects, looked up by file name in the images directory. A line that is not
 * valid JSON is reported with its line and column and the rest of the manifest is still read.
 */
public final class SageMakerReader implements LabelReader {
    private static final String METADATA = "-metadata";

    /** Creates a reader; it keeps no state between reads. */
    public SageMakerReader() {
        // each read keeps its state in objects of its own
    }

    @Override
    public void read(Path labels, Path images, LabelSink sink, ProgressListener progress) {
        String file = labels.toString();
        if (BlankFile.test(labels)) {
            sink.finding(new Finding(
                    Severity.ERROR, "empty-label-file", Location.of(file), "", "the output manifest is empty"));
            return;
        }
        Lines lines = new Lines(file, sink);
        progress.begin("read " + file, 1, FileSize.orUnknown(labels));
        try (BufferedReader reader = Files.newBufferedReader(labels, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    lines.line(line, number);
                }
                // characters, not bytes, for non-ASCII lines: close enough for a progress bar
                progress.advance(0, line.length() + 1L);
            }
            progress.advance(1, 0);
            lines.reportSkippedTypes();
        } catch (NoSuchFileException e) {
            throw new UserError("no such label file: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read label file " + file + ": " + e.getMessage(), e);
        } finally {
            progress.end();
        }
    }

    /** The state across lines: class names seen and the next ids. */
    private static final class Lines {
        private final String file;
        private final LabelSink sink;
        private final Map<Integer, String> classNames = new HashMap<>();
        private final Map<String, Long> skippedTypes = new TreeMap<>();
        private long nextImage = 1;
        private long nextAnnotation = 1;

        Lines(String file, LabelSink sink) {
            this.file = file;
            this.sink = sink;
        }

        void line(String text, long number) {
            Location where = Location.line(file, number);
            JsonNode row;
            try {
                row = JsonInput.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                long column = e.getLocation() == null
                        ? 0
                        : Math.max(0, e.getLocation().getColumnNr());
                sink.finding(new Finding(
                        Severity.ERROR,
                        "malformed-json",
                        new Location(file, number, column),
                        "",
                        "malformed JSON: " + JsonInput.reason(e) + "; the line is skipped"));
                return;
            }
            if (!row.isObject() || !row.path("source-ref").isTextual()) {
                invalid(where, "", "each line is an object with a 'source-ref' naming its image; the line is skipped");
                return;
            }
            long imageId = nextImage++;
            String subject = "image '" + row.path("source-ref").asText() + "'";
            int width = 0;
            int height = 0;
            for (Map.Entry<String, JsonNode> field : row.properties()) {
                JsonNode metadata = row.path(field.getKey() + METADATA);
                if (metadata.path("type").asText("").equals("groundtruth/object-detection")) {
                    JsonNode size = field.getValue().path("image_size").path(0);
                    width = Math.max(0, size.path("width").asInt(0));
                    height = Math.max(0, size.path("height").asInt(0));
                    break;
                }
            }
            sink.image(
                    new LabeledImage(
                            imageId,
                            ImageReference.fileName(row.path("source-ref").asText()),
                            width,
                            height),
                    where);
            for (Map.Entry<String, JsonNode> field : row.properties()) {
                String attribute = field.getKey();
                if (attribute.endsWith(METADATA)
                        || !row.path(attribute + METADATA).isObject()) {
                    continue;
                }
                JsonNode metadata = row.path(attribute + METADATA);
                String type = metadata.path("type").asText("");
                switch (type) {
                    case "groundtruth/object-detection" -> objects(field.getValue(), metadata, imageId, where, subject);
                    case "groundtruth/image-classification" -> {
                        int classId = classId(field.getValue(), where, subject);
                        if (classId >= 0) {
                            name(classId, metadata.path("class-name"), where);
                            sink.imageLabel(new ImageLabel(imageId, classId), where);
                        }
                    }
                    case "groundtruth/image-classification-multilabel" -> {
                        for (JsonNode value : field.getValue()) {
                            int classId = classId(value, where, subject);
                            if (classId >= 0) {
                                name(classId, metadata.path("class-map").path(String.valueOf(classId)), where);
                                sink.imageLabel(new ImageLabel(imageId, classId), where);
                            }
                        }
                    }
                    default -> skippedTypes.merge(type.isEmpty() ? "(none)" : type, 1L, Long::sum);
                }
            }
        }

        private void objects(JsonNode value, JsonNode metadata, long imageId, Location where, String subject) {
            JsonNode classMap = metadata.path("class-map");
            for (JsonNode object : value.path("annotations")) {
                int classId = classId(object.path("class_id"), where, subject);
                double left = object.path("left").asDouble(Double.NaN);
                double top = object.path("top").asDouble(Double.NaN);
                double width = object.path("width").asDouble(Double.NaN);
                double height = object.path("height").asDouble(Double.NaN);
                if (classId < 0) {
                    continue;
                }
                if (!(Double.isFinite(left)
                        && Double.isFinite(top)
                        && Double.isFinite(width)
                        && Double.isFinite(height))) {
                    invalid(where, subject, "a box needs numeric left, top, width and height; it is skipped");
                    continue;
                }
                name(classId, classMap.path(String.valueOf(classId)), where);
                sink.annotation(
                        Annotation.box(nextAnnotation++, imageId, classId, new Box(left, top, width, height)), where);
            }
        }

        /** Declares a class the first time its name is seen; a different name for the same id is reported. */
        private void name(int classId, JsonNode name, Location where) {
            if (!name.isTextual()) {
                return;
            }
            String known = classNames.putIfAbsent(classId, name.asText());
            if (known == null) {
                sink.category(Category.of(classId, name.asText()), where);
            } else if (!known.equals(name.asText())) {
                sink.finding(new Finding(
                        Severity.WARNING,
                        "category-name-conflict",
                        where,
                        "class " + classId,
                        "is named '" + name.asText() + "' here but '" + known + "' earlier; the first name is kept"));
            }
        }

        private int classId(JsonNode value, Location where, String subject) {
            if (value.canConvertToInt() && value.canConvertToExactIntegral() && value.asInt() >= 0) {
                return value.asInt();
            }
            invalid(where, subject, "class id must be a non-negative integer, found '" + value + "'; skipped");
            return -1;
        }

        void reportSkippedTypes() {
            skippedTypes.forEach((type, count) -> sink.finding(new Finding(
                    Severity.WARNING,
                    "unsupported-shape",
                    Location.of(file),
                    "",
                    count + " label attributes of type '" + type + "' are skipped: bounding-box and classification"
                            + " jobs are read")));
        }

        private void invalid(Location where, String subject, String message) {
            sink.finding(new Finding(Severity.ERROR, "invalid-value", where, subject, message));
        }
    }
}
