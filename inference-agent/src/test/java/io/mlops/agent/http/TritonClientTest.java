package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.agent.testing.AgentModels;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the official KServe V2 / Triton HTTP client ({@code tritonclient[http]} from
 * .venv): server and model metadata, readiness, inference with JSON and binary tensor data for
 * every datatype, and the errors it reports, against a real agent on a loopback port.
 */
class TritonClientTest {
    @TempDir
    Path dir;

    @Test
    void shouldServeTheOfficialTritonHttpClient() throws Exception {
        Path python = Peers.program("python");
        Path script = dir.resolve("tritonclient_check.py");
        try (InputStream in = TritonClientTest.class.getResourceAsStream("tritonclient_check.py")) {
            Files.copy(in, script);
        }
        try (RunningAgent agent = new RunningAgent(dir.resolve("repo"), 10_000_000, null)) {
            agent.serveLinear(dir, "mlp", "1", 1);
            assertThat(agent.upload("types", "1", AgentModels.bundle(Map.of("model.onnx", AgentModels.allTypes())))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(agent.switchTo("types", "1").statusCode()).isEqualTo(200);

            Processes.Result result = Processes.run(
                    dir, List.of(python.toString(), script.toString(), "127.0.0.1:" + agent.agent.httpPort()));

            assertThat(result.output()).contains("all checks passed");
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }
}
