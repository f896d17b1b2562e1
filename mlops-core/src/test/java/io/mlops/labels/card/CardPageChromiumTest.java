package io.mlops.labels.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.ImageLabel;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.testing.Chromium;
import io.mlops.testing.Processes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset card page opened in real headless Chromium: it must run its script without an
 * error (the script marks the page when done, and Chromium's console log must hold no uncaught
 * error) and draw something. The screenshot is kept at {@code target/labels-card.png}.
 */
class CardPageChromiumTest {
    private static final Path TARGET = Path.of("target");

    @TempDir
    Path dir;

    @Test
    void shouldRenderTheCardInChromiumWithoutErrors() throws IOException {
        Path chromium = Chromium.program();
        Path page = Files.createDirectories(TARGET).resolve("labels-card.html");
        Files.writeString(page, CardPage.render(sampleCard(), "coco:data/instances_train.json"));

        Processes.Result dom = dumpDom(chromium, page);

        assertThat(dom.exitCode()).as(dom.output()).isZero();
        assertThat(dom.output())
                .contains("data-rendered=\"ok\"")
                .contains("Dataset card")
                .contains("traffic light");
        assertThat(dom.output()).doesNotContain("Uncaught");

        Path screenshot = TARGET.resolve("labels-card.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Processes.Result shot = Processes.run(
                dir,
                command(
                        chromium,
                        "--screenshot=" + screenshot,
                        "--window-size=1200,900",
                        page.toUri().toString()));
        assertThat(shot.exitCode()).as(shot.output()).isZero();
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(900);
        assertThat(distinctColours(image))
                .as("a blank screenshot has one or two colours")
                .isGreaterThan(20);
    }

    @Test
    void shouldNoticeAScriptErrorSoThatTheCheckAboveMeansSomething() throws IOException {
        Path chromium = Chromium.program();
        Path broken = Files.writeString(
                dir.resolve("broken.html"),
                "<!DOCTYPE html><html><body><script>"
                        + "noSuchFunction();document.documentElement.setAttribute('data-rendered','ok');</script></body></html>");

        Processes.Result dom = dumpDom(chromium, broken);

        assertThat(dom.output()).contains("Uncaught ReferenceError").doesNotContain("data-rendered=\"ok\"");
    }

    private Processes.Result dumpDom(Path chromium, Path page) {
        return Processes.run(
                dir,
                command(
                        chromium,
                        "--enable-logging=stderr",
                        "--v=0",
                        "--dump-dom",
                        page.toUri().toString()));
    }

    private List<String> command(Path chromium, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(chromium.toString());
        command.addAll(Chromium.headless(dir.resolve("profile-" + arguments[0].hashCode())));
        command.addAll(List.of(arguments));
        return command;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** A street-scene dataset: 300 images, 8 classes with a long tail, some image-level labels. */
    private static DatasetCard sampleCard() {
        String[] names = {"car", "person", "traffic light", "bicycle", "bus", "truck", "dog", "stop sign"};
        double[] weights = {0.4, 0.25, 0.12, 0.08, 0.06, 0.05, 0.03, 0.01};
        Location here = Location.of("sample");
        CardBuilder builder = new CardBuilder();
        for (int i = 0; i < names.length; i++) {
            builder.category(Category.of(i + 1, names[i]), here);
        }
        builder.category(Category.of(9, "night"), here);
        Random random = new Random(3);
        long id = 1;
        for (int image = 1; image <= 300; image++) {
            int width = random.nextBoolean() ? 640 : 1280;
            builder.image(new LabeledImage(image, "img" + image + ".jpg", width, width * 3 / 4), here);
            int objects = random.nextInt(15);
            for (int o = 0; o < objects; o++) {
                double pick = random.nextDouble();
                int category = 0;
                while (category < weights.length - 1 && pick > weights[category]) {
                    pick -= weights[category];
                    category++;
                }
                double size = 8 + random.nextDouble() * 200;
                builder.annotation(Annotation.box(id++, image, category + 1, new Box(1, 1, size, size * 0.8)), here);
            }
            if (random.nextInt(4) == 0) {
                builder.imageLabel(new ImageLabel(image, 9), here);
            }
        }
        return builder.card();
    }
}
