package io.mlops.eval.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.labels.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ground truth read through the labels' one COCO reader and annotation model. */
class CocoGroundTruthTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBoxesWithTheirStatedAreaAndCrowdFlag() throws IOException {
        Path file = Files.writeString(dir.resolve("instances.json"), """
                {"images": [{"id": 7, "file_name": "a.png", "width": 64, "height": 48}],
                 "annotations": [{"id": 1, "image_id": 7, "category_id": 3, "bbox": [1, 2, 10, 20],
                                  "area": 150, "iscrowd": 1}],
                 "categories": [{"id": 3, "name": "person"}]}
                """);

        CocoGroundTruth truth = CocoGroundTruth.read(file);

        assertThat(truth.categories()).containsExactly(Category.of(3, "person"));
        assertThat(truth.boxes().get(7L)).containsExactly(new ScoredBox(7, 3, 1, 2, 10, 20, 150, 1, true));
    }

    @Test
    void shouldStopAtAnAnnotationTheReaderWouldSkip() throws IOException {
        // a label check reads past a bad box and lists it; an evaluation without it would score wrongly
        Path file = Files.writeString(dir.resolve("instances.json"), """
                {"images": [{"id": 1, "file_name": "a.png"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3]}],
                 "categories": [{"id": 1, "name": "person"}]}
                """);

        assertThatThrownBy(() -> CocoGroundTruth.read(file))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("annotation 1")
                .hasMessageContaining("'bbox' must be [x, y, width, height]");
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> CocoGroundTruth.read(missing))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(missing.toString());
    }
}
