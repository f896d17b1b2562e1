package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.testing.Chromium;
import io.mlops.testing.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo page in real headless Chromium against a running agent: its script loads the model's
 * metadata and sample input, sends the sample and shows the answer, without a script error.
 */
class DemoPageChromiumTest {
    @TempDir
    Path dir;

    @Test
    void shouldFillInTheSampleAndShowTheAnswerInChromium() throws Exception {
        Path chromium = Chromium.program();
        try (RunningAgent agent = new RunningAgent(dir.resolve("repo"), 1_000_000, null)) {
            agent.serveLinear(dir, "mlp", "1", 2);
            List<String> command = new ArrayList<>();
            command.add(chromium.toString());
            command.addAll(Chromium.headless(dir.resolve("profile")));
            command.addAll(List.of(
                    "--enable-logging=stderr",
                    "--v=0",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    agent.uri("/v2/models/mlp/demo?send").toString()));

            Processes.Result dom = Processes.run(dir, command);

            assertThat(dom.exitCode()).as(dom.output()).isZero();
            assertThat(dom.output())
                    .contains("inputs: x FP32[-1, 3] · outputs: y FP32[-1, 2] · versions: 1")
                    .contains("\"datatype\": \"FP32\"")
                    .contains("Answered by version 1")
                    .contains("\"model_version\": \"1\"")
                    .doesNotContain("Uncaught");
        }
    }
}
