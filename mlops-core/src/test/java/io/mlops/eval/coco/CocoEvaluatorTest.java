package io.mlops.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.eval.ReferenceMetrics;
import io.mlops.labels.LabeledImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our COCO evaluation against pycocotools' COCOeval on the same detections, to 1e-9. */
class CocoEvaluatorTest {
    @TempDir
    Path tmp;

    @Test
    void shouldEqualPycocotoolsCocoEval() {
        CocoFixture fixture = CocoFixture.write(tmp, 60, 5);
        CocoGroundTruth truth = CocoGroundTruth.read(fixture.truth());
        List<ScoredBox> detections = truth.readDetections(fixture.results());

        DetectionMetrics ours = evaluate(
                truth, detections, truth.images().stream().map(LabeledImage::id).toList());
        JsonNode reference = ReferenceMetrics.compute("coco", fixture.truth(), fixture.results());

        double[] stats = ours.stats();
        for (int i = 0; i < stats.length; i++) {
            assertThat(stats[i])
                    .as("stats[" + i + "]")
                    .isCloseTo(reference.get("stats").get(i).asDouble(), within(1e-9));
        }
        assertThat(ours.apPerClass()).containsOnlyKeys(CocoFixture.CATEGORIES);
        ours.apPerClass()
                .forEach((name, ap) -> assertThat(ap)
                        .as("AP[" + name + "]")
                        .isCloseTo(reference.get("ap_per_class").get(name).asDouble(), within(1e-9)));
        assertThat(ours.named().get("AP[person]")).isEqualTo(ours.apPerClass().get("person"));
        assertThat(ours.mAP()).as("a non-trivial fixture").isBetween(0.05, 0.95);
    }

    @Test
    void shouldGiveIdenticalNumbersWhenImagesAreEvaluatedInShards() {
        CocoFixture fixture = CocoFixture.write(tmp, 40, 9);
        CocoGroundTruth truth = CocoGroundTruth.read(fixture.truth());
        List<ScoredBox> detections = truth.readDetections(fixture.results());
        CocoEvaluator evaluator = new CocoEvaluator(truth.categories());
        Map<Long, List<ScoredBox>> byImage = detections.stream().collect(Collectors.groupingBy(ScoredBox::imageId));
        List<ImageEvaluation> shardA = new ArrayList<>();
        List<ImageEvaluation> shardB = new ArrayList<>();
        for (int i = 0; i < truth.images().size(); i++) {
            long id = truth.images().get(i).id();
            (i % 2 == 0 ? shardA : shardB)
                    .add(evaluator.evaluate(
                            id, truth.boxes().getOrDefault(id, List.of()), byImage.getOrDefault(id, List.of())));
        }
        List<ImageEvaluation> merged = new ArrayList<>(shardB);
        merged.addAll(shardA);

        DetectionMetrics sharded = evaluator.accumulate(merged, detections.size());
        DetectionMetrics whole = evaluate(
                truth, detections, truth.images().stream().map(LabeledImage::id).toList());

        assertThat(sharded).isEqualTo(whole);
    }

    @Test
    void shouldRejectResultsForImagesTheSetDoesNotList() throws IOException {
        CocoFixture fixture = CocoFixture.write(tmp, 3, 1);
        Files.writeString(
                fixture.results(), "[{\"image_id\": 5, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]");
        CocoGroundTruth truth = CocoGroundTruth.read(fixture.truth());

        assertThatThrownBy(() -> truth.readDetections(fixture.results()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("result for image 5, which the ground truth does not list");
    }

    @Test
    void shouldComputeIouAsTheCocoApiDoes() {
        ScoredBox truth = new ScoredBox(1, 1, 0, 0, 10, 10, 100, 1, false);
        ScoredBox crowd = new ScoredBox(1, 1, 0, 0, 10, 10, 100, 1, true);
        ScoredBox half = ScoredBox.detection(1, 1, 5, 0, 10, 10, 0.9);

        assertThat(half.iou(truth)).isEqualTo(50.0 / 150.0);
        assertThat(half.iou(crowd))
                .as("crowd: intersection over the detection's area")
                .isEqualTo(0.5);
        assertThat(ScoredBox.detection(1, 1, 10, 0, 5, 5, 1).iou(truth))
                .as("touching boxes do not overlap")
                .isZero();
    }

    @Test
    void shouldSortBestFirstKeepingTiesInOrderAsNumpysMergesort() {
        java.util.Random random = new java.util.Random(2);
        double[] scores = new double[1001];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(7) / 7.0;
        }
        Integer[] expected = new Integer[scores.length];
        java.util.Arrays.setAll(expected, i -> i);
        java.util.Arrays.sort(expected, (p, q) -> Double.compare(scores[q], scores[p]));

        assertThat(CocoEvaluator.stableBestFirst(scores))
                .containsExactly(java.util.Arrays.stream(expected)
                        .mapToInt(Integer::intValue)
                        .toArray());
    }

    static DetectionMetrics evaluate(CocoGroundTruth truth, List<ScoredBox> detections, List<Long> imageIds) {
        CocoEvaluator evaluator = new CocoEvaluator(truth.categories());
        Map<Long, List<ScoredBox>> byImage = detections.stream().collect(Collectors.groupingBy(ScoredBox::imageId));
        List<ImageEvaluation> images = new ArrayList<>();
        for (long id : imageIds) {
            images.add(evaluator.evaluate(
                    id, truth.boxes().getOrDefault(id, List.of()), byImage.getOrDefault(id, List.of())));
        }
        return evaluator.accumulate(images, detections.size());
    }
}
