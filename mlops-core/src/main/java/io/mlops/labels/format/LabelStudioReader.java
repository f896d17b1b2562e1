package io.mlops.labels.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Label Studio's JSON export: an array of tasks, each with {@code data} (the image URL)
 * and {@code annotations}, whose {@code result} regions are {@code rectanglelabels}, {@code
 * polygonlabels} and {@code choices}, as defined at https://labelstud.io/guide/export#Label-Studio-JSON-format-of-annotated-tasks
 * and https://labelstud.io/tags/rectanglelabels.
 *
 * <p>Label Studio stores positions in percent of the image size ({@code x, y, width, height} from
 * 0 to 100) with the pixel size beside them as {@code original_width} and {@code
 * original_height}; they are converted to pixels here. Rectangles rotate about their top-left
 * corner; a rotated one becomes the axis-aligned box around it. When a task has several
 * annotations (several annotators), the one marked ground truth is used, else the latest, and
 * that choice is reported. Tasks are streamed one at a time.
 *
 * <p>The JSON-MIN export is read too: a task with no {@code data} names its image at the top level
 * ({@code "image": "/data/upload/1/cat.jpg"}) and lists its rectangles and polygons under the name
 * of their control tag, each with its {@code original_width} and {@code original_height}.
 */
public final class LabelStudioReader implements LabelReader {
    /** Creates a reader; it keeps no state between reads. */
    public LabelStudioReader() {
        // each read keeps its state in objects of its own
    }

    @Override
    public void read(Path labels, Path images, LabelSink sink, ProgressListener progress) {
        String file = labels.toString();
        if (BlankFile.test(labels)) {
            sink.finding(new Finding(
                    Severity.ERROR, "empty-label-file", Location.of(file), "", "the Label Studio export is empty"));
            return;
        }
        Tasks tasks = new Tasks(file, sink);
        progress.begin("read " + file, 1, FileSize.orUnknown(labels));
        long reported = 0;
        try (JsonParser parser = JsonInput.open(labels)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new UserError(JsonInput.at(file, parser)
                        + ": a Label Studio JSON export is an array of tasks; choose the \"JSON\" export format");
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                Location where = JsonInput.at(file, parser);
                if (token != JsonToken.START_OBJECT) {
                    sink.finding(new Finding(
                            Severity.ERROR, "invalid-value", where, "", "each task must be an object; skipped"));
                    parser.skipChildren();
                    continue;
                }
                tasks.task(JsonInput.ELEMENT.readTree(parser), where);
                long offset = parser.currentLocation().getByteOffset();
                progress.advance(0, Math.max(0, offset - reported));
                reported = Math.max(reported, offset);
            }
            progress.advance(1, 0);
            tasks.reportSkippedTypes();
        } catch (JsonProcessingException e) {
            throw JsonInput.malformed(file, e);
        } catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        } finally {
            progress.end();
        }
    }

    /** Turns task trees into model events. */
    private static final class Tasks {
        private final String file;
        private final LabelSink sink;
        private final CategoryNumbering categories;
        private final Map<String, Long> skippedTypes = new TreeMap<>();
        private long nextAnnotation = 1;

        Tasks(String file, LabelSink sink) {
            this.file = file;
            this.sink = sink;
            this.categories = new CategoryNumbering(sink);
        }

        void task(JsonNode task, Location where) {
            JsonNode idNode = task.get("id");
            if (idNode == null || !idNode.canConvertToExactIntegral()) {
                invalid(where, "task", "has no integer 'id'; it is skipped");
                return;
            }
            long id = idNode.asLong();
            String subject = "task " + id;
            boolean minimal = !task.has("data");
            String reference =
                    ImageReference.in(minimal ? task : task.path("data")).orElse(null);
            if (reference == null) {
                invalid(
                        where,
                        subject,
                        minimal
                                ? "names no image (expected 'data' with an 'image' URL, or in the JSON-MIN export an"
                                        + " 'image' URL beside 'id'); it is skipped"
                                : "names no image in 'data' (expected an 'image' URL); it is skipped");
                return;
            }
            List<JsonNode> results = new ArrayList<>();
            if (minimal) {
                results.addAll(minimalResults(task));
            } else {
                JsonNode annotation = chosenAnnotation(task.path("annotations"), where, subject);
                if (annotation != null) {
                    annotation.path("result").forEach(results::add);
                }
            }
            int width = 0;
            int height = 0;
            for (JsonNode result : results) {
                if (result.path("original_width").canConvertToInt()
                        && result.path("original_height").canConvertToInt()) {
                    width = result.path("original_width").asInt();
                    height = result.path("original_height").asInt();
                    break;
                }
            }
            sink.image(
                    new LabeledImage(id, ImageReference.fileName(reference), Math.max(0, width), Math.max(0, height)),
                    where);
            for (JsonNode result : results) {
                result(result, id, width, height, where, subject);
            }
        }

        private void result(JsonNode result, long imageId, int width, int height, Location where, String task) {
            String type = result.path("type").asText("");
            JsonNode value = result.path("value");
            String subject = task + " result " + result.path("id").asText("?");
            switch (type) {
                case "rectanglelabels" -> {
                    if (!sized(width, height, where, subject)) {
                        return;
                    }
                    double x = value.path("x").asDouble(Double.NaN) * width / 100;
                    double y = value.path("y").asDouble(Double.NaN) * height / 100;
                    double w = value.path("width").asDouble(Double.NaN) * width / 100;
                    double h = value.path("height").asDouble(Double.NaN) * height / 100;
                    if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h))) {
                        invalid(where, subject, "a rectangle needs numeric x, y, width and height; it is skipped");
                        return;
                    }
                    Box box = new Box(x, y, w, h);
                    double rotation = value.path("rotation").asDouble(0);
                    if (rotation != 0) {
                        box = box.rotatedAbout(rotation, x, y);
                        sink.finding(new Finding(
                                Severity.INFO,
                                "rotated-box",
                                where,
                                subject,
                                "a rectangle rotated by " + rotation
                                        + " degrees is kept as the axis-aligned box around it"));
                    }
                    for (int category : labels(value, "rectanglelabels", where, subject)) {
                        sink.annotation(Annotation.box(nextAnnotation++, imageId, category, box), where);
                    }
                }
                case "polygonlabels" -> {
                    if (!sized(width, height, where, subject)) {
                        return;
                    }
                    double[] xy = points(value.path("points"), width, height);
                    if (xy == null) {
                        invalid(where, subject, "a polygon needs at least three [x, y] points; it is skipped");
                        return;
                    }
                    Polygon polygon = new Polygon(xy);
                    for (int category : labels(value, "polygonlabels", where, subject)) {
                        sink.annotation(Annotation.outline(nextAnnotation++, imageId, category, polygon), where);
                    }
                }
                case "choices" -> {
                    for (int category : labels(value, "choices", where, subject)) {
                        sink.imageLabel(new ImageLabel(imageId, category), where);
                    }
                }
                default -> skippedTypes.merge(type.isEmpty() ? "(none)" : type, 1L, Long::sum);
            }
        }

        /**
         * The regions of a JSON-MIN task as results of the full export. JSON-MIN puts the image at
         * the top level and, under each control tag's name (e.g. {@code label}), the regions'
         * values with their {@code original_width} and {@code original_height} beside them.
         */
        private static List<JsonNode> minimalResults(JsonNode task) {
            List<JsonNode> results = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : task.properties()) {
                if (!field.getValue().isArray()) {
                    continue;
                }
                int index = 0;
                for (JsonNode region : field.getValue()) {
                    index++;
                    String type = region.has("rectanglelabels")
                            ? "rectanglelabels"
                            : region.has("polygonlabels") ? "polygonlabels" : null;
                    if (type == null) {
                        continue;
                    }
                    ObjectNode result = JsonNodeFactory.instance.objectNode();
                    result.put("id", field.getKey() + "[" + index + "]");
                    result.put("type", type);
                    result.set("original_width", region.path("original_width"));
                    result.set("original_height", region.path("original_height"));
                    result.set("value", region);
                    results.add(result);
                }
            }
            return results;
        }

        void reportSkippedTypes() {
            skippedTypes.forEach((type, count) -> sink.finding(new Finding(
                    Severity.WARNING,
                    "unsupported-shape",
                    Location.of(file),
                    "",
                    count + " results of type '" + type + "' are skipped: the annotation model holds"
                            + " rectanglelabels, polygonlabels and choices")));
        }

        /** The ground-truth annotation, else the latest that was not cancelled. */
        private JsonNode chosenAnnotation(JsonNode annotations, Location where, String subject) {
            List<JsonNode> usable = new ArrayList<>();
            for (JsonNode annotation : annotations) {
                if (!annotation.path("was_cancelled").asBoolean(false)) {
                    usable.add(annotation);
                }
            }
            if (usable.isEmpty()) {
                return null;
            }
            JsonNode chosen = usable.stream()
                    .filter(annotation -> annotation.path("ground_truth").asBoolean(false))
                    .findFirst()
                    .orElse(usable.getLast());
            if (usable.size() > 1) {
                sink.finding(new Finding(
                        Severity.INFO,
                        "multiple-annotations",
                        where,
                        subject,
                        "has " + usable.size() + " annotations; annotation "
                                + chosen.path("id").asText("?")
                                + " is used ("
                                + (chosen.path("ground_truth").asBoolean(false) ? "the ground truth" : "the latest")
                                + ")"));
            }
            return chosen;
        }

        private List<Integer> labels(JsonNode value, String field, Location where, String subject) {
            JsonNode names = value.path(field);
            List<Integer> ids = new ArrayList<>();
            for (JsonNode name : names) {
                if (name.isTextual()) {
                    ids.add(categories.idOf(name.asText(), where));
                }
            }
            if (ids.isEmpty()) {
                invalid(where, subject, "'" + field + "' names no label; the region is skipped");
            }
            return ids;
        }

        private boolean sized(int width, int height, Location where, String subject) {
            if (width > 0 && height > 0) {
                return true;
            }
            sink.finding(new Finding(
                    Severity.ERROR,
                    "size-unknown",
                    where,
                    subject,
                    "Label Studio positions are percentages and the result has no original_width and"
                            + " original_height to turn them into pixels; it is skipped"));
            return false;
        }

        private static double[] points(JsonNode points, int width, int height) {
            if (!points.isArray() || points.size() < 3) {
                return null;
            }
            double[] xy = new double[points.size() * 2];
            for (int i = 0; i < points.size(); i++) {
                JsonNode point = points.get(i);
                double x = point.path(0).asDouble(Double.NaN);
                double y = point.path(1).asDouble(Double.NaN);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    return null;
                }
                xy[2 * i] = x * width / 100;
                xy[2 * i + 1] = y * height / 100;
            }
            return xy;
        }

        private void invalid(Location where, String subject, String message) {
            sink.finding(new Finding(Severity.ERROR, "invalid-value", where, subject, message));
        }
    }
}
