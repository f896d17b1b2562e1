package io.mlops.eval.coco;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * A random but reproducible COCO set and detector results: boxes of all three area ranges, crowd
 * boxes, images without boxes, tied scores, and one image with more than 100 detections.
 *
 * @param truth the instances file
 * @param results the results file
 */
record CocoFixture(Path truth, Path results) {
    static final String[] CATEGORIES = {"person", "bicycle", "car", "dog"};

    static CocoFixture write(Path dir, int images, long seed) {
        Random random = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        ObjectNode gt = json.createObjectNode();
        ArrayNode imageArray = gt.putArray("images");
        ArrayNode categories = gt.putArray("categories");
        ArrayNode annotations = gt.putArray("annotations");
        ArrayNode results = json.createArrayNode();
        // category ids need not be contiguous: COCO's are not
        int[] categoryIds = {1, 3, 4, 18};
        for (int c = 0; c < CATEGORIES.length; c++) {
            categories.addObject().put("id", categoryIds[c]).put("name", CATEGORIES[c]);
        }
        long annotationId = 1;
        for (int i = 0; i < images; i++) {
            long imageId = 1000 + i * 7L;
            imageArray
                    .addObject()
                    .put("id", imageId)
                    .put("file_name", imageId + ".jpg")
                    .put("width", 640)
                    .put("height", 480);
            int boxes = i % 9 == 4 ? 0 : 1 + random.nextInt(6);
            for (int b = 0; b < boxes; b++) {
                int category = categoryIds[random.nextInt(categoryIds.length)];
                double size = switch (random.nextInt(3)) {
                    case 0 -> 8 + random.nextInt(20);
                    case 1 -> 35 + random.nextInt(55);
                    default -> 100 + random.nextInt(200);
                };
                double x = round(random.nextDouble() * (640 - size));
                double y = round(random.nextDouble() * (480 - size));
                double w = round(size * (0.6 + random.nextDouble() * 0.8));
                double h = round(size * (0.6 + random.nextDouble() * 0.8));
                boolean crowd = random.nextInt(15) == 0;
                ObjectNode a = annotations.addObject();
                a.put("id", annotationId++).put("image_id", imageId).put("category_id", category);
                a.putArray("bbox").add(x).add(y).add(w).add(h);
                // the segment's area, smaller than the box's, as in real COCO
                a.put("area", round(w * h * (0.5 + random.nextDouble() * 0.5))).put("iscrowd", crowd ? 1 : 0);
                int detections = random.nextInt(3);
                for (int d = 0; d < detections; d++) {
                    addResult(
                            results,
                            imageId,
                            random.nextInt(8) == 0 ? categoryIds[random.nextInt(4)] : category,
                            x + random.nextGaussian() * w * 0.1,
                            y + random.nextGaussian() * h * 0.1,
                            w * (0.8 + random.nextDouble() * 0.4),
                            h * (0.8 + random.nextDouble() * 0.4),
                            random);
                }
            }
            int falsePositives = i == 3 ? 130 : random.nextInt(4);
            for (int f = 0; f < falsePositives; f++) {
                addResult(
                        results,
                        imageId,
                        categoryIds[random.nextInt(4)],
                        random.nextDouble() * 500,
                        random.nextDouble() * 400,
                        5 + random.nextDouble() * 120,
                        5 + random.nextDouble() * 120,
                        random);
            }
        }
        CocoFixture fixture = new CocoFixture(dir.resolve("instances.json"), dir.resolve("results.json"));
        try {
            json.writeValue(fixture.truth.toFile(), gt);
            json.writeValue(fixture.results.toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixture;
    }

    private static void addResult(
            ArrayNode results, long imageId, int category, double x, double y, double w, double h, Random random) {
        ObjectNode r = results.addObject();
        r.put("image_id", imageId).put("category_id", category);
        r.putArray("bbox").add(x).add(y).add(w).add(h);
        // scores on a coarse grid tie often, across and within images
        r.put("score", random.nextInt(4) == 0 ? random.nextInt(10) / 10.0 : random.nextDouble());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
