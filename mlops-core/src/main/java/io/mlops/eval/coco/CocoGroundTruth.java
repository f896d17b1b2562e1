package io.mlops.eval.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.labels.Annotation;
import io.mlops.labels.Category;
import io.mlops.labels.Finding;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.Severity;
import io.mlops.labels.format.LabelFormat;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A COCO detection set's ground truth: images, categories and boxes from an instances JSON file,
 * read by the suite's one COCO reader into its one annotation model ({@link LabeledImage}, {@link
 * Category}, {@link Annotation}).
 *
 * @param images the images, sorted by id (the order COCOeval evaluates them in)
 * @param categories the categories, sorted by id
 * @param boxes ground-truth boxes by image id, in file order
 */
public record CocoGroundTruth(List<LabeledImage> images, List<Category> categories, Map<Long, List<ScoredBox>> boxes) {
    /** Copies and sorts. */
    public CocoGroundTruth {
        images = images.stream()
                .sorted(Comparator.comparingLong(LabeledImage::id))
                .toList();
        categories = categories.stream()
                .sorted(Comparator.comparingInt(Category::id))
                .toList();
        Map<Long, List<ScoredBox>> copy = new HashMap<>();
        boxes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        boxes = Map.copyOf(copy);
    }

    /**
     * Reads an instances JSON file (images, categories, annotations with bbox, area and iscrowd).
     *
     * <p>The labels' COCO reader reads on past a bad element and reports it; an evaluation must not
     * (a skipped box changes every metric), so any error it reports ends the read here.
     *
     * @param file the file
     * @return the ground truth
     * @throws UserError when the file is missing or not a COCO instances file, naming the file and
     *     the first error in it
     */
    public static CocoGroundTruth read(Path file) {
        Collector collector = new Collector();
        LabelFormat.COCO.reader().read(file, file.toAbsolutePath().getParent(), collector, ProgressListener.NONE);
        if (collector.images.isEmpty()) {
            throw new UserError(file + " lists no images");
        }
        if (collector.categories.isEmpty()) {
            throw new UserError(file + " lists no categories");
        }
        return new CocoGroundTruth(collector.images, collector.categories, collector.boxes);
    }

    /** Keeps what evaluation needs and stops at the first error the reader reports. */
    private static final class Collector implements LabelSink {
        private final List<LabeledImage> images = new ArrayList<>();
        private final List<Category> categories = new ArrayList<>();
        private final Map<Long, List<ScoredBox>> boxes = new LinkedHashMap<>();

        @Override
        public void category(Category category, Location where) {
            categories.add(category);
        }

        @Override
        public void image(LabeledImage image, Location where) {
            images.add(image);
        }

        @Override
        public void annotation(Annotation annotation, Location where) {
            boxes.computeIfAbsent(annotation.imageId(), k -> new ArrayList<>()).add(ScoredBox.truth(annotation));
        }

        @Override
        public void finding(Finding finding) {
            if (finding.severity() == Severity.ERROR) {
                throw new UserError("not a COCO instances file evaluation can use: " + finding);
            }
        }
    }

    private static void readArray(JsonParser parser, ObjectReader json, Consumer<JsonNode> each) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new UserError("expected a JSON array at " + parser.currentLocation());
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            each.accept(json.readTree(parser));
        }
    }

    /**
     * Reads detections in the COCO results format: a JSON array of {image_id, category_id, bbox,
     * score}.
     *
     * @param file the results file
     * @return the detections, in file order
     * @throws UserError when the file is not a results array or names an image the set lacks
     */
    public List<ScoredBox> readDetections(Path file) {
        Set<Long> known = new HashSet<>();
        images.forEach(i -> known.add(i.id()));
        List<ScoredBox> detections = new ArrayList<>();
        // element by element: what follows an element is the next one, not trailing content
        ObjectReader json = Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = json.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UserError(file + " is not a COCO results file: it is not a JSON array");
            }
            readArray(parser, json, node -> {
                JsonNode bbox = node.path("bbox");
                long imageId = node.path("image_id").asLong();
                if (bbox.size() != 4 || !node.has("score")) {
                    throw new UserError(file + ": a result lacks bbox [x, y, w, h] or score: " + node);
                }
                if (!known.contains(imageId)) {
                    throw new UserError(
                            file + ": result for image " + imageId + ", which the ground truth does not list");
                }
                detections.add(ScoredBox.detection(
                        imageId,
                        node.path("category_id").asInt(),
                        bbox.get(0).asDouble(),
                        bbox.get(1).asDouble(),
                        bbox.get(2).asDouble(),
                        bbox.get(3).asDouble(),
                        node.path("score").asDouble()));
            });
        } catch (IOException e) {
            throw new UserError("cannot read COCO results " + file + ": " + e.getMessage(), e);
        }
        return detections;
    }
}
