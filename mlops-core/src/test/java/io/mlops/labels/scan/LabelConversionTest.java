package io.mlops.labels.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.labels.Fixtures;
import io.mlops.labels.LabelSet;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelConversionTest {
    @TempDir
    Path dir;

    @Test
    void shouldConvertCvatToYoloAndSayWhatYoloCannotHold() throws IOException {
        Path cvat = Fixtures.copy("cvat", dir);
        Files.writeString(
                cvat.resolve("annotations.xml"),
                Files.readString(cvat.resolve("annotations.xml"))
                        .replace("<box label=\"truck\"", "<box label=\"car\""));

        ConversionResult result = LabelConversion.convert(
                new LabelSource(LabelFormat.CVAT, cvat.resolve("annotations.xml"), null),
                LabelFormat.YOLO,
                dir.resolve("yolo"),
                false,
                false,
                ProgressListener.NONE);

        assertThat(result.written().objects()).isEqualTo(4);
        assertThat(result.written().dropped())
                .containsExactly(
                        "1 image-level labels (YOLO detection and segmentation hold objects only)",
                        "1 outlines, written as their boxes (use segments to keep them)");
        assertThat(Files.readString(dir.resolve("yolo/labels/frames/street.txt")))
                .startsWith("0 0.218750 0.437500 0.312500 0.625000\n");
        assertThat(Files.readString(dir.resolve("yolo/data.yaml")))
                .contains("- car")
                .contains("- tree")
                .contains("- night");
    }

    @Test
    void shouldRefuseLabelsWithErrorsAndWriteNothing() {
        Path cvat = Fixtures.copy("cvat", dir);

        assertThatThrownBy(() -> LabelConversion.convert(
                        new LabelSource(LabelFormat.CVAT, cvat.resolve("annotations.xml"), null),
                        LabelFormat.COCO,
                        dir.resolve("out.json"),
                        false,
                        false,
                        ProgressListener.NONE))
                .isInstanceOf(LabelsRejected.class)
                .hasMessageContaining("unknown-category")
                .hasMessageContaining("nothing was written");
        assertThat(dir.resolve("out.json")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldWriteLabelsWithErrorsWhenForced() {
        Path cvat = Fixtures.copy("cvat", dir);

        ConversionResult result = LabelConversion.convert(
                new LabelSource(LabelFormat.CVAT, cvat.resolve("annotations.xml"), null),
                LabelFormat.COCO,
                dir.resolve("out.json"),
                false,
                true,
                ProgressListener.NONE);

        assertThat(result.report().passed()).isFalse();
        LabelSet.Collector back = LabelSet.collector();
        LabelFormat.COCO.reader().read(dir.resolve("out.json"), dir, back, ProgressListener.NONE);
        assertThat(back.labels().annotations()).hasSize(4);
        assertThat(back.labels().categories()).extracting(c -> c.name()).contains("truck");
    }

    @Test
    void shouldWriteOutlinesWithSegments() {
        Path cvat = Fixtures.copy("cvat", dir);

        LabelConversion.convert(
                new LabelSource(LabelFormat.CVAT, cvat.resolve("annotations.xml"), null),
                LabelFormat.YOLO,
                dir.resolve("yolo"),
                true,
                true,
                ProgressListener.NONE);

        assertThat(Files.exists(dir.resolve("yolo/labels/frames/street.txt"))).isTrue();
        assertThat(readLines(dir.resolve("yolo/labels/frames/street.txt")))
                .contains("1 0.625000 0.104167 0.937500 0.104167 0.781250 0.625000");
    }

    @Test
    void shouldRefuseAnExistingOutput() throws IOException {
        Path cvat = Fixtures.copy("cvat", dir);
        Files.writeString(dir.resolve("taken.json"), "{}");

        assertThatThrownBy(() -> LabelConversion.convert(
                        new LabelSource(LabelFormat.CVAT, cvat.resolve("annotations.xml"), null),
                        LabelFormat.COCO,
                        dir.resolve("taken.json"),
                        false,
                        true,
                        ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(dir.resolve("taken.json"))).isEqualTo("{}");
    }

    @Test
    void shouldRefuseAFormatTheSuiteDoesNotWrite() {
        Path cvat = Fixtures.copy("cvat", dir);

        assertThatThrownBy(() -> LabelConversion.convert(
                        new LabelSource(LabelFormat.CVAT, cvat.resolve("annotations.xml"), null),
                        LabelFormat.VOC,
                        dir.resolve("voc"),
                        false,
                        true,
                        ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("[coco, yolo], not as voc");
    }

    private static java.util.List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
