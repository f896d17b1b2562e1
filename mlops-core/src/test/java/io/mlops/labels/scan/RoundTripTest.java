package io.mlops.labels.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.labels.Annotation;
import io.mlops.labels.Fixtures;
import io.mlops.labels.LabelSet;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COCO to YOLO and back keeps every box: same images, same classes, same boxes within the
 * precision YOLO's six decimals allow; and pycocotools loads what the COCO writer writes.
 */
class RoundTripTest {
    /** YOLO keeps six decimals of a fraction of the image size: half a millionth of 200 px. */
    private static final double TOLERANCE = 1e-3;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryBoxFromCocoThroughYoloBackToCoco() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path original = writeRandomCoco(images, dir.resolve("original.json"), new Random(42));

        LabelConversion.convert(
                new LabelSource(LabelFormat.COCO, original, images),
                LabelFormat.YOLO,
                dir.resolve("yolo"),
                false,
                false,
                ProgressListener.NONE);
        ConversionResult back = LabelConversion.convert(
                new LabelSource(LabelFormat.YOLO, dir.resolve("yolo"), images),
                LabelFormat.COCO,
                dir.resolve("back.json"),
                false,
                false,
                ProgressListener.NONE);

        LabelSet before = read(LabelFormat.COCO, original, images);
        LabelSet after = read(LabelFormat.COCO, dir.resolve("back.json"), images);
        assertThat(back.report().passed()).isTrue();
        assertThat(after.images()).hasSameSizeAs(before.images());
        assertThat(after.annotations()).hasSameSizeAs(before.annotations());
        Map<String, List<String>> expected = boxesByFile(before);
        Map<String, List<String>> actual = boxesByFile(after);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String file : expected.keySet()) {
            List<double[]> want = parse(expected.get(file));
            List<double[]> got = parse(actual.get(file));
            assertThat(got).as(file).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                assertThat(got.get(i)[0]).as("class of box %d of %s", i, file).isEqualTo(want.get(i)[0]);
                for (int k = 1; k < 5; k++) {
                    assertThat(Math.abs(got.get(i)[k] - want.get(i)[k]))
                            .as("coordinate %d of box %d of %s", k, i, file)
                            .isLessThan(TOLERANCE);
                }
            }
        }
    }

    @Test
    void shouldWriteCocoThatPycocotoolsLoads() throws IOException {
        Path python = Peers.program("python");
        Path images = Files.createDirectories(dir.resolve("images"));
        Path original = writeRandomCoco(images, dir.resolve("original.json"), new Random(7));
        Path written = dir.resolve("written.json");
        LabelConversion.convert(
                new LabelSource(LabelFormat.COCO, original, images),
                LabelFormat.COCO,
                written,
                false,
                false,
                ProgressListener.NONE);
        LabelSet labels = read(LabelFormat.COCO, written, images);

        Processes.Result result = Processes.run(
                dir,
                List.of(
                        python.toString(),
                        "-c",
                        "import sys\nfrom pycocotools.coco import COCO\nc = COCO(sys.argv[1])\n"
                                + "print('counts', len(c.getImgIds()), len(c.getAnnIds()), len(c.getCatIds()))\n",
                        written.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("counts " + labels.images().size() + " "
                        + labels.annotations().size() + " "
                        + labels.categories().size());
    }

    private static LabelSet read(LabelFormat format, Path path, Path images) {
        LabelSet.Collector collector = LabelSet.collector();
        format.reader().read(path, images, collector, ProgressListener.NONE);
        return collector.labels();
    }

    /** Boxes per image file as "class x y w h", sorted, with classes by name. */
    private static Map<String, List<String>> boxesByFile(LabelSet labels) {
        Map<Integer, String> names = new HashMap<>();
        labels.categories().forEach(c -> names.put(c.id(), c.name()));
        Map<Long, String> files = new HashMap<>();
        labels.images().forEach(i -> files.put(i.id(), i.fileName()));
        Map<String, List<String>> boxes = new HashMap<>();
        labels.images().forEach(i -> boxes.put(i.fileName(), new ArrayList<>()));
        for (Annotation a : labels.annotations()) {
            boxes.get(files.get(a.imageId()))
                    .add(String.format(
                            Locale.ROOT,
                            "%s %.6f %.6f %.6f %.6f",
                            names.get(a.categoryId()),
                            a.box().x(),
                            a.box().y(),
                            a.box().width(),
                            a.box().height()));
        }
        boxes.values().forEach(list -> list.sort(null));
        return boxes;
    }

    private static List<double[]> parse(List<String> boxes) {
        List<double[]> parsed = new ArrayList<>();
        for (String box : boxes) {
            String[] parts = box.split(" ");
            parsed.add(new double[] {
                parts[0].hashCode(),
                Double.parseDouble(parts[1]),
                Double.parseDouble(parts[2]),
                Double.parseDouble(parts[3]),
                Double.parseDouble(parts[4])
            });
        }
        return parsed;
    }

    /** 40 images with 0 to 12 boxes each at arbitrary sub-pixel positions, 5 classes with gaps in their ids. */
    static Path writeRandomCoco(Path images, Path file, Random random) throws IOException {
        StringBuilder json = new StringBuilder("{\"images\": [");
        List<LabeledImage> list = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            LabeledImage image =
                    new LabeledImage(i, "img" + i + ".png", 40 + random.nextInt(200), 30 + random.nextInt(200));
            Fixtures.image(images.resolve(image.fileName()), image.width(), image.height());
            list.add(image);
            json.append(i == 1 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"id\": %d, \"file_name\": \"%s\", \"width\": %d, \"height\": %d}",
                            image.id(),
                            image.fileName(),
                            image.width(),
                            image.height()));
        }
        json.append("], \"annotations\": [");
        int[] categoryIds = {1, 3, 7, 8, 90};
        int id = 1;
        for (LabeledImage image : list) {
            int boxes = random.nextInt(13);
            for (int b = 0; b < boxes; b++) {
                double w = 1 + random.nextDouble() * (image.width() - 1);
                double h = 1 + random.nextDouble() * (image.height() - 1);
                double x = random.nextDouble() * (image.width() - w);
                double y = random.nextDouble() * (image.height() - h);
                json.append(id == 1 ? "" : ",")
                        .append(String.format(
                                Locale.ROOT,
                                "{\"id\": %d, \"image_id\": %d, \"category_id\": %d, \"bbox\": [%.4f, %.4f, %.4f, %.4f],"
                                        + " \"area\": %.4f, \"iscrowd\": 0, \"segmentation\": []}",
                                id++,
                                image.id(),
                                categoryIds[random.nextInt(categoryIds.length)],
                                x,
                                y,
                                w,
                                h,
                                w * h));
            }
        }
        json.append("], \"categories\": [");
        for (int c = 0; c < categoryIds.length; c++) {
            json.append(c == 0 ? "" : ",")
                    .append("{\"id\": ")
                    .append(categoryIds[c])
                    .append(", \"name\": \"class")
                    .append(categoryIds[c])
                    .append("\"}");
        }
        json.append("]}");
        return Files.writeString(file, json);
    }
}
