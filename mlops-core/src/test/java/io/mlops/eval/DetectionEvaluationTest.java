package io.mlops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.eval.data.DataSpec;
import io.mlops.eval.gate.Gate;
import io.mlops.image.Preprocessing;
import io.mlops.onnx.SessionSettings;
import io.mlops.onnx.TestModels;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A detector's boxes, letterboxed into the model and mapped back, scored against COCO ground truth. */
class DetectionEvaluationTest {
    @TempDir
    Path tmp;

    @Test
    void shouldMapLetterboxedBoxesBackAndScoreThemAsCoco() throws IOException {
        // one 200x100 image with a person at (20, 10, 60x40) and a car at (120, 50, 50x30)
        EvaluationTest.png(tmp.resolve("images/scene.png"), 200, 100, 0, new Random(1));
        Map<String, Object> instances = Map.of(
                "images", List.of(Map.of("id", 7, "file_name", "scene.png", "width", 200, "height", 100)),
                "categories", List.of(Map.of("id", 1, "name", "person"), Map.of("id", 3, "name", "car")),
                "annotations",
                        List.of(
                                Map.of(
                                        "id",
                                        1,
                                        "image_id",
                                        7,
                                        "category_id",
                                        1,
                                        "bbox",
                                        List.of(20, 10, 60, 40),
                                        "area",
                                        2400,
                                        "iscrowd",
                                        0),
                                Map.of(
                                        "id",
                                        2,
                                        "image_id",
                                        7,
                                        "category_id",
                                        3,
                                        "bbox",
                                        List.of(120, 50, 50, 30),
                                        "area",
                                        1500,
                                        "iscrowd",
                                        0)));
        Path annotations = tmp.resolve("instances.json");
        new ObjectMapper().writeValue(annotations.toFile(), instances);
        Path preprocess = Files.writeString(tmp.resolve("detector.yaml"), "letterbox: [64, 64]\n");
        // letterbox 200x100 into 64x64: scale 0.32, 32 rows of padding on top -> y' = 0.32 y + 16
        float[] detections = {
            6.4f,
            19.2f,
            25.6f,
            32f,
            0.9f,
            0, // the person, exactly
            38.4f,
            32f,
            54.4f,
            41.6f,
            0.8f,
            1, // the car, exactly
            0,
            16,
            10,
            20,
            0.3f,
            1, // a false car
            0,
            0,
            0,
            0,
            0,
            0 // padding: score 0 is no detection
        };
        Path model = TestModels.constantDetector(tmp.resolve("detector.onnx"), 64, 64, detections);

        Evaluation.Outcome outcome = new Evaluation(BaselineResolver.withoutRegistry())
                .evaluate(
                        EvaluationRequest.builder()
                                .model(model)
                                .data(DataSpec.parse("coco:" + annotations))
                                .task(Task.DETECTION)
                                .preprocessing(Preprocessing.read(preprocess), preprocess)
                                .batch(1)
                                .gates(List.of(Gate.parse("AP[person] >= 0.99"), Gate.parse("mAP50 >= 0.99")))
                                .session(SessionSettings.defaults())
                                .workers(1)
                                .build(),
                        ProgressListener.NONE);
        EvaluationReport report = outcome.report();
        ReportFiles.write(tmp.resolve("report"), report, outcome.state());

        assertThat(report.detection().detections()).isEqualTo(3);
        assertThat(report.detection().apPerClass().get("person"))
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        // the false car scores below the true one: precision stays 1 up to full recall
        assertThat(report.metrics().get("AP[car]")).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(report.passed()).isTrue();
        assertThat(report.preprocessing()).isEqualTo(preprocess.toString());
        assertThat(tmp.resolve("report/preprocessing.yaml")).hasSameTextualContentAs(preprocess);
        assertThat(Files.readString(tmp.resolve("report/report.html")))
                .contains("Precision-recall at IoU .50", "polyline");
        JenkinsCspCheck.assertRendersUnderJenkinsCsp(tmp.resolve("report"));
    }
}
