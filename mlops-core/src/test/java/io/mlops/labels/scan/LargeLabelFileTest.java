package io.mlops.labels.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.testing.Processes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A COCO file of 1 GiB is validated in a JVM limited to a 256 MiB heap: the reader streams it, and
 * validation and the dataset card keep per-image and per-class state only. The file is generated
 * here (about ten seconds) and deleted afterwards.
 */
class LargeLabelFileTest {
    private static final long TARGET_BYTES = 1L << 30;
    private static final int IMAGES = 20_000;
    private static final int CATEGORIES = 80;

    @TempDir
    Path dir;

    private Path file;

    @AfterEach
    void deleteTheGigabyte() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void shouldValidateAOneGigabyteCocoFileInA256MegabyteHeap() throws IOException {
        file = dir.resolve("huge.json");
        long annotations = writeHugeCoco(file);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(TARGET_BYTES);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Processes.Result result = Processes.run(
                dir,
                List.of(
                        java.toString(),
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classPath,
                        LargeLabelFileProbe.class.getName(),
                        file.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("images=" + IMAGES + " annotations=" + annotations + " errors=1 objects=" + annotations)
                .contains("annotation " + annotations + ": box [630, 10, 20, 20] reaches outside image 1");
        Matcher heap = Pattern.compile("maxHeapMiB=(\\d+) peakHeapMiB=(\\d+)").matcher(result.output());
        assertThat(heap.find()).as(result.output()).isTrue();
        assertThat(Long.parseLong(heap.group(1)))
                .as("the heap the probe ran in")
                .isLessThanOrEqualTo(256);
        assertThat(Long.parseLong(heap.group(2))).as("the peak heap used").isLessThan(256);
    }

    /** Writes images, then annotations until the file passes 1 GiB, then categories (as COCO's own files order them). */
    private static long writeHugeCoco(Path file) throws IOException {
        long id = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder text = new StringBuilder(1 << 16);
            text.append("{\"info\": {\"description\": \"generated\"},\n\"images\": [\n");
            for (int i = 1; i <= IMAGES; i++) {
                text.append(i == 1 ? "" : ",\n")
                        .append("{\"id\": ")
                        .append(i)
                        .append(", \"file_name\": \"img")
                        .append(i)
                        .append(".jpg\", \"width\": 640, \"height\": 480}");
                flush(text, out);
            }
            text.append("],\n\"annotations\": [\n");
            long written = 0;
            while (written < TARGET_BYTES) {
                id++;
                int x = (int) (id % 600);
                int y = (int) (id % 450);
                text.append(id == 1 ? "" : ",\n")
                        .append("{\"id\": ")
                        .append(id)
                        .append(", \"image_id\": ")
                        .append(1 + id % IMAGES)
                        .append(", \"category_id\": ")
                        .append(1 + id % CATEGORIES)
                        .append(", \"bbox\": [")
                        .append(x)
                        .append(".25, ")
                        .append(y)
                        .append(".5, 20.0, 20.0], \"area\": 400.0, \"iscrowd\": 0, \"segmentation\": [[")
                        .append(x)
                        .append(".25, ")
                        .append(y)
                        .append(".5, ")
                        .append(x + 20)
                        .append(".25, ")
                        .append(y)
                        .append(".5, ")
                        .append(x + 20)
                        .append(".25, ")
                        .append(y + 20)
                        .append(".5]]}");
                written += flush(text, out);
            }
            // one error at the very end proves the whole file was read
            id++;
            text.append(",\n{\"id\": ")
                    .append(id)
                    .append(", \"image_id\": 1, \"category_id\": 1, \"bbox\": [630, 10, 20, 20]}\n],\n");
            text.append("\"categories\": [");
            for (int c = 1; c <= CATEGORIES; c++) {
                text.append(c == 1 ? "" : ", ")
                        .append("{\"id\": ")
                        .append(c)
                        .append(", \"name\": \"class")
                        .append(c)
                        .append("\"}");
            }
            text.append("]}\n");
            out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return id;
    }

    private static int flush(StringBuilder text, OutputStream out) throws IOException {
        if (text.length() < (1 << 15)) {
            return 0;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        out.write(bytes);
        text.setLength(0);
        return bytes.length;
    }
}
