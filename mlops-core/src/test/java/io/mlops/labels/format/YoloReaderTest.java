package io.mlops.labels.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Fixtures;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.RecordingSink;
import io.mlops.labels.Severity;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YOLO reader on datasets written by hand after Ultralytics' documentation
 * (https://docs.ultralytics.com/datasets/detect/#ultralytics-yolo-format: images/ and labels/
 * mirrored, data.yaml with names, one "class cx cy w h" line per object normalized to 0..1;
 * https://docs.ultralytics.com/datasets/segment/ for outline lines) and after Darknet's layout
 * as CVAT exports it (https://docs.cvat.ai/docs/manual/advanced/formats/format-yolo/: obj.names,
 * obj.data, obj_train_data/*.txt beside the images).
 */
class YoloReaderTest {
    @TempDir
    Path dir;

    private Path ultralytics() {
        Path yolo = Fixtures.copy("yolo", dir);
        Fixtures.image(yolo.resolve("images/train/street.png"), 64, 48);
        Fixtures.image(yolo.resolve("images/train/blank.png"), 10, 10);
        Fixtures.image(yolo.resolve("images/val/park.png"), 80, 60);
        Fixtures.image(yolo.resolve("images/val/empty.png"), 32, 32);
        return yolo;
    }

    private static RecordingSink read(Path dataset, Path images) {
        RecordingSink sink = new RecordingSink();
        new YoloReader().read(dataset, images, sink, ProgressListener.NONE);
        return sink;
    }

    @Test
    void shouldReadUltralyticsLayoutWithSizesFromTheImageFiles() {
        Path yolo = ultralytics();
        RecordingSink sink = read(yolo, new YoloReader().defaultImages(yolo));

        assertThat(sink.categories)
                .extracting(c -> c.id() + ":" + c.name())
                .containsExactly("0:person", "1:bicycle", "2:car");
        assertThat(sink.images)
                .containsExactly(
                        new LabeledImage(1, "train/blank.png", 10, 10),
                        new LabeledImage(2, "train/street.png", 64, 48),
                        new LabeledImage(3, "val/empty.png", 32, 32),
                        new LabeledImage(4, "val/park.png", 80, 60));
        Annotation person = sink.annotations.getFirst();
        assertThat(person.imageId()).isEqualTo(2);
        assertThat(person.categoryId()).isZero();
        assertBox(person.box(), new Box(4, 6, 20, 30));
        assertBox(sink.annotations.get(1).box(), new Box(30, 10, 25, 20));
    }

    @Test
    void shouldReadAnOutlineLineAsAPolygonWithItsBounds() {
        Path yolo = ultralytics();
        RecordingSink sink = read(yolo, new YoloReader().defaultImages(yolo));

        Annotation bicycle = sink.annotations.get(2);
        assertThat(bicycle.categoryId()).isEqualTo(1);
        assertThat(bicycle.polygons())
                .singleElement()
                .satisfies(p -> assertThat(p.vertices()).isEqualTo(4));
        assertBox(bicycle.box(), new Box(10, 12, 10, 9));
    }

    @Test
    void shouldWarnOfAnEmptyLabelFileAndOfLabelsWithoutAnImage() {
        Path yolo = ultralytics();
        RecordingSink sink = read(yolo, new YoloReader().defaultImages(yolo));

        assertThat(sink.findings("empty-label-file")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.where().file()).endsWith("labels/train/blank.txt");
        });
        assertThat(sink.findings("label-without-image"))
                .singleElement()
                .satisfies(f -> assertThat(f.where().file()).endsWith("labels/train/ghost.txt"));
    }

    @Test
    void shouldReadTheDarknetLayoutWithLabelsBesideImages() {
        Path darknet = Fixtures.copy("darknet", dir);
        Fixtures.image(darknet.resolve("obj_train_data/pet.png"), 100, 50);
        RecordingSink sink = read(darknet, new YoloReader().defaultImages(darknet));

        assertThat(sink.categories).extracting(c -> c.name()).containsExactly("cat", "dog");
        assertThat(sink.images).containsExactly(new LabeledImage(1, "obj_train_data/pet.png", 100, 50));
        assertBox(sink.annotations.getFirst().box(), new Box(25, 12.5, 50, 25));
        assertThat(sink.findings)
                .as("obj.data, obj.names and train.txt are not orphan labels")
                .isEmpty();
    }

    @Test
    void shouldReportABadLineWithItsLineNumber() throws IOException {
        Path yolo = ultralytics();
        Files.writeString(yolo.resolve("labels/train/street.txt"), "0 0.5 0.5 0.2 0.2\n\n0 0.5 zero 0.2 0.2\n1 0.5\n");
        RecordingSink sink = read(yolo, new YoloReader().defaultImages(yolo));

        assertThat(sink.findings("invalid-value"))
                .extracting(f -> f.where().line())
                .containsExactly(3L, 4L);
    }

    @Test
    void shouldRefuseADatasetWithoutClassNames() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare"));

        assertThatThrownBy(() -> read(bare, bare))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no class names")
                .hasMessageContaining("data.yaml");
    }

    private static void assertBox(Box actual, Box expected) {
        assertThat(actual.x()).isCloseTo(expected.x(), within(1e-6));
        assertThat(actual.y()).isCloseTo(expected.y(), within(1e-6));
        assertThat(actual.width()).isCloseTo(expected.width(), within(1e-6));
        assertThat(actual.height()).isCloseTo(expected.height(), within(1e-6));
    }
}
