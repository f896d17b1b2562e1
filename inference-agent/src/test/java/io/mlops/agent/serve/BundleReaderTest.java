package io.mlops.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.agent.testing.AgentModels;
import io.mlops.error.UserError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {
    @TempDir
    Path dir;

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldUnpackTheBundleFiles() throws Exception {
        byte[] zip = AgentModels.bundle(
                Map.of("model.onnx", text("onnx bytes"), "sample-input.json", text("{\"inputs\":[]}")));
        new BundleReader(1_000).unpack(new ByteArrayInputStream(zip), dir);
        assertThat(dir.resolve("model.onnx")).hasContent("onnx bytes");
        assertThat(dir.resolve("sample-input.json")).hasContent("{\"inputs\":[]}");
    }

    @Test
    void shouldRejectAnEntryThatNamesAPathOutsideTheBundle() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.onnx", text("x"));
        files.put("../../evil.sh", text("rm -rf /"));
        byte[] zip = AgentModels.bundle(files);
        Path into = Files.createDirectories(dir.resolve("in"));
        assertThatThrownBy(() -> new BundleReader(1_000).unpack(new ByteArrayInputStream(zip), into))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("bundle entry '../../evil.sh' is not allowed");
        assertThat(dir.getParent().resolve("evil.sh")).doesNotExist();
        assertThat(dir.resolve("evil.sh")).doesNotExist();
    }

    @Test
    void shouldRejectABundleWithoutAModel() {
        byte[] zip = AgentModels.bundle(Map.of("model-card.json", text("{}")));
        assertThatThrownBy(() -> new BundleReader(1_000).unpack(new ByteArrayInputStream(zip), dir))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("the bundle has no model.onnx");
    }

    @Test
    void shouldRejectABodyThatIsNotAZip() {
        assertThatThrownBy(() -> new BundleReader(1_000).unpack(new ByteArrayInputStream(text("hello")), dir))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("not a zip file");
    }

    @Test
    void shouldStopUnpackingAtTheSizeLimitAndLeaveNothingBehind() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("sample-input.json", text("{\"inputs\":[]}"));
        files.put("model.onnx", new byte[10_000]);
        byte[] zip = AgentModels.bundle(files);
        assertThatThrownBy(() -> new BundleReader(5_000).unpack(new ByteArrayInputStream(zip), dir))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("more than 5000 bytes");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
