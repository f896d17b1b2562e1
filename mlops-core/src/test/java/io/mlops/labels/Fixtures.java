package io.mlops.labels;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Test data: the hand-written label fixtures under {@code src/test/resources/io/mlops/labels/fixtures}
 * and real image files of chosen sizes to go with them.
 */
public final class Fixtures {
    private Fixtures() {}

    /**
     * Copies a fixture directory to a working directory.
     *
     * @param name the fixture, e.g. {@code coco}
     * @param into where to copy it
     * @return the copy's root
     */
    public static Path copy(String name, Path into) {
        URL url = Fixtures.class.getResource("fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("no fixture " + name);
        }
        try {
            Path source = Path.of(url.toURI());
            Path target = into.resolve(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a real image file; the format follows the extension (png, jpg, gif, bmp, tif).
     *
     * @param file where to write
     * @param width its width
     * @param height its height
     * @return the file
     */
    public static Path image(Path file, int width, int height) {
        String name = file.getFileName().toString();
        String format =
                name.substring(name.lastIndexOf('.') + 1).replace("jpg", "jpeg").replace("tif", "tiff");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x88, 0xaa, 0xcc));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.drawLine(0, 0, width - 1, height - 1);
        g.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
