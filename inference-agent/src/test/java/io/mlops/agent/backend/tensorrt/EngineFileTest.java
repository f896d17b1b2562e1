package io.mlops.agent.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine files are keyed so an engine is only reused on the GPU model and TensorRT that built it. */
class EngineFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeyTheEngineByGpuTensorRtVersionAndModelHash() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});

        EngineFile file = EngineFile.of(dir.resolve("compiled"), model, "NVIDIA H100 80GB HBM3", 101500);

        // sha256 of the bytes 01 02 03
        assertThat(file.path().getFileName().toString())
                .isEqualTo("NVIDIA_H100_80GB_HBM3-trt101500-"
                        + "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81.engine");
        assertThat(EngineFile.of(dir, model, "NVIDIA L4", 101500).path().getFileName())
                .isNotEqualTo(EngineFile.of(dir, model, "NVIDIA H100 80GB HBM3", 101500)
                        .path()
                        .getFileName());
        assertThat(EngineFile.of(dir, model, "NVIDIA L4", 101400).path())
                .isNotEqualTo(EngineFile.of(dir, model, "NVIDIA L4", 101500).path());
    }

    @Test
    void shouldFindNothingBeforeTheFirstBuildAndTheEngineAfter() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), new byte[] {9});
        EngineFile file = EngineFile.of(dir.resolve("compiled"), model, "GPU", 1);
        assertThat(file.read()).isEmpty();

        file.write(new byte[] {4, 5, 6});

        assertThat(file.read()).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(4, 5, 6));
        try (Stream<Path> left = Files.list(dir.resolve("compiled"))) {
            assertThat(left).as("no temporary file left behind").containsExactly(file.path());
        }
    }
}
