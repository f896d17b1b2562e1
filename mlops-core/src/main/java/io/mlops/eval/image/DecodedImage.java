package io.mlops.eval.image;

import io.mlops.error.UserError;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An image decoded to 8-bit RGB, row-major, three bytes per pixel.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param rgb the pixels
 */
public record DecodedImage(int width, int height, byte[] rgb) {
    /** Checks the pixel count. */
    public DecodedImage {
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " image needs " + width * height * 3 + " bytes");
        }
    }

    /**
     * Decodes a PNG, JPEG, BMP or GIF file (common PNGs through a fast path, the rest through ImageIO).
     *
     * @param file the file
     * @return the image
     * @throws UserError naming the file when it cannot be decoded
     */
    public static DecodedImage read(Path file) {
        BufferedImage image;
        try {
            byte[] bytes = Files.readAllBytes(file);
            DecodedImage png = PngDecoder.decode(bytes);
            if (png != null) {
                return png;
            }
            // in memory: ImageIO.read(InputStream) would spool each image to a temporary file
            image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot decode image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new UserError("cannot decode image " + file + ": not a PNG, JPEG, BMP or GIF file");
        }
        return of(image);
    }

    /**
     * Converts a Java image, reading the raster directly for the common byte layouts.
     *
     * @param image the image
     * @return its RGB pixels
     */
    public static DecodedImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int type = image.getType();
        if ((type == BufferedImage.TYPE_3BYTE_BGR
                        || type == BufferedImage.TYPE_BYTE_GRAY
                        || type == BufferedImage.TYPE_4BYTE_ABGR)
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getParent() == null) {
            byte[] data = buffer.getData();
            int channels = type == BufferedImage.TYPE_BYTE_GRAY ? 1 : type == BufferedImage.TYPE_3BYTE_BGR ? 3 : 4;
            for (int p = 0, n = w * h; p < n; p++) {
                int s = p * channels;
                if (channels == 1) {
                    rgb[p * 3] = rgb[p * 3 + 1] = rgb[p * 3 + 2] = data[s];
                } else {
                    int o = channels == 4 ? 1 : 0; // ABGR: skip alpha
                    rgb[p * 3] = data[s + o + 2];
                    rgb[p * 3 + 1] = data[s + o + 1];
                    rgb[p * 3 + 2] = data[s + o];
                }
            }
            return new DecodedImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                rgb[p] = (byte) (row[x] >> 16);
                rgb[p + 1] = (byte) (row[x] >> 8);
                rgb[p + 2] = (byte) row[x];
            }
        }
        return new DecodedImage(w, h, rgb);
    }

    // a record compares arrays by identity; these compare their contents
    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedImage that
                && width == that.width
                && height == that.height
                && Arrays.equals(rgb, that.rgb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height) * 31 + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + "]";
    }
}
