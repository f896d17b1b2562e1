package io.mlops.labels.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlops.labels.Box;
import io.mlops.labels.Finding;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.RecordingSink;
import io.mlops.labels.Severity;
import io.mlops.labels.scan.ConversionResult;
import io.mlops.labels.scan.LabelConversion;
import io.mlops.labels.scan.LabelsRejected;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.Peers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export variants of Label Studio (issue 18, item 4), produced by label-studio-sdk's own
 * converter ({@code label_studio_sdk.converter.Converter}, run by {@code
 * python/labelstudio_export.py} in the venv {@code bin/setup-python} makes for it) from a Label
 * Studio JSON export this test writes, then read with the suite. The tasks name their images by
 * Label Studio's upload URL; the user downloaded the images into a directory of their own.
 */
class LabelStudioExportsTest {
    private static final String CONFIG = "<View><Image name=\"image\" value=\"$image\"/>"
            + "<RectangleLabels name=\"label\" toName=\"image\"><Label value=\"cat\"/><Label value=\"dog\"/>"
            + "</RectangleLabels></View>";
    private static final String CAT = "a1b2c3-cat.png";
    private static final String EMPTY = "d4e5f6-empty.png";

    @TempDir
    Path dir;

    private Path images;

    @BeforeEach
    void images() throws IOException {
        images = Files.createDirectories(dir.resolve("downloaded"));
        png(images.resolve(CAT), 200, 100);
        png(images.resolve(EMPTY), 120, 80);
    }

    @Test
    void shouldReadTheJsonMinExportWithItsImageAtTheTopLevel() throws Exception {
        Path out = export("JSON_MIN", tasks(0));
        RecordingSink sink = new RecordingSink();
        new LabelStudioReader().read(out.resolve("result.json"), images, sink, ProgressListener.NONE);

        assertThat(sink.images).containsExactly(new LabeledImage(1, CAT, 200, 100), new LabeledImage(2, EMPTY, 0, 0));
        assertThat(sink.annotations)
                .extracting(a -> sink.name(a.categoryId()) + " " + a.box())
                .containsExactly("cat " + new Box(0, 0, 100, 40), "dog " + new Box(100, 50, 100, 50));
        assertThat(sink.findings).isEmpty();
    }

    @Test
    void shouldNameTheTaskOfAJsonMinRowWithoutAnImage() throws IOException {
        Path file = dir.resolve("min.json");
        Files.writeString(file, "[{\"id\": 7, \"label\": []}]");
        RecordingSink sink = new RecordingSink();
        new LabelStudioReader().read(file, images, sink, ProgressListener.NONE);

        assertThat(sink.images).isEmpty();
        assertThat(sink.findings).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.subject()).isEqualTo("task 7");
            assertThat(finding.where().toString()).contains("min.json");
            assertThat(finding.message()).contains("'image'");
        });
    }

    @Test
    void shouldReadTheCocoExportByFileNameAndSizeUnannotatedImagesFromTheirFiles() throws Exception {
        Path out = export("COCO", tasks(0));
        Path coco = out.resolve("result.json");
        assertThat(Files.readString(coco))
                .contains("\\/data\\/upload\\/1\\/" + EMPTY)
                .contains("\"width\": null");
        RecordingSink sink = new RecordingSink();
        new CocoReader().read(coco, images, sink, ProgressListener.NONE);

        assertThat(sink.images).containsExactly(new LabeledImage(0, CAT, 200, 100), new LabeledImage(1, EMPTY, 0, 0));
        assertThat(sink.annotations)
                .extracting(a -> a.box())
                .containsExactly(new Box(0, 0, 100, 40), new Box(100, 50, 100, 50));
        assertThat(sink.findings).isEmpty();

        Path converted = dir.resolve("converted.json");
        ConversionResult result = LabelConversion.convert(
                new LabelSource(LabelFormat.COCO, coco, images),
                LabelFormat.COCO,
                converted,
                false,
                false,
                ProgressListener.NONE);
        assertThat(result.written().images()).isEqualTo(2);
        assertThat(result.written().objects()).isEqualTo(2);
        // the unannotated image's size came from its file, found by its name
        assertThat(Files.readString(converted)).containsPattern("\"width\"\\s*:\\s*120");
    }

    @Test
    void shouldClampTheVocExportsBoxesAtMinusOneWithAWarningNamingFileAndBox() throws Exception {
        // a rectangle Label Studio let reach half a percent past the left edge: its VOC export writes xmin -1
        Path out = export("VOC", tasks(-0.5));
        Path xml = out.resolve("Annotations").resolve("a1b2c3-cat.xml");
        assertThat(Files.readString(xml)).contains("<xmin>-1</xmin>");
        RecordingSink sink = new RecordingSink();
        new VocReader().read(out.resolve("Annotations"), images, sink, ProgressListener.NONE);

        assertThat(sink.annotations).extracting(a -> a.box()).first().isEqualTo(new Box(0, 0, 99, 40));
        List<Finding> clamped = sink.findings.stream()
                .filter(f -> f.code().equals("box-clamped"))
                .toList();
        assertThat(clamped).isNotEmpty().allSatisfy(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.message()).contains("a1b2c3-cat.xml").contains("x -2.0");
        });
        assertThat(clamped.getFirst().subject()).isEqualTo("object 'cat'");
        assertThat(sink.findings).noneMatch(f -> f.severity() == Severity.ERROR);
    }

    @Test
    void shouldReadTheUltralyticsSplitLayout() throws Exception {
        Path dataset = splitLayout(export("YOLO", tasks(0)), "labels");
        YoloReader reader = new YoloReader();
        RecordingSink sink = new RecordingSink();
        reader.read(dataset, reader.defaultImages(dataset), sink, ProgressListener.NONE);

        assertThat(sink.images)
                .extracting(LabeledImage::fileName)
                .containsExactly("train/images/" + CAT, "train/images/" + EMPTY);
        assertThat(sink.annotations).extracting(a -> sink.name(a.categoryId())).containsExactly("cat", "dog");
        assertThat(sink.annotations.getFirst().box().width()).isEqualTo(100, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sink.findings).noneMatch(f -> f.severity() == Severity.ERROR);

        ConversionResult result = LabelConversion.convert(
                new LabelSource(LabelFormat.YOLO, dataset, null),
                LabelFormat.COCO,
                dir.resolve("split.json"),
                false,
                false,
                ProgressListener.NONE);
        assertThat(result.written().objects()).isEqualTo(2);
    }

    @Test
    void shouldRefuseToConvertImagesWhoseLabelsAreNowhereToBeFound() throws Exception {
        // the labels sit in a directory Ultralytics would not look in
        Path dataset = splitLayout(export("YOLO", tasks(0)), "annotations");
        Path output = dir.resolve("nothing.json");

        assertThatThrownBy(() -> LabelConversion.convert(
                        new LabelSource(LabelFormat.YOLO, dataset, null),
                        LabelFormat.COCO,
                        output,
                        false,
                        false,
                        ProgressListener.NONE))
                .isInstanceOf(LabelsRejected.class)
                .satisfies(e -> assertThat(((LabelsRejected) e).report().count("no-labels"))
                        .isEqualTo(1));
        assertThat(output).doesNotExist();
    }

    /** Moves the converter's YOLO output into Roboflow's split layout, labels under {@code labelsName}. */
    private Path splitLayout(Path yolo, String labelsName) throws IOException {
        Path dataset = dir.resolve("roboflow");
        Path train = Files.createDirectories(dataset.resolve("train"));
        Files.createDirectories(train.resolve("images"));
        Files.copy(images.resolve(CAT), train.resolve("images").resolve(CAT));
        Files.copy(images.resolve(EMPTY), train.resolve("images").resolve(EMPTY));
        Files.move(yolo.resolve("labels"), train.resolve(labelsName));
        List<String> classes = Files.readAllLines(yolo.resolve("classes.txt")).stream()
                .filter(line -> !line.isBlank())
                .toList();
        assertThat(classes).containsExactly("cat", "dog");
        Files.writeString(
                dataset.resolve("data.yaml"),
                "train: ../train/images\nval: ../train/images\nnc: 2\nnames: ['cat', 'dog']\n");
        return dataset;
    }

    /** Label Studio's JSON export of two uploaded images, the first with a cat and a dog, the second unannotated. */
    private Path tasks(double catX) throws IOException {
        String region =
                "{\"id\": \"%s\", \"type\": \"rectanglelabels\", \"from_name\": \"label\", \"to_name\": \"image\","
                        + " \"original_width\": 200, \"original_height\": 100, \"image_rotation\": 0, \"value\": {\"x\": %s,"
                        + " \"y\": %s, \"width\": 50, \"height\": %s, \"rotation\": 0, \"rectanglelabels\": [\"%s\"]}}";
        String json = "[{\"id\": 1, \"data\": {\"image\": \"/data/upload/1/" + CAT
                + "\"}, \"annotations\": [{\"id\": 11,"
                + " \"result\": [" + region.formatted("r1", catX, 0, 40, "cat") + ", "
                + region.formatted("r2", 50, 50, 50, "dog") + "], \"was_cancelled\": false, \"ground_truth\": false,"
                + " \"created_at\": \"2026-01-01T00:00:00Z\", \"updated_at\": \"2026-01-01T00:00:00Z\","
                + " \"lead_time\": 1, \"completed_by\": 1}], \"predictions\": []},"
                + " {\"id\": 2, \"data\": {\"image\": \"/data/upload/1/" + EMPTY + "\"}, \"annotations\": [],"
                + " \"predictions\": []}]";
        Path file = dir.resolve("tasks.json");
        Files.writeString(file, json);
        return file;
    }

    /** Runs label-studio-sdk's converter; returns its output directory. */
    private Path export(String format, Path tasks) throws Exception {
        Path config = dir.resolve("config.xml");
        Files.writeString(config, CONFIG);
        Path out = dir.resolve("export-" + format);
        Path script = Peers.repositoryRoot().resolve("python").resolve("labelstudio_export.py");
        Process process = new ProcessBuilder(
                        labelStudioPython().toString(),
                        script.toString(),
                        config.toString(),
                        tasks.toString(),
                        format,
                        out.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).count()).as(output).isPositive();
        }
        return out;
    }

    /**
     * label-studio-sdk's Python, in its own venv (its pins may clash with mlflow's): {@code
     * $MLOPS_LABELSTUDIO_VENV}, else the main venv's path with {@code -labelstudio} appended, as
     * {@code bin/setup-python} creates it. Missing, the test is skipped, and fails under CI.
     */
    private static Path labelStudioPython() {
        String configured = System.getenv("MLOPS_LABELSTUDIO_VENV");
        Path venv = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(Peers.venv() + "-labelstudio");
        Path python = venv.resolve("bin").resolve("python");
        if (!Files.isExecutable(python)) {
            String reason = "label-studio-sdk's venv is not at " + venv
                    + "; run bin/setup-python (it creates it) or set MLOPS_LABELSTUDIO_VENV";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return python;
    }

    private static void png(Path file, int width, int height) throws IOException {
        assertThat(ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile()))
                .isTrue();
    }
}
