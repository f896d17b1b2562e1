package io.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** What a deployment request accepts, and that it keeps its token to itself. */
class DeployRequestTest {
    @Test
    void shouldNeverShowTheTokenInItsText() {
        DeployRequest request =
                new DeployRequest("http://gpu-1:8000", "s3cret", "persons@production", "tensorrt", "cuda:0", 10, 120);

        assertThat(request.toString())
                .doesNotContain("s3cret")
                .contains("token=****")
                .contains("persons@production");
    }

    @Test
    void shouldBeSerializableAndEqualByValue() throws Exception {
        DeployRequest request = new DeployRequest("http://a:1", "t", "m:1", "onnxruntime", " ", 100, 0);

        assertThat(request.device()).isNull();
        assertThat(request).isEqualTo(new DeployRequest("http://a:1", "t", "m:1", "onnxruntime", null, 100, 0));
        assertThat(request.hashCode())
                .isEqualTo(new DeployRequest("http://a:1", "t", "m:1", "onnxruntime", null, 100, 0).hashCode());
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(request);
            out.writeObject(new DeploymentOutcome("m", 1, "onnxruntime", "a", "http://a:1/v2/models/m", false, null));
        }
    }

    @Test
    void shouldRejectWhatNoAgentCanDo() {
        assertThatThrownBy(() -> new DeployRequest("http://a:1", "t", "m", "tflite", null, 100, 0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("unknown backend 'tflite'");
        assertThatThrownBy(() -> new DeployRequest("http://a:1", "t", "m", "onnxruntime", null, 101, 0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("1 to 100 percent: 101");
        assertThatThrownBy(() -> new DeployRequest("http://a:1", "t", "m", "onnxruntime", null, 100, -1))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("0 or more seconds");
        assertThatThrownBy(() -> new DeployRequest("http://a:1", " ", "m", "onnxruntime", null, 100, 0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("admin token");
        assertThatThrownBy(() -> new DeployRequest("http://a:1", "t", "m:x", "onnxruntime", null, 100, 0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'m:x'");
    }

    @Test
    void shouldRejectAnAgentUrlThatIsNoHttpUrl() {
        assertThatThrownBy(() -> new AgentClient("gpu-1:8000", "t"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'gpu-1:8000' is no agent URL");
        assertThat(AgentClient.baseUri("http://gpu-1:8000/").toString()).isEqualTo("http://gpu-1:8000");
    }
}
