package io.mlops.labels.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
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
 * The CVAT reader on an export written by hand after CVAT's XML format documentation
 * (https://docs.cvat.ai/docs/manual/advanced/xml_format/, "Annotation" for images, version 1.1).
 */
class CvatReaderTest {
    @TempDir
    Path dir;

    private RecordingSink read(Path file) {
        RecordingSink sink = new RecordingSink();
        new CvatReader().read(file, dir, sink, ProgressListener.NONE);
        return sink;
    }

    private RecordingSink readFixture() {
        return read(Fixtures.copy("cvat", dir).resolve("annotations.xml"));
    }

    @Test
    void shouldReadDeclaredLabelsButNotAttributeNames() {
        RecordingSink sink = readFixture();

        assertThat(sink.categories).extracting(c -> c.name()).startsWith("car", "tree", "night");
        assertThat(sink.categories).extracting(c -> c.name()).doesNotContain("color");
    }

    @Test
    void shouldReadBoxesPolygonsAndTags() {
        RecordingSink sink = readFixture();

        assertThat(sink.images)
                .containsExactly(
                        new LabeledImage(0, "frames/street.png", 64, 48),
                        new LabeledImage(1, "frames/park.png", 80, 60));
        assertThat(sink.annotations.getFirst().box()).isEqualTo(new Box(4, 6, 20, 30));
        assertThat(sink.annotations.get(1).polygons().getFirst().xy()).containsExactly(40, 5, 60, 5, 50, 30);
        assertThat(sink.annotations.get(1).box()).isEqualTo(new Box(40, 5, 20, 25));
        assertThat(sink.imageLabels)
                .singleElement()
                .satisfies(label -> assertThat(sink.name(label.categoryId())).isEqualTo("night"));
    }

    @Test
    void shouldKeepARotatedBoxAsTheBoxAroundItsRotationAboutTheCentre() {
        RecordingSink sink = readFixture();

        // 20 x 10 centred on (40, 25), turned 90 degrees: 10 x 20 about the same centre
        Box box = sink.annotations.get(2).box();
        assertThat(box.x()).isCloseTo(35, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(box.y()).isCloseTo(15, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(box.width()).isCloseTo(10, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(box.height()).isCloseTo(20, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void shouldReportUnsupportedShapesAndUndeclaredLabelsWithTheirLine() {
        RecordingSink sink = readFixture();

        assertThat(sink.findings("unsupported-shape")).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("<polyline> shapes");
            assertThat(f.where().line()).isEqualTo(71);
        });
        assertThat(sink.findings("unknown-category")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("label 'truck' is not declared");
            assertThat(f.where().line()).isEqualTo(79);
        });
    }

    @Test
    void shouldRefuseTracksOfTheVideoFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("video.xml"), """
                <annotations><version>1.1</version>
                <track id="0" label="car"><box frame="0" xtl="1" ytl="1" xbr="2" ybr="2" outside="0" occluded="0" keyframe="1"/></track>
                </annotations>
                """);

        assertThatThrownBy(() -> read(file)).isInstanceOf(UserError.class).hasMessageContaining("CVAT for images 1.1");
    }

    @Test
    void shouldRefuseAnExternalEntityWithoutReadingTheFileItNames() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Path file = Files.writeString(
                dir.resolve("xxe.xml"),
                "<?xml version=\"1.0\"?>\n"
                        + "<!DOCTYPE annotations [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                        + "<annotations><version>1.1</version><image id=\"0\" name=\"&xxe;\" width=\"1\" height=\"1\"/>"
                        + "</annotations>\n");
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> new CvatReader().read(file, dir, sink, ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file + ":2:")
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
        assertThat(sink.images).isEmpty();
    }

    @Test
    void shouldRefuseAnEntityReferenceEvenWithoutADoctype() throws IOException {
        Path file = Files.writeString(
                dir.resolve("entity.xml"),
                "<annotations><image id=\"0\" name=\"a\" width=\"1\""
                        + " height=\"1\"><tag label=\"x\">&undeclared;</tag></image></annotations>");

        assertThatThrownBy(() -> read(file)).isInstanceOf(UserError.class).hasMessageContaining(file.toString());
    }
}
