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
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Label Studio reader on an export written by hand after Label Studio's documentation of its
 * JSON export (https://labelstud.io/guide/export#Label-Studio-JSON-format-of-annotated-tasks) and
 * of the result regions (https://labelstud.io/tags/rectanglelabels,
 * https://labelstud.io/tags/polygonlabels, https://labelstud.io/tags/choices): x, y, width,
 * height and points in percent of original_width and original_height.
 */
class LabelStudioReaderTest {
    @TempDir
    Path dir;

    private RecordingSink read() {
        Path export = Fixtures.copy("labelstudio", dir).resolve("export.json");
        RecordingSink sink = new RecordingSink();
        new LabelStudioReader().read(export, dir, sink, ProgressListener.NONE);
        return sink;
    }

    @Test
    void shouldTurnPercentagesIntoPixels() {
        RecordingSink sink = read();

        Annotation car = sink.annotations.getFirst();
        assertThat(car.imageId()).isEqualTo(101);
        assertThat(sink.name(car.categoryId())).isEqualTo("Car");
        // x 10 % of 200 px, y 20 % of 100 px, width 25 % of 200, height 50 % of 100
        assertThat(car.box()).isEqualTo(new Box(20, 20, 50, 50));
        Annotation tree = sink.annotations.get(1);
        assertThat(sink.name(tree.categoryId())).isEqualTo("Tree");
        assertThat(tree.polygons().getFirst().xy()).containsExactly(100, 10, 150, 10, 150, 40);
    }

    @Test
    void shouldReadChoicesAsImageLabels() {
        RecordingSink sink = read();

        assertThat(sink.imageLabels).singleElement().satisfies(label -> {
            assertThat(label.imageId()).isEqualTo(101);
            assertThat(sink.name(label.categoryId())).isEqualTo("Daytime");
        });
    }

    @Test
    void shouldMapImageUrlsToFileNames() {
        RecordingSink sink = read();

        assertThat(sink.images)
                .containsExactly(
                        new LabeledImage(101, "3f2a9c1e-street.png", 200, 100),
                        new LabeledImage(102, "photos/park.png", 100, 100),
                        new LabeledImage(103, "face.png", 100, 100));
    }

    @Test
    void shouldUseTheGroundTruthAnnotationAndSaySo() {
        RecordingSink sink = read();

        assertThat(sink.annotations)
                .filteredOn(a -> a.imageId() == 102)
                .singleElement()
                .satisfies(a -> {
                    assertThat(sink.name(a.categoryId())).isEqualTo("car");
                    assertThat(a.box()).isEqualTo(new Box(10, 10, 20, 10));
                });
        assertThat(sink.findings("multiple-annotations"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("annotation 502 is used (the ground truth)"));
    }

    @Test
    void shouldKeepARotatedRectangleAsTheBoxAroundIt() {
        RecordingSink sink = read();

        // 20 x 10 at (50, 50) turned 90 degrees clockwise about its top-left corner
        Box box = sink.annotations.stream()
                .filter(a -> a.imageId() == 103)
                .findFirst()
                .orElseThrow()
                .box();
        assertThat(box.x()).isCloseTo(40, within(1e-9));
        assertThat(box.y()).isCloseTo(50, within(1e-9));
        assertThat(box.width()).isCloseTo(10, within(1e-9));
        assertThat(box.height()).isCloseTo(20, within(1e-9));
        assertThat(sink.findings("rotated-box")).hasSize(1);
    }

    @Test
    void shouldReportSkippedResultTypesWithTheirCount() {
        RecordingSink sink = read();

        assertThat(sink.findings("unsupported-shape"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("1 results of type 'keypointlabels' are skipped"));
    }

    @Test
    void shouldRefuseAnExportThatIsNotAnArrayOfTasks() throws IOException {
        Path file = Files.writeString(dir.resolve("min.json"), "{\"image\": \"a.png\"}");

        assertThatThrownBy(() -> new LabelStudioReader().read(file, dir, new RecordingSink(), ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("array of tasks");
    }
}
