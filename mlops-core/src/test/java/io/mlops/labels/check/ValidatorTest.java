package io.mlops.labels.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.labels.Finding;
import io.mlops.labels.Fixtures;
import io.mlops.labels.Severity;
import io.mlops.labels.format.CocoReader;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation of labels read from small COCO files with real image files beside them. */
class ValidatorTest {
    @TempDir
    Path dir;

    @BeforeEach
    void images() {
        Fixtures.image(dir.resolve("a.png"), 100, 80);
        Fixtures.image(dir.resolve("b.png"), 50, 50);
    }

    private ValidationReport validate(String json, CheckOptions options) throws IOException {
        Path file = Files.writeString(dir.resolve("labels.json"), json);
        Validator validator = new Validator("coco:" + file, dir, options, ProgressListener.NONE);
        new CocoReader().read(file, dir, validator, ProgressListener.NONE);
        return validator.report();
    }

    private ValidationReport validate(String json) throws IOException {
        return validate(json, CheckOptions.defaults());
    }

    private static String coco(String images, String annotations, String categories) {
        return "{\"images\": [" + images + "],\n\"annotations\": [" + annotations + "],\n\"categories\": [" + categories
                + "]}";
    }

    private static final String IMAGES = "{\"id\": 1, \"file_name\": \"a.png\", \"width\": 100, \"height\": 80},"
            + "{\"id\": 2, \"file_name\": \"b.png\", \"width\": 50, \"height\": 50}";
    private static final String CATEGORIES = "{\"id\": 1, \"name\": \"cat\"}, {\"id\": 2, \"name\": \"dog\"}";

    private static String box(long id, long image, int category, String bbox) {
        return "{\"id\": " + id + ", \"image_id\": " + image + ", \"category_id\": " + category + ", \"bbox\": [" + bbox
                + "]}";
    }

    private static List<Finding> findings(ValidationReport report, String code) {
        return report.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    void shouldPassCleanLabels() throws IOException {
        ValidationReport report =
                validate(coco(IMAGES, box(1, 1, 1, "10, 10, 20, 20") + "," + box(2, 2, 2, "0, 0, 50, 50"), CATEGORIES));

        assertThat(report.passed()).isTrue();
        assertThat(report.errors()).isZero();
        assertThat(report.warnings()).isZero();
        assertThat(report.images()).isEqualTo(2);
        assertThat(report.annotations()).isEqualTo(2);
        assertThat(report.categories()).isEqualTo(2);
    }

    @Test
    void shouldReportAMissingImageFile() throws IOException {
        ValidationReport report = validate(coco(
                IMAGES + ",{\"id\": 3, \"file_name\": \"gone.png\", \"width\": 10, \"height\": 10}",
                box(1, 3, 1, "1, 1, 2, 2"),
                CATEGORIES));

        assertThat(findings(report, "image-missing")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.subject()).isEqualTo("image 3 'gone.png'");
            assertThat(f.message()).contains(dir.resolve("gone.png").toString());
            assertThat(f.where().line()).isEqualTo(1);
        });
        assertThat(report.passed()).isFalse();
    }

    @Test
    void shouldReportAnImageWhoseSizeDiffersFromItsFile() throws IOException {
        ValidationReport report = validate(coco(
                "{\"id\": 1, \"file_name\": \"a.png\", \"width\": 80, \"height\": 100}",
                box(1, 1, 1, "1, 1, 2, 2"),
                CATEGORIES));

        assertThat(findings(report, "image-size-mismatch"))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("the labels say 80x100 but")
                        .contains("is 100x80")
                        .contains("width and height swapped"));
    }

    @Test
    void shouldRejectBoxOutsideImage() throws IOException {
        ValidationReport report = validate(coco(
                IMAGES,
                box(1, 1, 1, "90, 10, 20, 20") + ",\n" + box(2, 1, 1, "-5, 0, 10, 10") + ",\n"
                        + box(3, 1, 1, "80.4, 60.4, 20, 20"),
                CATEGORIES));

        assertThat(findings(report, "box-outside-image"))
                .extracting(Finding::subject)
                .containsExactly("annotation 1", "annotation 2");
        Finding first = findings(report, "box-outside-image").getFirst();
        assertThat(first.message())
                .contains("box [90, 10, 20, 20]")
                .contains("image 1 of 100x80")
                .contains("x 90.0..110.0");
        assertThat(first.where().line()).as("the annotations start on line 2").isEqualTo(2);
    }

    @Test
    void shouldRejectBoxWithZeroOrNegativeArea() throws IOException {
        ValidationReport report =
                validate(coco(IMAGES, box(1, 1, 1, "10, 10, 0, 5") + "," + box(2, 1, 1, "10, 10, 5, -1"), CATEGORIES));

        assertThat(findings(report, "box-empty"))
                .extracting(Finding::subject)
                .containsExactly("annotation 1", "annotation 2");
    }

    @Test
    void shouldReportUnknownCategoryOnceWithItsCountAndFirstUse() throws IOException {
        ValidationReport report = validate(coco(
                IMAGES,
                box(1, 1, 9, "1, 1, 2, 2") + "," + box(2, 1, 9, "1, 1, 2, 2") + "," + box(3, 2, 9, "1, 1, 2, 2"),
                CATEGORIES));

        assertThat(findings(report, "unknown-category")).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("annotation 1");
            assertThat(f.message())
                    .isEqualTo("3 labels use category id 9, which no category defines (this is the first)");
        });
    }

    @Test
    void shouldReportAnAnnotationOnAnImageThatDoesNotExist() throws IOException {
        ValidationReport report = validate(coco(IMAGES, box(1, 42, 1, "1, 1, 2, 2"), CATEGORIES));

        assertThat(findings(report, "unknown-image"))
                .singleElement()
                .satisfies(f ->
                        assertThat(f.message()).isEqualTo("refers to image id 42, which the labels do not define"));
    }

    @Test
    void shouldReportDuplicateImageAnnotationAndCategoryIds() throws IOException {
        ValidationReport report = validate(coco(
                IMAGES + ",{\"id\": 2, \"file_name\": \"a.png\", \"width\": 100, \"height\": 80}",
                box(7, 1, 1, "1, 1, 2, 2") + "," + box(7, 2, 1, "1, 1, 2, 2"),
                CATEGORIES + ",{\"id\": 2, \"name\": \"bird\"}"));

        assertThat(report.count("duplicate-image-id")).isEqualTo(1);
        assertThat(report.count("duplicate-annotation-id")).isEqualTo(1);
        assertThat(findings(report, "duplicate-category-id"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'dog'").contains("'bird'"));
    }

    @Test
    void shouldReportCategoryNamesThatDifferOnlyInCaseOrWhitespace() throws IOException {
        ValidationReport report = validate(coco(
                IMAGES,
                box(1, 1, 1, "1, 1, 2, 2"),
                "{\"id\": 1, \"name\": \"Traffic Light\"}, {\"id\": 2, \"name\": \"traffic  light \"},"
                        + "{\"id\": 3, \"name\": \"Traffic Light\"}"));

        assertThat(findings(report, "category-name-variant")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("'traffic  light ' and 'Traffic Light' (category 1)");
        });
        assertThat(findings(report, "duplicate-category-name"))
                .singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo("category 3"));
    }

    @Test
    void shouldReportImagesWithoutAnnotationsAsInformationOnly() throws IOException {
        ValidationReport report = validate(coco(IMAGES, box(1, 1, 1, "1, 1, 2, 2"), CATEGORIES));

        assertThat(findings(report, "image-without-annotations"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.subject()).isEqualTo("image 2");
                });
        assertThat(findings(report, "category-unused"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'dog'"));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void shouldRejectImagePathsThatEscapeTheImagesDirectory() throws IOException {
        ValidationReport report = validate(coco(
                "{\"id\": 1, \"file_name\": \"../outside.png\", \"width\": 10, \"height\": 10},"
                        + "{\"id\": 2, \"file_name\": \"/etc/passwd\", \"width\": 10, \"height\": 10},"
                        + "{\"id\": 3, \"file_name\": \"sub/../../x.png\", \"width\": 10, \"height\": 10}",
                "",
                CATEGORIES));

        assertThat(findings(report, "path-escapes-root"))
                .extracting(Finding::subject)
                .containsExactly("image 1", "image 2", "image 3");
        assertThat(findings(report, "path-escapes-root").getFirst().message()).contains("'../outside.png'");
        assertThat(report.count("image-missing"))
                .as("escaping paths are never opened")
                .isZero();
    }

    @Test
    void shouldTurnWarningsIntoErrorsWhenStrict() throws IOException {
        String json = coco(
                IMAGES + ",{\"id\": 3, \"file_name\": \"a.png\", \"width\": 100, \"height\": 80}",
                box(1, 1, 1, "1, 1, 2, 2"),
                CATEGORIES);

        ValidationReport lenient = validate(json);
        ValidationReport strict = validate(json, CheckOptions.defaults().withStrict(true));

        assertThat(lenient.passed()).isTrue();
        assertThat(lenient.warnings()).isEqualTo(1);
        assertThat(strict.passed()).isFalse();
        assertThat(strict.errors()).isEqualTo(1);
        assertThat(findings(strict, "duplicate-file-name").getFirst().severity())
                .isEqualTo(Severity.ERROR);
    }

    @Test
    void shouldCountEveryFindingButKeepOnlyTheFirstExamples() throws IOException {
        StringBuilder boxes = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            boxes.append(i == 1 ? "" : ",").append(box(i, 1, 1, "-50, -50, 10, 10"));
        }
        ValidationReport report = validate(
                coco(IMAGES, boxes.toString(), CATEGORIES),
                CheckOptions.defaults().withExamplesPerCode(3));

        assertThat(report.count("box-outside-image")).isEqualTo(500);
        assertThat(report.errors()).isEqualTo(500);
        assertThat(findings(report, "box-outside-image"))
                .extracting(Finding::subject)
                .containsExactly("annotation 1", "annotation 2", "annotation 3");
    }

    @Test
    void shouldNotOpenImageFilesWhenCheckingLabelsOnly() throws IOException {
        ValidationReport report = validate(
                coco("{\"id\": 1, \"file_name\": \"gone.png\", \"width\": 10, \"height\": 10}", "", CATEGORIES),
                CheckOptions.defaults().withOpenImages(false));

        assertThat(report.count("image-missing")).isZero();
        assertThat(report.imagesOpened()).isFalse();
    }

    @Test
    void shouldListErrorsBeforeWarningsAndInformation() throws IOException {
        ValidationReport report = validate(coco(
                IMAGES + ",{\"id\": 3, \"file_name\": \"a.png\", \"width\": 100, \"height\": 80}",
                box(1, 1, 1, "1, 1, 0, 2"),
                CATEGORIES));

        assertThat(report.findings()).extracting(Finding::severity).isSortedAccordingTo(Enum::compareTo);
        assertThat(report.findings().getFirst().severity()).isEqualTo(Severity.ERROR);
    }
}
