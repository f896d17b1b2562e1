package io.mlops.cli.labels;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes small COCO datasets for command tests: real PNG images and a label file whose classes are
 * drawn from a chosen distribution.
 */
public final class Datasets {
    /** The classes of every generated dataset, in category id order 1, 2, 3... */
    public static final String[] CLASSES = {"car", "person", "bicycle", "dog", "bus"};

    private Datasets() {}

    /**
     * Writes a dataset: {@code images} PNGs of 64 x 48 with {@code boxesPerImage} boxes each.
     *
     * @param dir the dataset directory to create
     * @param shares the share of each class in {@link #CLASSES}
     * @param images how many images
     * @param boxesPerImage how many boxes on each
     * @param seed the random seed of the draws
     * @return the label file, {@code dir/labels.json}
     */
    public static Path coco(Path dir, double[] shares, int images, int boxesPerImage, long seed) {
        Random random = new Random(seed);
        StringBuilder json = new StringBuilder("{\"images\": [");
        for (int i = 1; i <= images; i++) {
            png(dir.resolve("img" + i + ".png"), 64, 48);
            json.append(i == 1 ? "" : ",")
                    .append("{\"id\": ")
                    .append(i)
                    .append(", \"file_name\": \"img")
                    .append(i)
                    .append(".png\", \"width\": 64, \"height\": 48}");
        }
        json.append("],\n\"annotations\": [");
        int id = 1;
        for (int i = 1; i <= images; i++) {
            for (int b = 0; b < boxesPerImage; b++) {
                json.append(id == 1 ? "" : ",\n")
                        .append(String.format(
                                Locale.ROOT,
                                "{\"id\": %d, \"image_id\": %d, \"category_id\": %d, \"bbox\": [%d, %d, 10, 8]}",
                                id++,
                                i,
                                1 + draw(shares, random),
                                random.nextInt(50),
                                random.nextInt(38)));
            }
        }
        json.append("],\n\"categories\": [");
        for (int c = 0; c < CLASSES.length; c++) {
            json.append(c == 0 ? "" : ",")
                    .append("{\"id\": ")
                    .append(c + 1)
                    .append(", \"name\": \"")
                    .append(CLASSES[c])
                    .append("\"}");
        }
        json.append("]}\n");
        try {
            return Files.writeString(dir.resolve("labels.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a PNG of a given size.
     *
     * @param file the file
     * @param width its width
     * @param height its height
     */
    public static void png(Path file, int width, int height) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int draw(double[] shares, Random random) {
        double pick = random.nextDouble();
        int i = 0;
        while (i < shares.length - 1 && pick > shares[i]) {
            pick -= shares[i];
            i++;
        }
        return i;
    }
}
