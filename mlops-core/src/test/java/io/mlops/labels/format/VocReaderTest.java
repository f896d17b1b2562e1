package io.mlops.labels.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
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
 * The Pascal VOC reader on annotation files written by hand after the VOC development kit
 * (http://host.robots.ox.ac.uk/pascal/VOC/voc2012/devkit_doc.pdf, "Annotation"; 1-based pixel
 * corners, both included); the second fixture has its elements in the alphabetical order VOC2012
 * files use, with the objects before the size.
 */
class VocReaderTest {
    @TempDir
    Path dir;

    private RecordingSink read(Path labels) {
        RecordingSink sink = new RecordingSink();
        VocReader reader = new VocReader();
        reader.read(labels, reader.defaultImages(labels), sink, ProgressListener.NONE);
        return sink;
    }

    @Test
    void shouldReadEveryFileOfAnAnnotationsDirectory() {
        Path voc = Fixtures.copy("voc", dir);
        RecordingSink sink = read(voc);

        assertThat(sink.images)
                .containsExactly(
                        new LabeledImage(1, "2007_000027.png", 486, 500),
                        new LabeledImage(2, "2008_000008.png", 500, 442));
        assertThat(sink.categories).extracting(c -> c.id() + ":" + c.name()).containsExactly("1:person", "2:horse");
        assertThat(sink.annotations)
                .extracting(a -> a.imageId() + ":" + sink.name(a.categoryId()))
                .containsExactly("1:person", "2:horse", "2:person");
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void shouldTurnOneBasedInclusiveCornersIntoContinuousBoxes() {
        Path voc = Fixtures.copy("voc", dir);
        RecordingSink sink = read(voc);

        // xmin 174 .. xmax 349 covers pixels 174..349 (1-based): 176 pixels from x = 173
        assertThat(sink.annotations.getFirst().box()).isEqualTo(new Box(173, 100, 176, 251));
    }

    @Test
    void shouldNotTakeAPartBoxForTheObjectBox() {
        Path voc = Fixtures.copy("voc", dir);
        RecordingSink sink = read(voc);

        assertThat(sink.annotations).hasSize(3);
        assertThat(sink.annotations.getFirst().box().x()).isEqualTo(173);
    }

    @Test
    void shouldLookForImagesInJpegImagesBesideAnnotations() throws IOException {
        Path voc = Fixtures.copy("voc", dir);
        Files.createDirectories(voc.resolve("JPEGImages"));

        assertThat(new VocReader().defaultImages(voc.resolve("Annotations"))).isEqualTo(voc.resolve("JPEGImages"));
        assertThat(new VocReader().defaultImages(voc.resolve("Annotations/2007_000027.xml")))
                .isEqualTo(voc.resolve("JPEGImages"));
    }

    @Test
    void shouldNameFileLineAndColumnOfMalformedXml() throws IOException {
        Path file = dir.resolve("broken.xml");
        Files.writeString(
                file, "<annotation>\n  <filename>a.png</filename>\n  <object><name>cat</object>\n</annotation>\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file + ":3:")
                .hasMessageContaining("malformed XML")
                .hasMessageContaining("must be terminated by the matching end-tag");
    }

    @Test
    void shouldRefuseAnExternalEntityWithoutReadingTheFileItNames() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Path file = dir.resolve("xxe.xml");
        Files.writeString(
                file,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [\n  <!ENTITY xxe SYSTEM \"" + secret.toUri()
                        + "\">\n]>\n<annotation><filename>&xxe;</filename></annotation>\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("DOCTYPE")
                .hasMessageContaining("XXE")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void shouldReportAnEmptyFile() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.xml"), "");
        RecordingSink sink = read(file);

        assertThat(sink.findings("empty-label-file")).hasSize(1);
    }
}
