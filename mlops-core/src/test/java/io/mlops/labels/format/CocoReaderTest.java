package io.mlops.labels.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Fixtures;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.RecordingSink;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The COCO reader on a file written by hand after the format defined at
 * https://cocodataset.org/#format-data ("1. Object Detection"): images, annotations with bbox
 * [x, y, width, height] and polygon or RLE segmentation, and categories.
 */
class CocoReaderTest {
    @TempDir
    Path dir;

    private RecordingSink read(Path file) {
        RecordingSink sink = new RecordingSink();
        new CocoReader().read(file, dir, sink, ProgressListener.NONE);
        return sink;
    }

    @Test
    void shouldReadImagesCategoriesBoxesAndPolygons() {
        Path coco = Fixtures.copy("coco", dir);
        RecordingSink sink = read(coco.resolve("instances.json"));

        assertThat(sink.images)
                .containsExactly(
                        new LabeledImage(1, "street.png", 64, 48),
                        new LabeledImage(2, "park.png", 80, 60),
                        new LabeledImage(3, "empty.png", 32, 32));
        assertThat(sink.categories)
                .extracting(c -> c.id() + ":" + c.name() + "/" + c.supercategory())
                .containsExactly("1:person/person", "2:bicycle/vehicle", "3:car/vehicle");
        assertThat(sink.annotations).extracting(Annotation::id).containsExactly(10L, 11L, 12L, 13L);
        Annotation person = sink.annotations.getFirst();
        assertThat(person.imageId()).isEqualTo(1);
        assertThat(person.categoryId()).isEqualTo(1);
        assertThat(person.box()).isEqualTo(new Box(4, 6, 20, 30));
        assertThat(person.polygons()).isEmpty();
        assertThat(sink.annotations.get(1).polygons()).hasSize(1);
        assertThat(sink.annotations.get(1).polygons().getFirst().vertices()).isEqualTo(4);
        assertThat(sink.annotations.get(3).polygons()).hasSize(2);
        assertThat(sink.annotations.get(3).box()).isEqualTo(new Box(10.5, 12.25, 8, 9));
    }

    @Test
    void shouldKeepTheBoxOfAnRleCrowdRegionAndSayTheMaskIsNotKept() {
        Path coco = Fixtures.copy("coco", dir);
        RecordingSink sink = read(coco.resolve("instances.json"));

        assertThat(sink.annotations.get(2).box()).isEqualTo(new Box(0, 0, 80, 60));
        assertThat(sink.annotations.get(2).polygons()).isEmpty();
        assertThat(sink.findings("mask-not-kept"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("1 annotation carries an RLE mask"));
    }

    @Test
    void shouldGiveEachAnnotationItsLineAndColumn() {
        Path coco = Fixtures.copy("coco", dir);
        RecordingSink sink = read(coco.resolve("instances.json"));

        // annotation 10 opens at line 10, column 5 of the fixture
        assertThat(sink.annotationLocations.getFirst().line()).isEqualTo(10);
        assertThat(sink.annotationLocations.getFirst().column()).isEqualTo(5);
    }

    @Test
    void shouldEmitImagesBeforeTheirAnnotationsWhenTheFileListsAnnotationsFirst() throws IOException {
        Path file = dir.resolve("reordered.json");
        Files.writeString(file, """
                {"annotations": [{"id": 1, "image_id": 7, "category_id": 1, "bbox": [1, 2, 3, 4]}],
                 "categories": [{"id": 1, "name": "cat"}],
                 "images": [{"id": 7, "file_name": "a.png", "width": 10, "height": 10}]}
                """);
        RecordingSink sink = read(file);

        assertThat(sink.events).containsSubsequence("image 7", "annotation 1 on 7");
        assertThat(sink.annotations).hasSize(1);
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void shouldKeepTheStatedAreaAndCrowdFlagThatCocoEvaluationNeeds() throws IOException {
        Path file = dir.resolve("crowd.json");
        Files.writeString(file, """
                {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 42.5, "iscrowd": 1},
                   {"id": 2, "image_id": 1, "category_id": 1, "bbox": [5, 5, 4, 2]}],
                 "categories": [{"id": 1, "name": "person"}]}
                """);

        RecordingSink sink = read(file);

        assertThat(sink.annotations)
                .extracting(Annotation::area, Annotation::crowd)
                .containsExactly(tuple(42.5, true), tuple(8.0, false));
    }

    @Test
    void shouldNameFileLineAndColumnOfMalformedJson() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"images\": [\n  {\"id\": 1, \"file_name\": \"a.png\",,}\n]}\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("Unexpected character (','");
    }

    @Test
    void shouldNameThePositionWhereATruncatedFileEnds() throws IOException {
        Path file = dir.resolve("truncated.json");
        Files.writeString(file, "{\"images\": [{\"id\": 1,\n\"file_name\": \"a.png\"");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("end-of-input");
    }

    @Test
    void shouldReportAnEmptyLabelFile() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.json"), "  \n");
        RecordingSink sink = read(file);

        assertThat(sink.findings("empty-label-file")).hasSize(1);
        assertThat(sink.images).isEmpty();
    }

    @Test
    void shouldReportInvalidValuesAndReadOnPastThem() throws IOException {
        Path file = dir.resolve("invalid.json");
        Files.writeString(file, """
                {"images": [{"id": "one", "file_name": "a.png"}, {"id": 2, "file_name": "b.png", "width": 5, "height": 5}],
                 "annotations": [
                   {"id": 1, "image_id": 2, "category_id": 1, "bbox": [1, 2, 3]},
                   {"id": 2, "image_id": 2, "category_id": 1, "segmentation": [[1, 2, 3, 4]]},
                   {"id": 3, "image_id": 2, "category_id": 1, "bbox": [1, 1, 2, 2]}],
                 "categories": [{"id": 1, "name": "cat"}]}
                """);
        RecordingSink sink = read(file);

        assertThat(sink.images).extracting(LabeledImage::id).containsExactly(2L);
        assertThat(sink.annotations).extracting(Annotation::id).containsExactly(3L);
        assertThat(sink.findings("invalid-value"))
                .extracting(f -> f.subject() + ": " + f.message())
                .anySatisfy(m -> assertThat(m).contains("image: 'id' must be an integer, found a string"))
                .anySatisfy(m -> assertThat(m).contains("annotation 1: 'bbox' must be [x, y, width, height]"))
                .anySatisfy(m -> assertThat(m).contains("needs an even count of at least 6 numbers, found 4"));
    }

    @Test
    void shouldReportMissingTopLevelArrays() throws IOException {
        Path file = Files.writeString(dir.resolve("bare.json"), "{\"info\": {}}");
        RecordingSink sink = read(file);

        assertThat(sink.findings("missing-field"))
                .extracting(f -> f.severity() + " " + f.message())
                .containsExactly(
                        "ERROR the COCO file has no 'images' array",
                        "ERROR the COCO file has no 'categories' array",
                        "WARNING the COCO file has no 'annotations' array");
    }

    @Test
    void shouldRefuseAFileThatIsNotAJsonObject() throws IOException {
        Path file = Files.writeString(dir.resolve("list.json"), "[1, 2]");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("a COCO file is one JSON object")
                .hasMessageContaining("starts with an array");
    }
}
