package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.agent.testing.AgentModels;
import io.mlops.onnx.TestModels;
import io.mlops.testing.Chromium;
import io.mlops.testing.Processes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo page in real headless Chromium against a running agent: its script loads the model's
 * metadata and sample input, sends the sample and shows the answer, and runs an image through a
 * detector and draws its boxes, without a script error.
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

    @Test
    void shouldResizeAnImageIntoTheInputAndDrawTheDetectedBoxes() throws Exception {
        Path chromium = Chromium.program();
        try (RunningAgent agent = new RunningAgent(dir.resolve("repo"), 10_000_000, null)) {
            // One box over most of a 32 x 32 input, score 0.9, class 1; and one below the score cut.
            Path detector = TestModels.constantDetector(
                    dir.resolve("detector.onnx"), 32, 32, new float[] {4, 4, 28, 28, 0.9f, 1, 0, 0, 8, 8, 0.1f, 2});
            byte[] bundle = AgentModels.bundle(Map.of("model.onnx", Files.readAllBytes(detector)));
            assertThat(agent.upload("detector", "1", bundle).statusCode()).isEqualTo(200);
            assertThat(agent.switchTo("detector", "1").statusCode()).isEqualTo(200);
            String image = URLEncoder.encode(grayPng(320, 240), StandardCharsets.UTF_8);
            Path screenshot = dir.resolve("demo.png");

            Processes.Result dom = Processes.run(
                    dir,
                    chromium(
                            chromium,
                            "--dump-dom",
                            agent.uri("/v2/models/detector/demo?image=" + image).toString()));
            Processes.Result shot = Processes.run(
                    dir,
                    chromium(
                            chromium,
                            "--screenshot=" + screenshot,
                            "--window-size=1200,900",
                            agent.uri("/v2/models/detector/demo?image=" + image).toString()));

            assertThat(dom.output())
                    .contains("data-answered=\"yes\"")
                    .contains("Answered by version 1")
                    .contains("\"name\": \"detections\"")
                    .doesNotContain("Uncaught");
            assertThat(shot.exitCode()).as(shot.output()).isZero();
            // The box's outline is drawn in #e0115f; the gray image has none of that colour.
            assertThat(pixelsOf(ImageIO.read(screenshot.toFile()), new Color(0xe0, 0x11, 0x5f)))
                    .isGreaterThan(500);
        }
    }

    private List<String> chromium(Path chromium, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(chromium.toString());
        command.addAll(Chromium.headless(dir.resolve("profile-" + arguments[0].hashCode())));
        command.addAll(List.of("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"));
        command.addAll(List.of(arguments));
        return command;
    }

    private static String grayPng(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.GRAY);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static int pixelsOf(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color pixel = new Color(image.getRGB(x, y));
                if (Math.abs(pixel.getRed() - colour.getRed()) < 24
                        && Math.abs(pixel.getGreen() - colour.getGreen()) < 24
                        && Math.abs(pixel.getBlue() - colour.getBlue()) < 24) {
                    count++;
                }
            }
        }
        return count;
    }
}
